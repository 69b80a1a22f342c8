import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import type { LlmClient } from '../llm/client.js';
import type { Store } from '../store/store.js';
import { generatePersona, type GeneratedPersona, type GenerateContext } from './generate-persona.js';
import { generatePersonaWithLlm, type LlmPersona } from './llm/generate-with-llm.js';
import { clearPersonas, personaLine, writePersonaChunk } from './persona-output.js';
import type { PersonaPool } from './workers/persona-pool.js';

/**
 * Generates personas [start, start + count) and streams them out: one store transaction and one
 * JSONL write per chunk, nothing kept but counters, so memory stays flat at 100,000 personas. The
 * JSONL goes to a temporary file renamed over `jsonlPath` at the end: a killed run leaves the
 * previous file intact and at most one uncommitted chunk in the store (the next run replaces the
 * range anyway). Persona i depends only on (seed, i, taxonomy version), so ranges concatenate:
 * 0–99 then 100–199 equals 0–199.
 */

export interface PersonaRunOptions {
  store: Store;
  ctx: GenerateContext;
  start: number;
  count: number;
  jsonlPath: string;
  /** Replace every persona of this seed and version (the stage) or only the range (a CLI slice). */
  clear: 'all' | 'range';
  /** The LLM paths, when configured; otherwise offline. */
  llm?: { client: LlmClient; flush(): Promise<void>; personasAtOnce?: number };
  /** Worker threads for offline generation (output is identical with or without). */
  pool?: PersonaPool;
  chunkSize?: number;
  /** DuckDB memory limit while streaming (see capStoreMemory). Default '128MB'. */
  storeMemory?: string;
  onChunk?: (done: number, total: number) => void;
}

export interface PersonaRunCounts {
  personas: number;
  attributes: number;
  minAttributes: number;
  roots: number;
  repairs: number;
  dropped: number;
  violations: number;
  personasWithViolations: number;
  llmValues: number;
  llmFlagged: number;
}

export async function runPersonas(opts: PersonaRunOptions): Promise<PersonaRunCounts> {
  const { store, ctx, start, count, jsonlPath, llm } = opts;
  const chunkSize = opts.chunkSize ?? 100;
  await clearPersonas(store, ctx, opts.clear === 'all' ? 0 : start, opts.clear === 'all' ? undefined : start + count);
  const counts: PersonaRunCounts = { personas: 0, attributes: 0, minAttributes: count > 0 ? Infinity : 0, roots: 0, repairs: 0, dropped: 0, violations: 0, personasWithViolations: 0, llmValues: 0, llmFlagged: 0 };
  const roots = new Set<string>();
  mkdirSync(dirname(jsonlPath), { recursive: true }); // --outputs or --out may name a folder not made yet
  const tmp = `${jsonlPath}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const end = start + count;
  // DuckDB keeps every block it wrote cached up to its memory limit (80% of RAM by default), so a
  // 100,000-persona run grew by ~4 MB per 1,000 personas; a small limit while streaming keeps it
  // flat at no measured cost (written blocks are on disk and simply evicted).
  const restoreLimit = await capStoreMemory(store, opts.storeMemory ?? '128MB');
  // Chunk k + 1 is generated (on the pool's threads, or awaiting the LLM) while chunk k is written.
  const produce = async (from: number): Promise<(GeneratedPersona | LlmPersona)[]> => {
    const to = Math.min(from + chunkSize, end);
    const indices = Array.from({ length: to - from }, (_, k) => from + k);
    // A persona's LLM calls depend on each other; different personas' do not: the chunk's personas
    // run together and the client's queue bounds the calls in flight (results keep index order).
    if (llm) {
      const limit = pLimit(llm.personasAtOnce ?? 8);
      return Promise.all(indices.map((i) => limit(() => generatePersonaWithLlm(ctx, i, llm.client))));
    }
    if (opts.pool) return opts.pool.generate(from, to);
    return indices.map((i) => generatePersona(ctx, i));
  };
  let writing: Promise<void> = Promise.resolve();
  let next = start < end ? produce(start) : undefined;
  try {
    for (let from = start; from < end; from += chunkSize) {
      const generated = await next!;
      next = from + chunkSize < end ? produce(from + chunkSize) : undefined;
      let text = '';
      for (const g of generated) {
        tally(counts, roots, g);
        text += `${personaLine(g.persona)}\n`;
      }
      await writing;
      // LLM answers are cached before the rows citing their call ids are committed.
      await llm?.flush();
      writing = writePersonaChunk(store, generated.map((g) => g.persona), ctx.taxonomyVersion, ctx.variant);
      if (!out.write(text)) await once(out, 'drain');
      opts.onChunk?.(counts.personas, count);
    }
    await writing;
    out.end();
    await once(out, 'finish');
    renameSync(tmp, jsonlPath);
  } catch (error) {
    await Promise.allSettled([writing, next]);
    await restoreLimit();
    out.destroy();
    rmSync(tmp, { force: true });
    throw error;
  }
  await restoreLimit();
  counts.roots = roots.size;
  if (counts.minAttributes === Infinity) counts.minAttributes = 0;
  return counts;
}

function tally(counts: PersonaRunCounts, roots: Set<string>, g: GeneratedPersona | LlmPersona): void {
  const n = g.persona.attributes.length;
  counts.personas++;
  counts.attributes += n;
  counts.minAttributes = Math.min(counts.minAttributes, n);
  for (const a of g.persona.attributes) roots.add(a.root);
  counts.repairs += g.repairs.length;
  counts.dropped += g.dropped;
  counts.violations += g.remaining.length;
  counts.personasWithViolations += g.remaining.length > 0 ? 1 : 0;
  if ('callIds' in g) {
    counts.llmValues += g.llmValues;
    counts.llmFlagged += g.llmFlagged;
  }
}

/**
 * Lowers DuckDB's memory limit; the returned function restores the one before (RESET would go to
 * DuckDB's own default, 80% of RAM, not the limit the store was opened or the stage run with).
 */
async function capStoreMemory(store: Store, limit: string): Promise<() => Promise<void>> {
  const before = await store.memoryLimit();
  await store.setMemoryLimit(limit);
  let restored = false;
  return async () => {
    if (restored) return;
    restored = true;
    await store.setMemoryLimit(before);
  };
}
