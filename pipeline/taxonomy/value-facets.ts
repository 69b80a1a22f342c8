import { cutAtHeight } from '../cluster/cut-tree.js';
import type { HierarchicalClusterer, Matrix } from '../cluster/types.js';
import { singularWord } from '../embed/normalise-phrase.js';
import { tokenise } from '../extractors/heuristic/tokens.js';
import { isCleanLabel, titleCase } from './labels.js';
import { valueTypeOf } from './leaf-values.js';
import { NearestPool } from '../cluster/nearest-centroid.js';
import { meanOf, row } from './vectors.js';

/**
 * Value facets: the level below an attribute leaf, mined from what users said about it. A broad
 * leaf such as "Reading Preference" holds hundreds of distinct values ("mystery novels", "books on
 * history", "sci-fi"); clustering those values and naming each cluster by the word its values
 * share gives sub-attributes ("Novel", "History") with their own support and evidence. This is
 * where the corpus's diversity lives when the extractor names attributes coarsely.
 */

export interface FacetValue {
  /** Normalised value text (lower-cased, trimmed). */
  text: string;
  mentions: number;
}

export interface FacetSettings {
  /** A leaf needs at least this many distinct values to be split. */
  minValues: number;
  /** Average-linkage cosine at which two values share a facet. */
  similarity: number;
  /** Values clustered by linkage (most mentioned first); the rest join their nearest facet (keeps it O(cap²)). */
  maxClustered: number;
}

export interface FacetGroup {
  /** Title-case facet name; the leaf's own label when the leaf is not split. */
  label: string;
  /** Indices into the leaf's values. */
  members: number[];
}

const STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'in', 'on', 'to', 'for', 'with', 'at', 'by', 'from', 'about', 'my', 'your', 'our', 'their',
  'his', 'her', 'its', 'this', 'that', 'these', 'those', 'some', 'any', 'all', 'more', 'most', 'very', 'really', 'just', 'also',
  'like', 'likes', 'love', 'loves', 'enjoy', 'enjoys', 'prefer', 'prefers', 'want', 'wants', 'good', 'great', 'nice', 'best',
  'thing', 'things', 'stuff', 'kind', 'type', 'lot', 'lots', 'being', 'have', 'has', 'get', 'getting', 'make', 'making', 'not',
  'don', 'dont', 'can', 'will', 'would', 'time', 'new', 'old', 'other', 'something', 'anything', 'way', 'well', 'much', 'many',
  'one', 'two', 'three', 'first', 'day', 'days', 'week', 'year', 'years', 'people', 'them', 'they', 'who', 'what', 'when', 'where',
  'how', 'too', 'than', 'then', 'into', 'out', 'over', 'own', 'such', 'only', 'still', 'even', 'always', 'never', 'often', 'usually',
]);

/** Facet names are nouns ("Novel", "Coffee") or activities ("Hiking"), never verbs or adjectives. */
const NAMING_POS = new Set(['NOUN', 'PROPN']);

/** Naming words of a value: its nouns (and -ing activities), singular, minus the leaf's own words. */
function contentWords(text: string, exclude: ReadonlySet<string>): string[] {
  const words = tokenise(text)
    .filter((t) => NAMING_POS.has(t.pos) || (t.pos === 'VERB' && t.norm.endsWith('ing')))
    .map((t) => singularWord(t.norm))
    .filter((w) => /^\p{L}{3,}$/u.test(w) && !STOP.has(w) && !exclude.has(w));
  return [...new Set(words)];
}

/**
 * Splits one leaf's values into facets. Numeric leaves ("Age") and leaves with few distinct values
 * stay whole: splitting "34" from "35" names nothing. Returns one group per facet, ordered by
 * label; a single group means "not split". (build-facets.ts runs the same steps on a leaf too big
 * to hold, streaming the values past the linkage cap.)
 */
