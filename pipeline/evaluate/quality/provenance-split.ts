import { type PersonaSet, type QualityMetric, SOURCE_KINDS, notApplicable } from './persona-set.js';

/**
 * Provenance by source kind: the share of all values whose text came from real people, from an
 * LLM-written corpus, from anchors, or from an LLM at generation time, plus the share whose source
 * is unknown. Not applicable when no value of the set carries a source: a set without provenance
 * is never given one.
 */
export function provenanceMetrics(set: PersonaSet): QualityMetric[] {
  const counts = new Map<string, number>([...SOURCE_KINDS.map((k) => [k, 0] as const), ['unknown', 0]]);
  let total = 0;
  for (const p of set.personas) {
    for (const a of p.attributes) {
      total++;
      const k = a.source ?? 'unknown';
      counts.set(k, counts.get(k)! + 1);
    }
  }
  const kinds = [...SOURCE_KINDS, 'unknown'];
  if (total === 0 || counts.get('unknown') === total) {
    const why = total === 0 ? 'the set has no attribute values' : 'no value in the set carries a source';
    return kinds.map((k) => notApplicable(`provenance.${k}Share`, `share of values from source kind "${k}"`, why));
  }
  const label: Record<string, string> = { human: 'real human text', 'llm-corpus': 'an LLM-written corpus', anchor: 'population anchors', llm: 'an LLM at generation time', unknown: 'an unknown source' };
  return kinds.map((k) => ({ metric: `provenance.${k}Share`, description: `share of values from ${label[k]}`, value: counts.get(k)! / total, applicable: true }));
}
