import { bootstrapReplicates, type BootstrapOptions } from './bootstrap.js';
import { quantileSorted } from './stats.js';

/**
 * A bias-corrected estimate and a bias-aware interval for a plug-in statistic, from one seeded
 * bootstrap.
 *
 * Why: a divergence computed from sample shares (JS over 73 age bins or ~200 countries, KS, W1,
 * a max share error) is biased upward at small n, because empty and lumpy bins look like
 * divergence. A resample has fewer distinct items than the sample, so its plug-in is biased
 * further, and the percentile interval (bootstrap.ts) lands above the estimate: 7 of 21
 * intervals of the default run excluded their own estimate.
 *
 * What: with θ̂ the plug-in and m the median of the replicates θ*, the bootstrap bias is
 * b = m − θ̂, the corrected estimate θ̃ = θ̂ − b = 2θ̂ − m, and the interval the basic (reverse
 * percentile) one, [2θ̂ − q(1 − α/2), 2θ̂ − q(α/2)]: the replicates' spread around θ̂ mirrored
 * around it, which removes the same bias. The median, not the mean, makes the bias estimate
 * robust to a skewed tail and gives containment by construction: q(α/2) ≤ m ≤ q(1 − α/2), so
 * the interval always holds θ̃. `bounds` clamps all three into the statistic's range (a
 * divergence is ≥ 0); clamping is monotone, so containment survives it.
 *
 * Read θ̃ against the noise floor (noise-floor.ts): an ideal sampler's θ̃ at the same n.
 */

export interface BiasCorrectedOptions extends BootstrapOptions {
  /** The statistic's range, e.g. [0, ln 2] for a JS divergence; default unbounded. */
  bounds?: readonly [number, number];
}

export interface BiasCorrected {
  /** statFn on the sample itself. */
  plugin: number;
  /** 2·plugin − median(replicates), clamped to bounds. */
  estimate: number;
  /** median(replicates) − plugin: how far the statistic drifts upward on resamples. */
  bias: number;
  low: number;
  high: number;
}

export function biasCorrectedBootstrap<T>(statFn: (sample: readonly T[]) => number, sample: readonly T[], options: BiasCorrectedOptions): BiasCorrected {
  const { level = 0.95, bounds = [-Infinity, Infinity] } = options;
  const { estimate: plugin, sorted } = bootstrapReplicates(statFn, sample, options);
  const tail = (1 - level) / 2;
  const median = quantileSorted(sorted, 0.5);
  const clamp = (x: number) => Math.min(bounds[1], Math.max(bounds[0], x));
  return {
    plugin,
    estimate: clamp(2 * plugin - median),
    bias: median - plugin,
    low: clamp(2 * plugin - quantileSorted(sorted, 1 - tail)),
    high: clamp(2 * plugin - quantileSorted(sorted, tail)),
  };
}
