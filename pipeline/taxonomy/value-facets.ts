import { cutAtHeight } from '../cluster/cut-tree.js';
import type { HierarchicalClusterer, Matrix } from '../cluster/types.js';
import { singularWord } from '../embed/normalise-phrase.js';
import type { WordNet } from '../lexicon/wordnet.js';
import { FacetGate } from './facet-gate.js';
import { isCleanLabel, titleCase } from './labels.js';
import { valueTypeOf } from './leaf-values.js';
import { NearestPool } from '../cluster/nearest-centroid.js';
import { headNoun, isFragmentValue } from './value-head.js';
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
  /** WordNet for the facet gate (facet-gate.ts); null or absent: a label fits only its own head noun. */
  wordnet?: WordNet | null;
  /** A leaf needs at least this many distinct values to be split. */
  minValues: number;
  /** Average-linkage cosine at which two values share a facet. */
  similarity: number;
  /** Values clustered by linkage (most mentioned first); the rest join their nearest facet (keeps it O(cap²)). */
  maxClustered: number;
  /** Values never shown (value-screen.ts): in no facet, like fragments. */
  hidden?: ReadonlySet<string>;
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

/**
 * The naming word of a value: its head noun, singular ("mystery novels" → novel, "podcasts about
 * history" → podcast), unless the leaf's own words name it. A modifier never names a facet
 * ("freelance graphic designer" is a designer, not a "Graphic"): a facet's label must be what its
 * members are (facet-gate.ts checks it again with WordNet).
 */
function namingWords(text: string, exclude: ReadonlySet<string>): string[] {
  const head = headNoun(text);
  return head && /^\p{L}{3,}$/u.test(head) && !STOP.has(head) && !exclude.has(head) ? [head] : [];
}

/**
 * Splits one leaf's values into facets. Numeric leaves ("Age") and leaves with few distinct values
 * stay whole: splitting "34" from "35" names nothing. Returns one group per facet, ordered by
 * label; a group labelled like the leaf holds the values no facet classifies (facet-gate.ts); a
 * single such group means "not split". Fragment values are in no group. (build-facets.ts runs the same steps on a leaf too big
 * to hold, streaming the values past the linkage cap.)
 */
export function facetValues(
  values: readonly FacetValue[],
  vectors: Matrix,
  leafLabel: string,
  clusterer: HierarchicalClusterer,
  settings: FacetSettings,
): FacetGroup[] {
  // Fragments and screened values join no facet, unless the leaf has nothing else to show.
  const shown = values.map((_, i) => i).filter((i) => !isFragmentValue(values[i]!.text) && !settings.hidden?.has(values[i]!.text));
  const whole = [{ label: leafLabel, members: shown.length > 0 ? shown : values.map((_, i) => i) }];
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
  const names = naming.labels(clusters.length);
  const gate = new FacetGate(settings.wordnet ?? null, leafLabel, undefined, settings.hidden);
  const proposed = new Map<number, string>();
  clusters.forEach((members, c) => members.forEach((m) => {
    const label = gate.propose(names[c]!, values[m]!.text, values[m]!.mentions);
    if (label !== null) proposed.set(m, label);
  }));
  const byLabel = new Map<string, number[]>();
  for (const [m, label] of proposed) {
    const final = gate.final(label);
    byLabel.set(final, [...(byLabel.get(final) ?? []), m]);
  }
  if (![...byLabel.keys()].some((label) => label !== leafLabel)) return whole;
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
 * Names clusters from the values added to them: each by the head noun carried by the most
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
    for (const w of namingWords(text, this.exclude)) {
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
