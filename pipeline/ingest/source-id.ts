import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stableId } from '../core/hash.js';

/**
 * How a file is named in ids and provenance: relative to the working directory when inside it
 * (so a fresh clone gets the same ids), absolute otherwise. Always forward slashes.
 */
export function sourcePathKey(path: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  const key = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return key.split(sep).join('/');
}

export const sourceIdFor = (pathKey: string): string => stableId('src', pathKey);

export const conversationIdFor = (sourceId: string, externalId: string): string => stableId('conv', sourceId, externalId);

/** Includes the text's hash, so an edited turn gets a new id and its old downstream rows go stale. */
export const turnIdFor = (conversationId: string, turnIndex: number, role: string, textSha256: string): string =>
  stableId('turn', conversationId, turnIndex, role, textSha256);

/**
 * The same ids as SQL expressions, so DuckDB can hash a whole chunk of turns set-wise: its sha256
 * hashes a VARCHAR's UTF-8 bytes exactly as `sha256` does a JS string (ingest stores only
 * well-formed text), and an INTEGER cast to VARCHAR prints as `${n}` does.
 */
const stableIdSql = (prefix: string, ...parts: string[]): string => `('${prefix}_' || left(sha256(${parts.join(' || chr(31) || ')}), 20))`;

export const conversationIdSql = (sourceId: string, externalId: string): string => stableIdSql('conv', sourceId, externalId);

export const turnIdSql = (conversationId: string, turnIndex: string, role: string, textSha256: string): string =>
  stableIdSql('turn', conversationId, `CAST(${turnIndex} AS VARCHAR)`, role, textSha256);
