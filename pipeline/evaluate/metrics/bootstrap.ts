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
 * (type-7 interpolation, stats.ts). The plain percentile interval, no bias correction: good enough
 * to say whether a KS of 0.04 on 1000 personas is noise, and simple to reproduce.
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
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - level) / 2;
  return { estimate, low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
}
