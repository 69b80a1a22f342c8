import { flattenRecord } from './flatten-record.js';
import { inferAnchors } from './infer-anchors.js';
import type { SetAnchors, SetPersona } from './types.js';

/**
 * One persona record of any shape → SetPersona. A record with an `attributes` field (our
 * personas.jsonl, or the neutral `[{path, value, source?}]` list) is read from it, with
 * `anchors` and `summary` beside it; any other record is flattened whole (flatten-record.ts),
 * minus bookkeeping keys, with a summary-like key as its summary. Anchors the record does not
 * give are read from its attributes (infer-anchors.ts).
 */

/** Bookkeeping, not persona content: ids, codes, generation timestamps and indices. */
const BOOKKEEPING = /^(id|uuid|.*[_ ]id|.*[_ ]code|generated at|created at|timestamp|index|profile index|seed|node_ids)$/i;
/** A narrative of the persona, kept as its summary rather than as an attribute. */
const SUMMARY = /^(summary|description|bio|biography|narrative)$/i;

export function recordPersona(record: Record<string, unknown>, fallbackId: string): SetPersona {
  const id = String(record.id ?? record.persona_id ?? record.character_id ?? fallbackId);
  const summaryKey = Object.keys(record).find((k) => SUMMARY.test(k) && typeof record[k] === 'string');
  const hasAttributes = record.attributes !== null && typeof record.attributes === 'object';
  const content = hasAttributes
    ? flattenRecord(record.attributes)
    : Object.entries(record).filter(([k]) => !BOOKKEEPING.test(k) && k !== summaryKey).flatMap(([k, v]) => flattenRecord(v, [k]));
  const summary = summaryKey ? String(record[summaryKey]) : hasAttributes ? undefined : content.map((a) => a.value).join('. ');
  const given = hasAttributes ? givenAnchors(record.anchors) : {};
  const anchors = { ...inferAnchors(content), ...given };
  return { id, attributes: content, ...(Object.keys(anchors).length ? { anchors } : {}), ...(summary ? { summary } : {}) };
}

/** Our JSONL anchors ({age, sex, country: {iso2}}) or the neutral ones ({age, sex, country: "CA"}). */
function givenAnchors(value: unknown): SetAnchors {
  if (value === null || typeof value !== 'object') return {};
  const a = value as Record<string, unknown>;
  const country = typeof a.country === 'string' ? a.country : (a.country as { iso2?: unknown } | undefined)?.iso2;
  return {
    ...(typeof a.age === 'number' && Number.isFinite(a.age) ? { age: a.age } : {}),
    ...(a.sex === 'female' || a.sex === 'male' ? { sex: a.sex } : {}),
    ...(typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? { country } : {}),
  };
}
