import type { SetAttribute, ValueSource } from './types.js';

/**
 * Any JSON record as (path, value) leaves, so one reader covers nested profiles (category →
 * attribute → sub-attribute → string, the authors' shape), flat records (OpenCharacter's
 * `Name`, `Age`, `Personality`, …) and our personas.jsonl. Rules:
 * - an object is a level (its keys extend the path);
 * - an object holding a string `value` is one leaf, its other keys metadata (our JSONL: `origin`
 *   gives the source; a `path` array or dotted string, when present, replaces the trail);
 * - an array repeats its items at the same path (a list of hobbies is several values);
 * - strings (trimmed, non-empty), numbers and booleans are values; null is nothing.
 */

const MAX_DEPTH = 32;

/** Our JSONL origins → the neutral sources; a corpus value's kind (human or LLM-written) is not in the file. */
const ORIGIN_SOURCE: Record<string, ValueSource | undefined> = { anchor: 'anchor', llm: 'llm', human: 'human', 'llm-corpus': 'llm-corpus' };

export function flattenRecord(value: unknown, trail: string[] = [], out: SetAttribute[] = [], depth = 0): SetAttribute[] {
  if (depth > MAX_DEPTH || value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    for (const item of value) flattenRecord(item, trail, out, depth + 1);
  } else if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.value === 'string') {
      const path = Array.isArray(o.path) ? o.path.map(String) : typeof o.path === 'string' ? o.path.split(/\s*(?:›|\.)\s*/) : trail;
      const source = ORIGIN_SOURCE[String(o.source ?? o.origin ?? '')];
      pushLeaf(out, path, o.value, source);
    } else {
      for (const [k, v] of Object.entries(o)) flattenRecord(v, [...trail, k], out, depth + 1);
    }
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    pushLeaf(out, trail, String(value));
  }
  return out;
}

function pushLeaf(out: SetAttribute[], path: string[], raw: string, source?: ValueSource): void {
  const value = raw.replace(/\s+/g, ' ').trim();
  if (!value || path.length === 0) return;
  out.push({ path, value, ...(source ? { source } : {}) });
}
