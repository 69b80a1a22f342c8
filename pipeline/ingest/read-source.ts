import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PipelineError } from '../core/errors.js';
import type { Role } from '../core/types.js';
import { chatJsonlAdapter } from './adapters/chat-jsonl.js';
import { prefEvalAdapter } from './adapters/prefeval.js';
import { puffinAdapter } from './adapters/puffin.js';
import { detectFormat, type SourceFormat } from './detect-format.js';
import { readJsonArray } from './json-array-reader.js';
import { clip, readLines } from './line-reader.js';

export type { SourceFormat } from './detect-format.js';

export interface SourceTurn { role: Role; text: string }

/**
 * `index` is the record's 0-based ordinal among the records read (blank JSONL lines not counted):
 * unlike `line`, it stays unique when a minified JSON array puts many records on one line.
 */
export type ParsedRecord =
  | { ok: true; line: number; index: number; externalId: string; turns: SourceTurn[]; meta: Record<string, unknown> }
  | { ok: false; line: number; index: number; reason: string; excerpt: string };

/** `index` as in ParsedRecord; `topic` is the file name without its extension. */
export interface AdaptContext { line: number; index: number; topic: string }

/** Adapters report only the shape problem; read-source adds the "wrong shape: " prefix. */
export type AdaptResult =
  | { ok: true; externalId: string; turns: SourceTurn[]; meta: Record<string, unknown> }
  | { ok: false; reason: string };

export interface SourceAdapter {
  name: SourceFormat;
  container: 'jsonl' | 'json-array';
  license: string;
  isSynthetic: boolean;
  adapt(value: unknown, ctx: AdaptContext): AdaptResult;
}

export interface OpenSourceOptions {
  format: 'auto' | SourceFormat;
  /** Default 100_000. */
  maxTurnBytes?: number;
  /** Overrides the adapter's license (chat-jsonl's is "unknown"). */
  license?: string;
}

export interface Source {
  adapter: SourceFormat;
  license: string;
  isSynthetic: boolean;
  records(): AsyncIterable<ParsedRecord>;
}

export const DEFAULT_MAX_TURN_BYTES = 100_000;
const ADAPTERS: Record<SourceFormat, SourceAdapter> = {
  puffin: puffinAdapter,
  prefeval: prefEvalAdapter,
  'chat-jsonl': chatJsonlAdapter,
};

type RawItem =
  | { ok: true; line: number; index: number; raw: string; value: unknown }
  | { ok: false; line: number; index: number; reason: string; excerpt: string };

async function* jsonlItems(path: string): AsyncGenerator<RawItem> {
  let index = 0;
  for await (const item of readLines(path)) {
    if (item.ok && item.text.trim() === '') continue;
    const idx = index++;
    if (!item.ok) { yield { ...item, index: idx }; continue; }
    try {
      yield { ok: true, line: item.line, index: idx, raw: item.text, value: JSON.parse(item.text) as unknown };
    } catch (e) {
      yield { ok: false, line: item.line, index: idx, reason: `malformed JSON: ${(e as Error).message}`, excerpt: clip(item.text) };
    }
  }
}

/** Checks every adapter shares, so each rejection reason is worded the same whatever the source. */
function validate(turns: SourceTurn[], maxTurnBytes: number): string | undefined {
  if (turns.length === 0) return 'no turns';
  for (const [i, t] of turns.entries()) {
    if (t.text.trim() === '') return `empty turn ${i + 1} (${t.role})`;
    const bytes = Buffer.byteLength(t.text, 'utf8');
    if (bytes > maxTurnBytes) return `turn ${i + 1} is ${bytes} bytes, over maxTurnBytes ${maxTurnBytes}`;
  }
  return undefined;
}

async function* parse(path: string, adapter: SourceAdapter, maxTurnBytes: number): AsyncGenerator<ParsedRecord> {
  const topic = basename(path).replace(/\.(jsonl?|ndjson)$/i, '');
  const firstLineOf = new Map<string, number>(); // only accepted records claim an id
  const items = adapter.container === 'jsonl' ? jsonlItems(path) : readJsonArray(path);
  for await (const item of items) {
    if (!item.ok) { yield { ok: false, line: item.line, index: item.index, reason: item.reason, excerpt: item.excerpt }; continue; }
    const { line, index } = item;
    const reject = (reason: string): ParsedRecord => ({ ok: false, line, index, reason, excerpt: clip(item.raw) });
    const res = adapter.adapt(item.value, { line, index, topic });
    if (!res.ok) { yield reject(`wrong shape: ${res.reason}`); continue; }
    const problem = validate(res.turns, maxTurnBytes);
    if (problem) { yield reject(problem); continue; }
    const first = firstLineOf.get(res.externalId);
    if (first !== undefined) { yield reject(`duplicate conversation id ${JSON.stringify(res.externalId)} (first at line ${first})`); continue; }
    firstLineOf.set(res.externalId, line);
    yield { ok: true, line, index, externalId: res.externalId, turns: res.turns, meta: res.meta };
  }
}

/** The ingest stage's single entry point: resolves the format, then streams one ParsedRecord per record read. */
export async function openSource(path: string, opts: OpenSourceOptions): Promise<Source> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new PipelineError('INPUT', `${path}: no such file`, 'check the path, or pass an absolute one');
    throw new PipelineError('INPUT', `${path}: cannot read (${e.code ?? e.message})`, 'check the file permissions');
  });
  if (!info.isFile()) throw new PipelineError('INPUT', `${path}: not a regular file`, 'pass a .jsonl or .json file, not a directory');
  const maxTurnBytes = opts.maxTurnBytes ?? DEFAULT_MAX_TURN_BYTES;
  if (!Number.isInteger(maxTurnBytes) || maxTurnBytes <= 0) throw new PipelineError('USAGE', `maxTurnBytes must be a positive integer, got ${maxTurnBytes}`);

  let format: SourceFormat | undefined;
  if (opts.format === 'auto') format = await detectFormat(path);
  else if (Object.hasOwn(ADAPTERS, opts.format)) format = opts.format;
  else throw new PipelineError('USAGE', `unknown format ${JSON.stringify(opts.format)}`, 'use auto, puffin, prefeval or chat-jsonl');
  if (!format) {
    throw new PipelineError('INPUT', `${path}: cannot detect the input format`, 'pass the format explicitly: puffin, prefeval or chat-jsonl');
  }
  const adapter = ADAPTERS[format];
  return {
    adapter: adapter.name,
    license: opts.license ?? adapter.license,
    isSynthetic: adapter.isSynthetic,
    records: () => parse(path, adapter, maxTurnBytes),
  };
}
