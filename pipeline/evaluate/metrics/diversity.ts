import { meanPairwise, type PairOptions, type PairwiseMean } from './pairs.js';
import { empty } from './stats.js';

/**
 * How different personas are from each other. Pairwise means use pairs.ts: exact up to 1000
 * personas, a seeded sample of 200,000 pairs above (both configurable).
 */

export interface ValuedAttribute {
  nodeId: string;
  value: string;
}

/**
 * One attribute–value item: the node id plus the value folded for case, Unicode form and runs of
 * whitespace ("Red " and "red" are one value). The node id keeps "red" as a favourite colour
 * apart from "red" as a car colour. \u001f never occurs in either part.
 */
export function attributeValueKey(a: ValuedAttribute): string {
  return `${a.nodeId}\u001f${a.value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/** Each persona's attribute–value items as a set (a repeated item counts once). */
export function attributeValueSets(personas: readonly { attributes: readonly ValuedAttribute[] }[], key = attributeValueKey): Set<string>[] {
  return personas.map((p) => new Set(p.attributes.map(key)));
}

/** 1 − |A ∩ B| / |A ∪ B|; two empty sets are identical (distance 0). */
export function jaccardDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : 1 - shared / union;
}

/**
 * Mean pairwise Jaccard distance ∈ [0, 1] of the personas' attribute–value sets: 0 when every
 * persona is the same set, 1 when no two share an item. Throws a RangeError below 2 sets.
 */
export function meanJaccardDistance(sets: readonly ReadonlySet<string>[], options: PairOptions = {}): PairwiseMean {
  return meanPairwise(sets.length, (i, j) => jaccardDistance(sets[i]!, sets[j]!), options);
}

/**
 * Distinct attribute–value items over all item occurrences in the population, ∈ (0, 1]: 1 when no
 * value is ever repeated across personas, 1/n when n personas all carry the same items. Every
 * attribute occurrence counts in the denominator (duplicates inside one persona too). `key`
 * decides what "the same value" means (default attributeValueKey; pass (a) => a.value for values
 * regardless of attribute). Throws a RangeError when there is no attribute at all.
 */
export function distinctValueShare(personas: readonly { attributes: readonly ValuedAttribute[] }[], key = attributeValueKey): number {
  const distinct = new Set<string>();
  let total = 0;
  for (const p of personas) {
    for (const a of p.attributes) distinct.add(key(a));
    total += p.attributes.length;
  }
  if (total === 0) empty('distinct value share');
  return distinct.size / total;
}

/**
 * Mean pairwise cosine distance 1 − u·v / (‖u‖‖v‖) ∈ [0, 2] of embedding vectors (0 for parallel,
 * 1 for orthogonal, 2 for opposite); rounding is clamped into that range. Throws a RangeError
 * below 2 vectors, on mixed dimensions, or on a zero or non-finite vector (its direction, hence
 * its distance, is undefined).
 */
export function meanCosineDistance(vectors: readonly Float32Array[], options: PairOptions = {}): PairwiseMean {
  const dim = vectors[0]?.length ?? 0;
  const norms = vectors.map((v, i) => {
    if (v.length !== dim) throw new RangeError(`cosine distance: vector ${i} has ${v.length} dimensions, vector 0 has ${dim}`);
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
    const norm = Math.sqrt(s);
    if (!(norm > 0 && Number.isFinite(norm))) throw new RangeError(`cosine distance: vector ${i} has norm ${norm}`);
    return norm;
  });
  return meanPairwise(
    vectors.length,
    (i, j) => {
      const u = vectors[i]!;
      const v = vectors[j]!;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += u[k]! * v[k]!;
      return Math.min(2, Math.max(0, 1 - dot / (norms[i]! * norms[j]!)));
    },
    options,
  );
}
