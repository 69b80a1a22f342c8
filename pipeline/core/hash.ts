import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS: under NodeNext its default import is module.exports, the function itself.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Hash of canonical JSON (RFC 8785), so key order never changes an id or a stage key. */
export const canonicalJson = (value: unknown): string => canonicalize(value) ?? 'null';

export const hashJson = (value: unknown): string => sha256(canonicalJson(value));

/** Short, prefixed, stable id: the same parts always give the same id. */
export const stableId = (prefix: string, ...parts: (string | number)[]): string =>
  `${prefix}_${sha256(parts.join('\u001f')).slice(0, 20)}`;

export interface FileFingerprint {
  sha256: string;
  bytes: number;
  /** Newline count: the denominator of progress bars, which follow record line numbers. */
  lines: number;
}

const fingerprints = new Map<string, FileFingerprint>();

/**
 * Streams the file so a large corpus is fingerprinted without being held in memory; memoized
 * per (path, size, mtime) because the stage key and the ingest both need it in one process.
 */
export async function fingerprintFile(path: string): Promise<FileFingerprint> {
  const stat = statSync(path);
  const memoKey = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  const memo = fingerprints.get(memoKey);
  if (memo) return memo;
  const fingerprint = await computeFingerprint(path);
  fingerprints.set(memoKey, fingerprint);
  return fingerprint;
}

async function computeFingerprint(path: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) lines++;
  }
  return { sha256: hash.digest('hex'), bytes, lines };
}
