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
import { MAX_NESTING_DEPTH, cleanJson, countLoneSurrogates, mayHoldLoneSurrogate, scanRecord } from './record-checks.js';

export type { SourceFormat } from './detect-format.js';

export interface SourceTurn { role: Role; text: string }

/**
 * `index` is the record's 0-based ordinal among the records read (blank JSONL lines not counted):
 * unlike `line`, it stays unique when a minified JSON array puts many records on one line.
 */
export type ParsedRecord =
  | {
    ok: true; line: number; index: number; externalId: string; turns: SourceTurn[]; meta: Record<string, unknown>;
    /** Lone surrogates in turn texts and meta that were replaced by U+FFFD; absent when none. */
    loneSurrogates?: number;
  }
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
    let record: ParsedRecord;
    try {
      record = adaptRecord(adapter, item, { line, index, topic }, maxTurnBytes);
    } catch (e) {
      // A bug or a limit we did not foresee costs this record, never the rest of the file.
      record = { ok: false, line, index, reason: `could not read the record: ${(e as Error).message}`, excerpt: '' };
    }
    if (record.ok) {
      const first = firstLineOf.get(record.externalId);
      if (first !== undefined) record = { ok: false, line, index, reason: `duplicate conversation id ${JSON.stringify(record.externalId)} (first at line ${first})`, excerpt: '' };
      else firstLineOf.set(record.externalId, line);
    }
    yield record.ok ? record : { ...record, excerpt: clip(item.raw) };
  }
}

/** Adapts one parsed value and applies the checks every format shares; the excerpt is filled in by the caller. */
function adaptRecord(adapter: SourceAdapter, { raw, value }: { raw: string; value: unknown }, ctx: AdaptContext, maxTurnBytes: number): ParsedRecord {
  const { line, index } = ctx;
  const reject = (reason: string): ParsedRecord => ({ ok: false, line, index, reason, excerpt: '' });
  const scan = scanRecord(value, { strings: mayHoldLoneSurrogate(raw) });
  if (scan === 'too-deep') return reject(`nested more than ${MAX_NESTING_DEPTH} levels deep (arrays/objects); flatten it`);
  const res = adapter.adapt(value, ctx);
  if (!res.ok) return reject(`wrong shape: ${res.reason}`);
  // An id is kept exact: UTF-8 has no lone surrogates, so storing one would change it (and two ids could merge).
  if (countLoneSurrogates(res.externalId) > 0) return reject(`id ${JSON.stringify(res.externalId)} contains a lone surrogate (half of a UTF-16 pair); fix the id`);
  if (scan === 'ok') {
    const problem = validate(res.turns, maxTurnBytes);
    return problem ? reject(problem) : { ok: true, line, index, externalId: res.externalId, turns: res.turns, meta: res.meta };
  }
  let loneSurrogates = 0;
  const turns = res.turns.map((turn) => {
    const n = countLoneSurrogates(turn.text);
    loneSurrogates += n;
    return n === 0 ? turn : { ...turn, text: turn.text.toWellFormed() };
  });
  const meta = cleanJson(res.meta);
  const at = (path: string) => (path === '' ? 'meta' : `meta at "${path}"`);
  if (meta.outOfRange !== undefined) return reject(`number out of range in ${at(meta.outOfRange)} (it parses as Infinity)`);
  if (meta.keyClash !== undefined) return reject(`two keys in ${at(meta.keyClash)} differ only in a lone surrogate`);
  loneSurrogates += meta.replaced;
  const problem = validate(turns, maxTurnBytes);
  if (problem) return reject(problem);
  return {
    ok: true, line, index, externalId: res.externalId, turns, meta: meta.value as Record<string, unknown>,
    ...(loneSurrogates > 0 ? { loneSurrogates } : {}),
  };
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
