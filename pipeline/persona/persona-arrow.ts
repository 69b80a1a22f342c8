import { type ArrowColumn, type ArrowRow } from '../export/arrow-writer.js';
import { scrubPersona } from './persona-output.js';
import type { Persona } from './types.js';

/**
 * `personas export --format arrow`: the personas flattened to one row per attribute, in persona
 * then attribute order, so a dataframe can group by root, path or value without walking the
 * JSONL's nesting. Each row repeats its persona's anchors (the ones a table is usually split by);
 * the summary and the full anchor records stay in the JSONL. Texts are PII-scrubbed as every
 * export's are (scrubPersona).
 */

const utf8 = (name: string, nullable = false): ArrowColumn => ({ name, type: 'utf8', nullable });
const int32 = (name: string): ArrowColumn => ({ name, type: 'int32' });

export const PERSONA_ARROW_COLUMNS: ArrowColumn[] = [
  utf8('persona_id'), int32('run_seed'), int32('persona_index'), int32('taxonomy_version'),
  int32('anchor_age'), utf8('anchor_sex'), utf8('anchor_country'), utf8('anchor_city'), utf8('anchor_occupation', true),
  int32('position'), utf8('root'), utf8('path'), utf8('label'), utf8('value'), utf8('polarity'), utf8('origin'), utf8('stratum'), utf8('value_type'),
  utf8('node_id'), utf8('facet_id', true), utf8('llm_call_id', true),
];

/** A persona's attributes as arrow rows; `position` is the attribute's 0-based place in the persona. */
export function personaArrowRows(raw: Persona, taxonomyVersion: number): ArrowRow[] {
  const p = scrubPersona(raw);
  const persona = {
    persona_id: p.personaId, run_seed: p.seed, persona_index: p.index, taxonomy_version: taxonomyVersion,
    anchor_age: p.anchors.age, anchor_sex: p.anchors.sex, anchor_country: p.anchors.country.iso2, anchor_city: p.anchors.city.name,
    anchor_occupation: p.anchors.occupation?.title ?? null,
  };
  return p.attributes.map((a, position) => ({
    ...persona, position, root: a.root, path: a.path, label: a.label, value: a.value, polarity: a.polarity, origin: a.origin,
    stratum: a.stratum, value_type: a.valueType, node_id: a.nodeId, facet_id: a.facetId ?? null, llm_call_id: a.llmCallId,
  }));
}