export function facetValues(
  values: readonly FacetValue[],
  vectors: Matrix,
  leafLabel: string,
  clusterer: HierarchicalClusterer,
  settings: FacetSettings,
): FacetGroup[] {
  const whole = [{ label: leafLabel, members: values.map((_, i) => i) }];
  if (values.length < settings.minValues) return whole;
  if (valueTypeOf(values.map((v) => ({ value: v.text, count: v.mentions }))) === 'numeric') return whole;

  const order = values.map((_, i) => i).sort((a, b) => values[b]!.mentions - values[a]!.mentions || (values[a]!.text < values[b]!.text ? -1 : 1));
  const head = order.slice(0, settings.maxClustered);
  const clusters = clusterHead(rowsOf(vectors, head), clusterer, settings.similarity).map((members) => members.map((r) => head[r]!));
  const rest = order.slice(settings.maxClustered);
  if (rest.length > 0) {
    // Values past the linkage cap join the cluster whose mean vector is closest.
    const nearest = nearestCluster(rowsOf(vectors, rest), clusterMeans(clusters.map((m) => rowsOf(vectors, m))));
    rest.forEach((v, i) => clusters[nearest[i]!]!.push(v));
  }
  const naming = new FacetNaming(leafLabel);
  clusters.forEach((members, c) => members.forEach((m) => naming.add(c, values[m]!.text, values[m]!.mentions)));
  const byLabel = new Map<string, number[]>();
  naming.labels(clusters.length).forEach((label, c) => byLabel.set(label, [...(byLabel.get(label) ?? []), ...clusters[c]!]));
  if (byLabel.size < 2) return whole;
  return [...byLabel.entries()]
    .map(([label, members]) => ({ label, members: members.sort((a, b) => a - b) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The rows `indices` of a matrix, packed. */
export function rowsOf(vectors: Matrix, indices: readonly number[]): Matrix {
  const d = vectors.d;
  const data = new Float32Array(indices.length * d);
  indices.forEach((v, r) => data.set(row(vectors, v), r * d));
  return { data, n: indices.length, d };
}

/** Average linkage cut at `similarity`: clusters of row indices, in order of their first row. */
export function clusterHead(head: Matrix, clusterer: HierarchicalClusterer, similarity: number): number[][] {
  const labels = cutAtHeight(clusterer.linkage(head), head.n, 1 - similarity);
  const clusters = new Map<number, number[]>();
  for (let r = 0; r < head.n; r++) {
    const members = clusters.get(labels[r]!);
    if (members) members.push(r);
    else clusters.set(labels[r]!, [r]);
  }
  return [...clusters.values()];
}

/** Each cluster's unit mean vector, packed (rows in cluster order). */
export function clusterMeans(clusters: readonly Matrix[]): Matrix {
  const d = clusters[0]?.d ?? 0;
  const data = new Float32Array(clusters.length * d);
  clusters.forEach((m, c) => data.set(meanOf(m, [...Array(m.n).keys()]), c * d));
  return { data, n: clusters.length, d };
}

/**
 * For every row, the index of the mean with the largest dot product (ties: the lowest index), on
 * every core when the work is worth a thread (a leaf of 600,000 values against 2,000 clusters is
 * 10¹¹ multiply-adds). The answer never depends on the thread count.
 */
export function nearestCluster(rows: Matrix, means: Matrix): Int32Array {
  const labels = new Int32Array(rows.n);
  const pool = new NearestPool(rows.data, rows.n, rows.d, means.n);
  try {
    pool.assign(means.data, means.n, labels, new Float64Array(rows.n));
  } finally {
    pool.close();
  }
  return labels;
}

/**
 * Names clusters from the values added to them: each by the content word carried by the most
 * mentions, ties to the word most of the leaf's values use (then alphabetical); "Other" when its
 * values have none. Adding values one at a time lets a leaf too big to hold be named exactly.
 */
export class FacetNaming {
  private readonly exclude: Set<string>;
  private readonly weights = new Map<number, Map<string, number>>();
  /** How many of the leaf's values use a word: breaks ties toward the word the leaf's users share. */
  private readonly spread = new Map<string, number>();

  constructor(leafLabel: string) {
    this.exclude = new Set(leafLabel.toLowerCase().split(/\s+/).map(singularWord));
  }

  add(cluster: number, text: string, mentions: number): void {
    let weight = this.weights.get(cluster);
    if (!weight) this.weights.set(cluster, (weight = new Map()));
    for (const w of contentWords(text, this.exclude)) {
      weight.set(w, (weight.get(w) ?? 0) + mentions);
      this.spread.set(w, (this.spread.get(w) ?? 0) + 1);
    }
  }

  /** One label per cluster 0…n−1. */
  labels(n: number): string[] {
    return Array.from({ length: n }, (_, c) => {
      const ranked = [...(this.weights.get(c) ?? new Map<string, number>()).entries()].sort(
        (a, b) => b[1] - a[1] || (this.spread.get(b[0]) ?? 0) - (this.spread.get(a[0]) ?? 0) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
      );
      return ranked.map(([w]) => titleCase(w)).find(isCleanLabel) ?? 'Other';
    });
  }
}
