import { cutAtHeight } from '../cluster/cut-tree.js';
import type { HierarchicalClusterer, Matrix } from '../cluster/types.js';
import { singularWord } from '../embed/normalise-phrase.js';
import { tokenise } from '../extractors/heuristic/tokens.js';
import { isCleanLabel, titleCase } from './labels.js';
import { valueTypeOf } from './leaf-values.js';
import { dot, meanOf, row } from './vectors.js';

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
 * label; a single group means "not split".
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
  const d = vectors.d;
  const sub = new Float32Array(head.length * d);
  head.forEach((v, r) => sub.set(row(vectors, v), r * d));
  const labels = cutAtHeight(clusterer.linkage({ data: sub, n: head.length, d }), head.length, 1 - settings.similarity);
  const clusters = new Map<number, number[]>();
  head.forEach((v, r) => clusters.set(labels[r]!, [...(clusters.get(labels[r]!) ?? []), v]));
  assignRest(order.slice(settings.maxClustered), [...clusters.values()], vectors);

  const exclude = new Set(leafLabel.toLowerCase().split(/\s+/).map(singularWord));
  const words = values.map((v) => contentWords(v.text, exclude));
  // How many of the leaf's values use a word: breaks ties toward the word the leaf's users share.
  const spread = new Map<string, number>();
  for (const list of words) for (const w of list) spread.set(w, (spread.get(w) ?? 0) + 1);

  const byLabel = new Map<string, number[]>();
  for (const members of clusters.values()) {
    const label = nameFacet(members, values, words, spread);
    byLabel.set(label, [...(byLabel.get(label) ?? []), ...members]);
  }
  if (byLabel.size < 2) return whole;
  return [...byLabel.entries()]
    .map(([label, members]) => ({ label, members: members.sort((a, b) => a - b) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Values past the linkage cap join the cluster whose mean vector is closest. */
function assignRest(rest: readonly number[], clusters: number[][], vectors: Matrix): void {
  if (rest.length === 0) return;
  const means = clusters.map((members) => meanOf(vectors, members));
  for (const v of rest) {
    let [best, bestScore] = [0, -Infinity];
    means.forEach((mean, c) => {
      const s = dot(row(vectors, v), mean);
      if (s > bestScore) [best, bestScore] = [c, s];
    });
    clusters[best]!.push(v);
  }
}

/** The content word carried by the most mentions in the facet; "Other" when its values have none. */
function nameFacet(members: readonly number[], values: readonly FacetValue[], words: readonly string[][], spread: ReadonlyMap<string, number>): string {
  const weight = new Map<string, number>();
  for (const m of members) for (const w of words[m]!) weight.set(w, (weight.get(w) ?? 0) + values[m]!.mentions);
  const ranked = [...weight.entries()].sort(
    (a, b) => b[1] - a[1] || (spread.get(b[0]) ?? 0) - (spread.get(a[0]) ?? 0) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const word = ranked.map(([w]) => titleCase(w)).find(isCleanLabel);
  return word ?? 'Other';
}
