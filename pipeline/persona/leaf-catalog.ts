/**
 * The taxonomy leaves a persona draws from, held in memory for fast selection: unit centroids
 * packed in one matrix, leaf indices per root, and sparse co-occurrence counts. Built from rows
 * the caller read from the store (taxonomy_nodes, node_values, node_evidence); no I/O here.
 */

export type Polarity = 'positive' | 'negative' | 'neutral';
export type LeafValueType = 'numeric' | 'categorical' | 'free_text';

export interface LeafValue {
  value: string;
  polarity: Polarity;
  count: number;
}

export interface Leaf {
  /** The taxonomy leaf this unit belongs to. */
  nodeId: string;
  /** The value facet (see pipeline/taxonomy/value-facets.ts) when the unit is one; unique per catalog. */
  facetId?: string;
  /** The taxonomy leaf's own path (a split leaf's facet adds one segment to it); default `path`. */
  nodePath?: string;
  path: string;
  root: string;
  label: string;
  centroid: Float32Array;
  /** Distinct conversations with a mention under the leaf. */
  support: number;
  valueType: LeafValueType;
  values: LeafValue[];
}

export interface Partner {
  index: number;
  count: number;
}

export interface Catalog {
  leaves: Leaf[];
  /** Leaf indices per root, ascending. */
  byRoot: Map<string, number[]>;
  /** Conversations in which both leaves have mentions (0 when unknown or a === b). */
  cooccur: (a: number, b: number) => number;
  /** The leaves co-occurring with leaf i, by index: selection updates its boosts from these. */
  partners: (i: number) => readonly Partner[];
  /** Unit-normalised centroids, row i at [i·d, (i+1)·d): one contiguous block for fast dots. */
  vectors: Float32Array;
  d: number;
}

/** A catalog unit's id: its facet when it has one, else its taxonomy node. Co-occurrence pairs use it. */
export const unitKey = (leaf: Pick<Leaf, 'nodeId' | 'facetId'>): string => leaf.facetId ?? leaf.nodeId;

/**
 * Pairs naming an unknown leaf, or a leaf with itself, are ignored; a pair given twice (either
 * order) keeps its larger count, since both rows state the same fact. Throws on duplicate node
 * ids or centroids of different dimensions, which would make every index ambiguous.
 */
export function buildCatalog(leaves: Leaf[], cooccurPairs: { a: string; b: string; count: number }[]): Catalog {
  const n = leaves.length;
  const d = leaves[0]?.centroid.length ?? 0;
  const indexOf = new Map<string, number>();
  const vectors = new Float32Array(n * d);
  const byRoot = new Map<string, number[]>();
  leaves.forEach((leaf, i) => {
    const key = unitKey(leaf);
    if (indexOf.has(key)) throw new Error(`buildCatalog: duplicate leaf ${key}`);
    if (leaf.centroid.length !== d) throw new Error(`buildCatalog: leaf ${key} has dimension ${leaf.centroid.length}, expected ${d}`);
    indexOf.set(key, i);
    let norm = 0;
    for (let j = 0; j < d; j++) norm += leaf.centroid[j]! * leaf.centroid[j]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) vectors[i * d + j] = leaf.centroid[j]! * scale;
    const list = byRoot.get(leaf.root);
    if (list) list.push(i);
    else byRoot.set(leaf.root, [i]);
  });

  // Keyed by lo·n + hi: exact as a number while n² < 2^53, i.e. for any catalog that fits in memory.
  const counts = new Map<number, number>();
  for (const { a, b, count } of cooccurPairs) {
    const [ia, ib] = [indexOf.get(a), indexOf.get(b)];
    if (ia === undefined || ib === undefined || ia === ib || !(count > 0)) continue;
    const key = Math.min(ia, ib) * n + Math.max(ia, ib);
    counts.set(key, Math.max(counts.get(key) ?? 0, count));
  }
  const partnerLists: Partner[][] = Array.from({ length: n }, () => []);
  for (const [key, count] of counts) {
    const [lo, hi] = [Math.floor(key / n), key % n];
    partnerLists[lo]!.push({ index: hi, count });
    partnerLists[hi]!.push({ index: lo, count });
  }
  for (const list of partnerLists) list.sort((x, y) => x.index - y.index);

  return {
    leaves,
    byRoot,
    cooccur: (a, b) => (a === b ? 0 : counts.get(Math.min(a, b) * n + Math.max(a, b)) ?? 0),
    partners: (i) => partnerLists[i] ?? [],
    vectors,
    d,
  };
}

