import { readFileSync } from 'node:fs';
import type { PersonaSet, QualityAnchors, QualityAttribute, QualityPersona, SourceKind } from './persona-set.js';
import { foldValue } from './text.js';

/**
 * JSONL persona files into the neutral shape. A line whose `attributes` is an array is already
 * neutral (persona-set.ts) and is taken as it is. Otherwise it is one of our personas.jsonl lines:
 * attributes nested by path down to a leaf `{value, origin, polarity, node_id, facet_id, …}`.
 * Source kinds: origin 'anchor' → anchor, 'llm' → llm; a corpus value's kind is not in the file,
 * so it is looked up in `corpusKinds` (store-evidence.ts builds it from the store's evidence)
 * and left unknown when absent.
 */

/** Keys: `${facet or node id}\u001f${folded value}` → the kind of the text behind that value. */
export type CorpusKinds = ReadonlyMap<string, SourceKind>;
export const corpusKindKey = (id: string, value: string) => `${id}\u001f${foldValue(value)}`;

interface OurLeaf { value: string; origin?: string; polarity?: string; node_id?: string; facet_id?: string }
const isLeaf = (v: unknown): v is OurLeaf => !!v && typeof v === 'object' && typeof (v as OurLeaf).value === 'string';
const POLARITIES = new Set(['positive', 'negative', 'neutral']);

function ourAttributes(node: Record<string, unknown>, path: string[], kinds: CorpusKinds | undefined, out: QualityAttribute[]): void {
  for (const [key, v] of Object.entries(node)) {
    if (isLeaf(v)) {
      const a: QualityAttribute = { path: [...path, key], value: v.value };
      if (v.polarity && POLARITIES.has(v.polarity)) a.polarity = v.polarity as QualityAttribute['polarity'];
      if (v.node_id) a.node = v.node_id;
      const source: SourceKind | undefined =
        v.origin === 'anchor' ? 'anchor' : v.origin === 'llm' ? 'llm' : (kinds?.get(corpusKindKey(v.facet_id ?? '', v.value)) ?? kinds?.get(corpusKindKey(v.node_id ?? '', v.value)));
      if (source) a.source = source;
      out.push(a);
    } else if (v && typeof v === 'object' && !Array.isArray(v)) ourAttributes(v as Record<string, unknown>, [...path, key], kinds, out);
  }
}

/** Our anchors object flattened to the neutral one (names and titles as text). */
function ourAnchors(raw: Record<string, unknown> | undefined): QualityAnchors {
  if (!raw) return {};
  const name = (v: unknown, field: string) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[field] : v);
  const out: QualityAnchors = {};
  if (typeof raw.age === 'number') out.age = raw.age;
  if (typeof raw.sex === 'string') out.sex = raw.sex;
  for (const [key, field] of [['country', 'name'], ['city', 'name'], ['occupation', 'title']] as const) {
    const v = name(raw[key], field);
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function personaFromLine(line: Record<string, unknown>, kinds?: CorpusKinds): QualityPersona {
  const id = String(line.id ?? line.persona_id ?? '');
  if (Array.isArray(line.attributes)) return { ...(line as unknown as QualityPersona), id };
  const attributes: QualityAttribute[] = [];
  if (line.attributes && typeof line.attributes === 'object') ourAttributes(line.attributes as Record<string, unknown>, [], kinds, attributes);
  const summary = typeof line.summary === 'string' ? line.summary : undefined;
  return { id, anchors: ourAnchors(line.anchors as Record<string, unknown> | undefined), attributes, ...(summary ? { summary } : {}) };
}

export function readPersonaJsonl(text: string, name: string, kinds?: CorpusKinds): PersonaSet {
  const personas: QualityPersona[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch (error) {
      throw new Error(`${name}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (!line || typeof line !== 'object' || Array.isArray(line)) throw new Error(`${name}:${i + 1}: expected a persona object`);
    personas.push(personaFromLine(line as Record<string, unknown>, kinds));
  });
  return { name, personas };
}

export const readPersonaJsonlFile = (path: string, kinds?: CorpusKinds, name = path): PersonaSet => readPersonaJsonl(readFileSync(path, 'utf8'), name, kinds);
