import { uniform, type RandomGenerator } from '../../persona/rng.js';
import { metricRng } from './random.js';
import { mean, quantileSorted } from './stats.js';

/**
 * The noise floor of a fidelity figure: what a sampler that draws from the population table
 * itself scores at the same n. A JS divergence of 0.11 on 100 personas means little alone; next
 * to "an ideal sampler scores 0.10 at n = 100" it says the personas are as close as 100 draws
 * can be. `draw(rng, n)` gives one ideal sample; the same statistic (plug-in and, when given,
 * the corrected estimator) runs on `draws` of them, each from its own seeded stream.
 */

export interface NoiseFloor {
  n: number;
  draws: number;
  /** Mean plug-in value over the ideal samples. */
  plugin: number;
  /** Its 95th percentile: a value above it is unlikely to be sampling noise alone. */
  plugin95: number;
  /** Mean of the corrected estimator over the ideal samples (when one is given). */
  estimate?: number;
}

export interface NoiseFloorOptions {
  n: number;
  draws: number;
  seed: number;
  /** Stream label, so two variables' floors never share draws. */
  stream: string;
}

export function noiseFloor<T>(
  draw: (rng: RandomGenerator, n: number) => T[],
  plugin: (sample: readonly T[]) => number,
  options: NoiseFloorOptions,
  corrected?: (sample: readonly T[], drawIndex: number) => number,
): NoiseFloor {
  const { n, draws, seed, stream } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`noise floor: n ${n} is not a positive integer`);
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`noise floor: draws ${draws} is not a positive integer`);
  const values = new Float64Array(draws);
  const estimates: number[] = [];
  for (let d = 0; d < draws; d++) {
    const sample = draw(metricRng(seed, `noise-floor/${stream}/${d}`), n);
    values[d] = plugin(sample);
    if (corrected) estimates.push(corrected(sample, d));
  }
  const sorted = Float64Array.from(values).sort();
  return { n, draws, plugin: mean(values), plugin95: quantileSorted(sorted, 0.95), ...(corrected ? { estimate: mean(estimates) } : {}) };
}

/** n draws ∝ weights from `items` (inverse CDF by binary search; zero weights never drawn). */
export function weightedDraws<T>(items: readonly T[], weights: ArrayLike<number>): (rng: RandomGenerator, n: number) => T[] {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`weighted draws: weight ${w} at ${i} is not a finite non-negative number`);
    cum[i] = total += w;
  }
  if (!(total > 0) || items.length !== weights.length) throw new RangeError('weighted draws: need one positive-total weight per item');
  return (rng, n) => Array.from({ length: n }, () => {
    const target = uniform(rng) * total;
    let [lo, hi] = [0, cum.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  });
}
