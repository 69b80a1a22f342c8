import { scrubDeep, scrubText } from '../privacy/scrub-output.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { openWriteBatch } from '../store/write-batch.js';
import type { Persona, PersonaAttribute } from './types.js';

/**
 * Where generated personas go: the `personas` / `persona_attributes` tables (one transaction per
 * chunk) and one JSON line per persona for outputs/personas.jsonl.
 */

const TABLES = ['personas', 'persona_attributes'] as const;

/** A chosen attribute as the JSONL shows it: the value, and whether it is liked, disliked or a plain fact. */
export interface AttributeEntry {
  value: string;
  polarity: PersonaAttribute['polarity'];
  origin: PersonaAttribute['origin'];
  stratum: PersonaAttribute['stratum'];
  /** The taxonomy leaf and, when split, the value facet the attribute was drawn from. */
  node_id: string;
  facet_id?: string;
  llm_call_id?: string;
}
export type NestedAttributes = { [part: string]: NestedAttributes | AttributeEntry };

/** Attributes nested root → category → attribute (the path's parts); the path always starts at the root. */
export function nestAttributes(attributes: readonly PersonaAttribute[]): NestedAttributes {
  const out: NestedAttributes = {};
  for (const a of attributes) {
    const parts = a.path.split('.');
    if (parts[0] !== a.root) parts.unshift(a.root);
    let at = out;
    for (const part of parts.slice(0, -1)) {
      const next = at[part];
      if (next && !isEntry(next)) at = next;
      else {
        // A facet whose path is its node's ("Hobby") beside facets below it ("Hobby.Fishing"): it moves
        // one level down under its own name instead of being overwritten.
        const below: NestedAttributes = next ? { [part]: next } : {};
        at = at[part] = below;
      }
    }
    const entry: AttributeEntry = {
      value: a.value, polarity: a.polarity, origin: a.origin, stratum: a.stratum, node_id: a.nodeId,
      ...(a.facetId ? { facet_id: a.facetId } : {}), ...(a.llmCallId ? { llm_call_id: a.llmCallId } : {}),
    };
    const last = parts.at(-1)!;
    const held = at[last];
    if (held && !isEntry(held)) held[last] = entry;
    else at[last] = entry;
  }
  return out;
}

const isEntry = (x: NestedAttributes | AttributeEntry): x is AttributeEntry => typeof (x as AttributeEntry).value === 'string' && 'polarity' in x;

/**
 * The persona with its text PII-scrubbed (privacy/scrub-output.ts), for every way it leaves the
 * store (JSONL, exports, the card): attribute paths, roots, labels and values, the summary, the
 * LLM core and the anchors. Field by field, not scrubDeep: ids and enums need no scrub, and at ~250
 * attributes scrubDeep tripled the time to serialise a persona. Call it before a path is split
 * into keys or a text is cut: an email split at its dots is no longer an email to the scrubber.
 */
export function scrubPersona(p: Persona): Persona {
  return {
    ...p,
    anchors: scrubDeep(p.anchors),
    attributes: p.attributes.map((a) => ({ ...a, path: scrubText(a.path), root: scrubText(a.root), label: scrubText(a.label), value: scrubText(a.value) })),
    summary: scrubText(p.summary),
    ...(p.core ? { core: scrubDeep(p.core) } : {}),
  };
}

/** One line of outputs/personas.jsonl (no trailing newline), PII-scrubbed. */
export function personaLine(raw: Persona): string {
  const persona = scrubPersona(raw);
  return JSON.stringify({
    id: persona.personaId,
    seed: persona.seed,
    index: persona.index,
    anchors: persona.anchors,
    attributes: nestAttributes(persona.attributes),
    ...(persona.core ? { core: persona.core } : {}),
    summary: persona.summary,
    node_ids: persona.attributes.map((a) => a.nodeId),
  });
}

/**
 * Deletes the personas of this (seed, taxonomy version) with index ≥ `from` (and < `to` when
 * given) before a run writes its own: ids are reused, and a smaller rerun must not leave higher
 * indices behind. Its own transaction: DuckDB can reject re-inserting a key deleted in the same one.
 */
export async function clearPersonas(store: Store, set: { seed: number; taxonomyVersion: number; variant?: string }, from = 0, to?: number): Promise<void> {
  const where = `run_seed = $1 AND taxonomy_version = $2 AND variant = $3 AND persona_index >= $4${to === undefined ? '' : ' AND persona_index < $5'}`;
  const base = [set.seed, set.taxonomyVersion, set.variant ?? '', from];
  const params = to === undefined ? base : [...base, to];
  await store.transaction(async () => {
    await store.run(`DELETE FROM persona_attributes WHERE persona_id IN (SELECT persona_id FROM personas WHERE ${where})`, params);
    await store.run(`DELETE FROM personas WHERE ${where}`, params);
  });
}

/** Writes one chunk of personas with their attributes in a single transaction. */
export async function writePersonaChunk(store: Store, personas: readonly Persona[], taxonomyVersion: number, variant = ''): Promise<void> {
  const batch = await openWriteBatch(store, TABLES);
  try {
    for (const p of personas) {
      appendRow(batch.to.personas, [p.personaId, p.seed, `${p.seed}:${p.index}`, p.index, taxonomyVersion, JSON.stringify(p.anchors), p.summary, p.core ? JSON.stringify(p.core) : null, variant]);
      p.attributes.forEach((a, position) => {
        appendRow(batch.to.persona_attributes, [p.personaId, a.nodeId, a.path, a.root, a.value, a.polarity, a.origin, a.stratum, a.llmCallId, a.facetId ?? null, position]);
      });
    }
    await batch.commit();
  } catch (error) {
    await batch.rollback();
    throw error;
  }
}
