/**
 * Root-discriminative word weights for offline root assignment.
 *
 * SIF weights a word by how rare it is in English, which is the right prior for "what is this
 * phrase about" but not for "which root does it belong to": attribute names are full of words
 * that are rare in English yet say nothing about the root ("preference", "engagement",
 * "orientation", "attributes", "level"), and a SIF mean lets them pull the phrase towards
 * whichever root they happen to sit near. Here each word is scored against the roots on its own,
 * with the same rule that places phrases (mean of a root's ROOT_TOP_K nearest exemplars), and its
 * SIF weight is multiplied by spread² where spread = best root's score − mean score over roots:
 * a word near one root and far from the rest ("salary", "religion", "siblings") keeps its
 * weight, a word about equally near every root fades out. Nothing but the configured roots and
 * their descriptions goes in, so the weights follow any root list; they only shape the vector
 * used to pick a root (stored phrase vectors and clustering are unchanged).
 *
 * Measured on test/bench/reference.bench.ts (the authors' released taxonomy, read only to
 * score): root agreement 0.468 → 0.511 (even/odd leaves 0.508/0.514). The power was chosen on even
 * leaves among 0.5/1/1.5/2/3 (0.486/0.503/0.505/0.508/0.507) and confirmed on odd ones; every
 * power ≥ 1 beats the unweighted 0.464/0.473 on both halves.
 */
import type { SifPhraseFn } from '../embed/sif-embedder.js';

export const SPREAD_POWER = 2;
/** A floor so a phrase whose words are all root-neutral still has a direction (its plain SIF one). */
const MIN_MULTIPLIER = 1e-4;

/** Best score minus the mean score: how much one root stands out for this word. */
export function rootSpread(scores: ArrayLike<number>): number {
  let max = -Infinity;
  let sum = 0;
  for (let r = 0; r < scores.length; r++) {
    max = Math.max(max, scores[r]!);
    sum += scores[r]!;
  }
  return scores.length === 0 ? 0 : max - sum / scores.length;
}

/**
 * The phrase function used to pick roots: SIF with each word's weight × spread(word)^SPREAD_POWER.
 * `scoresOf` gives a vector's per-root scores (the assignment rule); word multipliers are cached.
 */
export function rootWeightedPhraseFn(phraseFn: SifPhraseFn, scoresOf: (v: Float32Array) => ArrayLike<number>): (text: string) => Float32Array {
  const cache = new Map<string, number>();
  const multiplier = (word: string): number => {
    let m = cache.get(word);
    if (m === undefined) {
      m = Math.max(MIN_MULTIPLIER, rootSpread(scoresOf(phraseFn(word))) ** SPREAD_POWER);
      cache.set(word, m);
    }
    return m;
  };
  return (text) => phraseFn(text, multiplier);
}
