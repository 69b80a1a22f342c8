import type { Embedder } from '../core/types.js';
import { wordTable } from '../core/word-table.js';

/**
 * How alike two taxonomy nodes' names are, for matching our leaves to a reference's. A node is
 * its label path (root first). The score is the mean of two signals, because each alone fails on
 * the reference's names (5-fold cross-validated F1 of "same" on the labelled pairs in
 * test/fixtures/taxonomy/compare-pairs.jsonl: word vectors alone about 0.48, word overlap alone
 * about 0.73, their mean 0.80):
 * - the cosine of "parent label + label" word vectors, which sees synonyms and context
 *   ("Marital Status" ~ "marital_status") but calls any two "… Preference" leaves alike;
 * - the Dice overlap of the label words, counted only when a key word is shared (not one of the
 *   words every attribute has: "preference", "status", "level" …), which demands a shared subject.
 */

/** "foodPreference", "food_preference", "Food-Preference" → "food preference". */
export function normaliseLabel(label: string): string {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

const IRREGULAR: Readonly<Record<string, string>> = wordTable({ children: 'child', people: 'person', men: 'man', women: 'woman', wives: 'wife', lives: 'life' });

/** Plural folded ("allergies" → "allergy", "fears" → "fear"; "status", "analysis" kept), so number never hides a shared word. */
const fold = (w: string) => IRREGULAR[w] ?? w.replace(/ies$/, 'y').replace(/(?<![sui])s$/, '');

/** Words that say what kind of attribute a label is, not what it is about. */
const GENERIC = new Set(
  ('preference interest status type level general specific detail attribute info information category description characteristic ' +
    'value personal user current other style').split(' ').map(fold),
);
const STOP = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'for', 'to', 'with', 'on', 'or']);

const wordsOf = (label: string) => normaliseLabel(label).split(/[^a-z0-9]+/).filter((w) => w && !STOP.has(w)).map(fold);
const isKeyWord = (w: string) => !GENERIC.has(w);

/**
 * The label's words; when it has no key word ("Status", "UserPreferences") the parent's words
 * come first, since such a leaf is an aspect of its parent ("Occupation › Status").
 */
export function labelWords(path: readonly string[]): string[] {
  const own = wordsOf(path[path.length - 1] ?? '');
  return [...new Set(own.some(isKeyWord) || path.length < 2 ? own : [...wordsOf(path[path.length - 2]!), ...own])];
}

/** The parent's label disambiguates generic leaves ("Preference" under Music vs under Food). */
export const matchText = (path: readonly string[]): string =>
  `${path.length > 1 ? normaliseLabel(path[path.length - 2]!) : ''} ${normaliseLabel(path[path.length - 1] ?? '')}`.trim();

export interface NodeFeatures {
  /** Unit-length word vector of matchText (all zeros for a label of unknown words). */
  vector: Float32Array;
  words: ReadonlySet<string>;
}

/** Features of each path; every distinct text embedded once, in bounded batches (a remote embedder limits request size). */
export async function nodeFeatures(embedder: Embedder, paths: readonly (readonly string[])[]): Promise<NodeFeatures[]> {
  const texts = paths.map(matchText);
  const unique = [...new Set(texts)];
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < unique.length; i += 1024) {
    const batch = unique.slice(i, i + 1024);
    (await embedder.embed(batch)).forEach((v, j) => vectors.set(batch[j]!, unit(v)));
  }
  return paths.map((p, i) => ({ vector: vectors.get(texts[i]!)!, words: new Set(labelWords(p)) }));
}

/**
 * Mean of the word-vector cosine and the Dice overlap of the label words. The overlap counts only
 * when a key word is shared, and generic words then count too, so "Gender" is closer to
 * "Gender › Gender" (1) than to "Gender › Preferences" (2/3). In [-0.5, 1].
 */
export function labelSimilarity(a: NodeFeatures, b: NodeFeatures): number {
  let dot = 0;
  for (let i = 0; i < a.vector.length; i++) dot += a.vector[i]! * b.vector[i]!;
  let shared = 0;
  let sharedKey = false;
  for (const w of a.words) {
    if (!b.words.has(w)) continue;
    shared++;
    sharedKey ||= isKeyWord(w);
  }
  return (dot + (sharedKey ? (2 * shared) / (a.words.size + b.words.size) : 0)) / 2;
}

/** A zero vector stays zero: a label of unknown words must not look close to anything. */
function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n === 0) return new Float32Array(v.length);
  const s = 1 / Math.sqrt(n);
  return Float32Array.from(v, (x) => x * s);
}
