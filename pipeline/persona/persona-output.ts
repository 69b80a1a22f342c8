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
      at = (next && !isEntry(next) ? next : (at[part] = {})) as NestedAttributes;
    }
    at[parts.at(-1)!] = { value: a.value, polarity: a.polarity, origin: a.origin, stratum: a.stratum };
  }
  return out;
}

const isEntry = (x: NestedAttributes | AttributeEntry): x is AttributeEntry => typeof (x as AttributeEntry).value === 'string' && 'polarity' in x;

/** One line of outputs/personas.jsonl (no trailing newline). */
export function personaLine(persona: Persona): string {
  return JSON.stringify({
    id: persona.personaId,
    seed: persona.seed,
    index: persona.index,
    anchors: persona.anchors,
    attributes: nestAttributes(persona.attributes),
    summary: persona.summary,
    node_ids: persona.attributes.map((a) => a.nodeId),
  });
}

/**
 * Deletes every persona of this (seed, taxonomy version) before a run writes its own: a rerun with
 * other settings reuses the same ids, and a smaller rerun must not leave higher indices behind.
 * Its own transaction: DuckDB can reject re-inserting a key deleted in the same transaction.
 */
export async function clearPersonas(store: Store, seed: number, taxonomyVersion: number): Promise<void> {
  await store.transaction(async () => {
    const ids = 'SELECT persona_id FROM personas WHERE run_seed = $1 AND taxonomy_version = $2';
    await store.run(`DELETE FROM persona_attributes WHERE persona_id IN (${ids})`, [seed, taxonomyVersion]);
    await store.run('DELETE FROM personas WHERE run_seed = $1 AND taxonomy_version = $2', [seed, taxonomyVersion]);
  });
}

/** Writes one chunk of personas with their attributes in a single transaction. */
export async function writePersonaChunk(store: Store, personas: readonly Persona[], taxonomyVersion: number): Promise<void> {
  const batch = await openWriteBatch(store, TABLES);
  try {
    for (const p of personas) {
      appendRow(batch.to.personas, [p.personaId, p.seed, `${p.seed}:${p.index}`, p.index, taxonomyVersion, JSON.stringify(p.anchors), p.summary]);
      for (const a of p.attributes) {
        appendRow(batch.to.persona_attributes, [p.personaId, a.nodeId, a.path, a.root, a.value, a.polarity, a.origin, a.stratum, a.llmCallId, a.facetId ?? null]);
      }
    }
    await batch.commit();
  } catch (error) {
    await batch.rollback();
    throw error;
  }
}
