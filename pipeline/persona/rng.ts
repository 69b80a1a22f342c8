import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { sha256 } from '../core/hash.js';

export type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * Persona i's generator, from (runSeed, i) alone: generating personas 1–100 then 101–200 gives
 * exactly the personas of one 1–200 run. The whole 128-bit state comes from a labelled sha256,
 * because xoroshiro128+ seeded with small integers starts with nearly equal outputs (seeds 1, 2, 3
 * all begin at 0.99999997), which would make neighbouring personas alike. `stream` separates uses
 * (selection, values of one attribute, …) so that drawing more in one never shifts another.
 */
export function personaRng(runSeed: number, index: number, stream = 'persona'): RandomGenerator {
  if (!Number.isSafeInteger(runSeed)) throw new Error(`personaRng: invalid seed ${runSeed}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`personaRng: invalid persona index ${index}`);
  const hex = sha256(`${stream}\u001f${runSeed}\u001f${index}`);
  const state = [0, 1, 2, 3].map((w) => parseInt(hex.slice(w * 8, w * 8 + 8), 16) | 0);
  // An all-zero state is xoroshiro's one fixed point (it would output 0 forever); sha256 never
  // gives it in practice, but the guard costs nothing.
  if (state.every((s) => !s)) state[3] = 1;
  return xoroshiro128plusFromState(state);
}

/** A float in [0, 1) with 53 random bits. */
export const uniform = (rng: RandomGenerator): number => uniformFloat64(rng);

/**
 * An index drawn ∝ weights (negative or non-finite weights count as 0); when every weight is 0
 * the draw is uniform, so a caller never has to special-case an all-zero row. -1 for no weights.
 */
export function weightedIndex(rng: RandomGenerator, weights: ArrayLike<number>): number {
  return weights.length === 0 ? -1 : weightedIndexAt(weights, uniform(rng));
}

/** The index whose cumulative weight interval holds u·total (u in [0, 1)): weightedIndex with a given uniform. */
export function weightedIndexAt(weights: ArrayLike<number>, u: number): number {
  const n = weights.length;
  if (n === 0) return -1;
  let total = 0;
  for (let i = 0; i < n; i++) total += clean(weights[i]!);
  if (!(total > 0)) return Math.min(n - 1, Math.floor(u * n));
  const target = u * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const w = clean(weights[i]!);
    if (w <= 0) continue;
    acc += w;
    last = i;
    if (acc > target) return i;
  }
  return last; // rounding: u·total can reach the float sum
}

const clean = (w: number) => (Number.isFinite(w) && w > 0 ? w : 0);

/** Fisher–Yates in place; returns the same array. */
export function shuffle<T>(rng: RandomGenerator, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(uniform(rng) * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