/** Cosine of leaves a and b (their unit centroids' dot product). */
export function leafCosine(catalog: Catalog, a: number, b: number): number {
  const { vectors: v, d } = catalog;
  let s = 0;
  for (let j = 0, x = a * d, y = b * d; j < d; j++) s += v[x + j]! * v[y + j]!;
  return s;
}

/** Dot of leaf i's unit centroid with v. Top-level loops over typed arrays: V8 ran them ~5× slower inside closures. */
export function leafDot(catalog: Catalog, i: number, v: Float64Array): number {
  const { vectors, d } = catalog;
  let s = 0;
  for (let j = 0, base = i * d; j < d; j++) s += vectors[base + j]! * v[j]!;
  return s;
}

/** target += gram row `row` (a profile update: every leaf's dot gains its cosine with the new leaf). */
export function addRow(target: Float64Array, gram: Float32Array, row: number, n: number): void {
  const g = gram.subarray(row, row + n);
  for (let t = 0; t < n; t++) target[t]! += g[t]!;
}

/** Adds v scaled to unit length (weight of one leaf); false for a zero or invalid vector. */
export function addUnit(target: Float64Array, v: Float32Array): boolean {
  let norm = 0;
  for (let j = 0; j < v.length; j++) norm += v[j]! * v[j]!;
  if (!(norm > 0 && Number.isFinite(norm))) return false;
  for (let j = 0; j < v.length; j++) target[j]! += v[j]! / Math.sqrt(norm);
  return true;
}

const priors = new WeakMap<Catalog, Map<number, Float64Array>>();

/** support^exponent per leaf, cached per catalog; support below 1 counts as 1, so every leaf stays drawable. */
export function supportPrior(catalog: Catalog, exponent: number): Float64Array {
  let byExponent = priors.get(catalog);
  if (!byExponent) priors.set(catalog, (byExponent = new Map()));
  let prior = byExponent.get(exponent);
  if (!prior) byExponent.set(exponent, (prior = Float64Array.from(catalog.leaves, (l) => Math.max(l.support, 1) ** exponent)));
  return prior;
}

/** Above this many leaves the Gram matrix is not kept (6,000² float32 = 144 MB). */
export const GRAM_MAX_LEAVES = 6000;

export interface Similarity {
  /** All pairwise cosines, row-major n×n float32, or null above the size cap. */
  gram: Float32Array | null;
  /** For each leaf, the leaves with cosine > threshold (exact float64 cosines, as leafCosine). */
  duplicates: Int32Array[];
}

interface CacheEntry {
  gram: Float32Array | null;
  duplicates: Map<number, Int32Array[]>;
}
const cache = new WeakMap<Catalog, CacheEntry>();

/**
 * Pairwise structure for selection, computed once per catalog (and duplicate lists once per
 * threshold). The Gram matrix makes a profile update cost n additions, whatever the embedding
 * dimension (1,536 for OpenAI's), instead of n·d per root visit; building it is the same
 * O(n²·d) pass the duplicate lists need anyway (≈ 0.5–1 s for 3,000 leaves at d = 100).
 */
export function similarityOf(catalog: Catalog, threshold: number, gramMaxLeaves = GRAM_MAX_LEAVES): Similarity {
  const n = catalog.leaves.length;
  let entry = cache.get(catalog);
  if (!entry) cache.set(catalog, (entry = { gram: null, duplicates: new Map() }));
  if (!entry.gram && n <= gramMaxLeaves) {
    const gram = new Float32Array(n * n);
    for (let a = 0; a < n; a++) {
      gram[a * n + a] = 1;
      for (let b = a + 1; b < n; b++) gram[a * n + b] = gram[b * n + a] = leafCosine(catalog, a, b);
    }
    entry.gram = gram;
  }
  const gram = n <= gramMaxLeaves ? entry.gram : null;
  let duplicates = entry.duplicates.get(threshold);
  if (!duplicates) {
    const lists: number[][] = Array.from({ length: n }, () => []);
    // Float rounding can put identical unit vectors a hair above 1, so only a threshold no
    // cosine can reach skips the pass. A float32 Gram entry only shortlists; the float64 cosine
    // decides, so the answer never depends on whether the Gram matrix exists.
    for (let a = 0; threshold < 1.5 && a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (gram && gram[a * n + b]! <= threshold - 1e-5) continue;
        if (leafCosine(catalog, a, b) <= threshold) continue;
        lists[a]!.push(b);
        lists[b]!.push(a);
      }
    }
    entry.duplicates.set(threshold, (duplicates = lists.map((l) => Int32Array.from(l))));
  }
  return { gram, duplicates };
}
