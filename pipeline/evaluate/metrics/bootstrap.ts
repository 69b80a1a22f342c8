import { metricRng, randomIndex } from './random.js';
import { empty, quantileSorted } from './stats.js';

export interface BootstrapOptions {
  /** Resamples; default 1000. */
  iterations?: number;
  /** Seeds the resampling (safe integer): same seed, sample and statFn → same interval. */
  seed: number;
  /** Two-sided coverage; default 0.95 (the 2.5th and 97.5th percentiles). */
  level?: number;
}

export interface Interval {
  /** statFn on the sample itself (not the mean of the replicates). */
  estimate: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap: draws `iterations` resamples of the sample's size with replacement, applies
 * `statFn` to each and takes the (1 − level)/2 and (1 + level)/2 quantiles of the replicates
 * (type-7 interpolation, stats.ts). The plain percentile interval, no bias correction: right for a
 * statistic without small-sample bias (a mean); a plug-in divergence is biased upward and needs
 * bias-corrected.ts, whose interval contains its estimate.
 *
 * Resampling uses a seeded xoroshiro stream (random.ts), never the global unseeded generator, so the interval is a
 * pure function of (statFn, sample, options). Replicates where statFn returns a non-finite number
 * (a resample with no usable item) are left out of the quantiles; if none is finite this throws.
 * An empty sample throws a RangeError (the folder's convention, stats.ts).
 *
 * The interval is about sampling noise of *this* sample: resampling personas treats them as
 * independent draws, which they are (one rng stream per persona index).
 */
export function bootstrap<T>(statFn: (sample: readonly T[]) => number, sample: readonly T[], options: BootstrapOptions): Interval {
  const { level = 0.95 } = options;
  const { estimate, sorted } = bootstrapReplicates(statFn, sample, options);
  const tail = (1 - level) / 2;
  return { estimate, low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
}

/**
 * statFn on the sample and on `iterations` seeded resamples (finite replicates only, sorted
 * ascending): what every bootstrap interval of this folder is computed from.
 */
export function bootstrapReplicates<T>(statFn: (sample: readonly T[]) => number, sample: readonly T[], options: BootstrapOptions): { estimate: number; sorted: Float64Array } {
  const { iterations = 1000, seed, level = 0.95 } = options;
  if (sample.length === 0) empty('bootstrap');
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`bootstrap: iterations ${iterations} is not a positive integer`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level ${level} outside (0, 1)`);
  const estimate = statFn(sample);
  const rng = metricRng(seed, 'bootstrap');
  const n = sample.length;
  const replicates: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const resample = new Array<T>(n); // fresh each time: statFn may sort or keep it
    for (let i = 0; i < n; i++) resample[i] = sample[randomIndex(rng, n)]!;
    const value = statFn(resample);
    if (Number.isFinite(value)) replicates.push(value);
  }
  if (replicates.length === 0) throw new RangeError('bootstrap: statFn gave no finite value on any resample');
  return { estimate, sorted: Float64Array.from(replicates).sort() };
}
