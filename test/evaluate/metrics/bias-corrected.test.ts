import { describe, expect, it } from 'vitest';
import { biasCorrectedBootstrap } from '../../../pipeline/evaluate/metrics/bias-corrected.js';
import { noiseFloor, weightedDraws } from '../../../pipeline/evaluate/metrics/noise-floor.js';
import { mean } from '../../../pipeline/evaluate/metrics/stats.js';
import { metricRng, randomIndex } from '../../../pipeline/evaluate/metrics/random.js';

/** A statistic that answers from a script: the sample first, then the resamples in order. */
const scripted = (values: number[]) => {
  let i = 0;
  return () => values[i++]!;
};

describe('biasCorrectedBootstrap', () => {
  it('is 2·plugin − median of the replicates with the basic interval (hand-computed)', () => {
    // plugin 1; replicates 2..6: median 4, type-7 quantiles q(.025) = 2.1 and q(.975) = 5.9.
    const r = biasCorrectedBootstrap(scripted([1, 2, 3, 4, 5, 6]), [0], { seed: 1, iterations: 5 });
    expect(r.plugin).toBe(1);
    expect(r.bias).toBe(3);
    expect(r.estimate).toBe(-2);
    expect(r.low).toBeCloseTo(-3.9, 12);
    expect(r.high).toBeCloseTo(-0.1, 12);
    // A divergence is ≥ 0: all three clamp, and the interval still holds the estimate.
    const c = biasCorrectedBootstrap(scripted([1, 2, 3, 4, 5, 6]), [0], { seed: 1, iterations: 5, bounds: [0, Infinity] });
    expect([c.estimate, c.low, c.high]).toEqual([0, 0, 0]);
  });

  it('contains its estimate where the percentile interval did not (a plug-in divergence at small n)', () => {
    // Share of distinct values missing from 10 categories: upward-biased on resamples, like a binned divergence.
    const sample = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4];
    const missing = (s: readonly number[]) => 1 - new Set(s).size / 10;
    const r = biasCorrectedBootstrap(missing, sample, { seed: 3, iterations: 400, bounds: [0, 1] });
    expect(r.plugin).toBe(0);
    expect(r.bias).toBeGreaterThan(0);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.estimate).toBeLessThanOrEqual(r.high);
  });

  it('contains the estimate on many random samples and seeds', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = metricRng(seed, 'test');
      const sample = Array.from({ length: 5 + seed }, () => randomIndex(rng, 7));
      const stat = (s: readonly number[]) => Math.abs(mean(s) - 3) ** 1.5;
      const r = biasCorrectedBootstrap(stat, sample, { seed, iterations: 99, bounds: [0, Infinity] });
      expect(r.low, `seed ${seed}`).toBeLessThanOrEqual(r.estimate);
      expect(r.estimate, `seed ${seed}`).toBeLessThanOrEqual(r.high);
    }
  });
});

describe('noiseFloor', () => {
  it('scores draws from the reference itself: the mean and 95th percentile of the plug-in over seeded draws', () => {
    // A reference with one category: every draw is that category, so the error is always 0.
    const one = noiseFloor(weightedDraws(['a'], [1]), (s) => s.filter((x) => x !== 'a').length, { n: 20, draws: 10, seed: 1, stream: 't' });
    expect(one).toEqual({ n: 20, draws: 10, plugin: 0, plugin95: 0 });
    // Share of heads over 100 fair coin flips: the mean share is near 0.5, each draw from its own stream.
    const coin = weightedDraws([0, 1], [1, 1]);
    const f = noiseFloor(coin, (s) => mean(s), { n: 100, draws: 200, seed: 7, stream: 'coin' }, (s) => Math.abs(mean(s) - 0.5));
    expect(f.plugin).toBeGreaterThan(0.48);
    expect(f.plugin).toBeLessThan(0.52);
    // E|p̂ − ½| at n = 100 is about 0.8·0.05 = 0.04.
    expect(f.estimate).toBeGreaterThan(0.025);
    expect(f.estimate).toBeLessThan(0.055);
    expect(noiseFloor(coin, (s) => mean(s), { n: 100, draws: 200, seed: 7, stream: 'coin' })).toMatchObject({ plugin: f.plugin, plugin95: f.plugin95 });
  });

  it('draws in proportion to the weights and never a zero-weight item', () => {
    const draw = weightedDraws(['a', 'b', 'c'], [3, 0, 1]);
    const s = draw(metricRng(5, 'draws'), 4000);
    expect(s.filter((x) => x === 'b')).toHaveLength(0);
    expect(s.filter((x) => x === 'a').length / 4000).toBeCloseTo(0.75, 1);
    expect(() => weightedDraws(['a'], [0])).toThrow(RangeError);
  });
});
