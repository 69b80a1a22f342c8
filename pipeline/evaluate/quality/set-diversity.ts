import { distinctValueShare, meanJaccardDistance } from '../metrics/diversity.js';
import type { PairOptions } from '../metrics/pairs.js';
import { type PersonaSet, type QualityMetric, type QualityPersona, notApplicable } from './persona-set.js';
import { foldValue } from './text.js';

/**
 * Diversity over (attribute, value) items, where the attribute is the whole path: mean pairwise
 * Jaccard distance of the personas' item sets (1 = no two personas share an item) and distinct
 * items over all item occurrences. Reuses metrics/diversity.ts with a path key instead of a node
 * id, so any set can be scored; pairs are exact up to 1000 personas, seeded samples above.
 */

const itemKey = (a: { nodeId: string; value: string }) => `${a.nodeId}\u001f${foldValue(a.value)}`;
const items = (p: QualityPersona) => p.attributes.map((a) => ({ nodeId: a.path.join('\u001e'), value: a.value }));

export function setDiversityMetrics(set: PersonaSet, pairs: PairOptions = {}): QualityMetric[] {
  const jd = 'mean pairwise Jaccard distance of (attribute path, value) sets (higher = more diverse)';
  const dr = 'distinct (attribute path, value) items over all item occurrences (higher = more diverse)';
  const personas = set.personas.map((p) => ({ attributes: items(p) }));
  const total = personas.reduce((s, p) => s + p.attributes.length, 0);
  const out: QualityMetric[] = [];
  if (personas.length < 2) out.push(notApplicable('diversity.jaccardDistance', jd, 'needs at least 2 personas'));
  else {
    const sets = personas.map((p) => new Set(p.attributes.map(itemKey)));
    const m = meanJaccardDistance(sets, pairs);
    out.push({ metric: 'diversity.jaccardDistance', description: jd, value: m.mean, applicable: true, note: `${m.pairs} pairs${m.exact ? '' : ' (sampled)'}` });
  }
  if (total === 0) out.push(notApplicable('diversity.distinctItemRatio', dr, 'the set has no attribute values'));
  else out.push({ metric: 'diversity.distinctItemRatio', description: dr, value: distinctValueShare(personas, itemKey), applicable: true });
  return out;
}
