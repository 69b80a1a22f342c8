import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../../pipeline/evaluate/metrics/bootstrap.js';
import { mean } from '../../../pipeline/evaluate/metrics/stats.js';

const meanOf = (xs: readonly number[]) => mean(xs);
const sample = [3, 7, 1, 9, 4, 4, 8, 2, 6, 5, 10, 0, 7, 3, 5];

describe('bootstrap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is deterministic from the seed and never calls Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const a = bootstrap(meanOf, sample, { seed: 42 });
    const b = bootstrap(meanOf, sample, { seed: 42 });
    expect(a).toEqual(b);
    const c = bootstrap(meanOf, sample, { seed: 43 });
    expect([c.low, c.high]).not.toEqual([a.low, a.high]);
  });

  it('gives an interval around the mean that contains the estimate', () => {
    const { estimate, low, high } = bootstrap(meanOf, sample, { seed: 1, iterations: 2000 });
    expect(estimate).toBeCloseTo(74 / 15, 12);
    expect(low).toBeLessThan(estimate);
    expect(high).toBeGreaterThan(estimate);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThanOrEqual(10);
  });

  it('has roughly the normal-theory width for a proportion', () => {
    // 30 ones in 100: 95% ≈ 0.3 ± 1.96·√(0.21/100) = 0.3 ± 0.09.
    const bits = Array.from({ length: 100 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const { estimate, low, high } = bootstrap(meanOf, bits, { seed: 7, iterations: 4000 });
    expect(estimate).toBeCloseTo(0.3, 12);
    // Replicates are multiples of 0.01; a 90% interval would give 0.23 / 0.38.
    expect(low).toBeGreaterThan(0.195);
    expect(low).toBeLessThan(0.225);
    expect(high).toBeGreaterThan(0.375);
    expect(high).toBeLessThan(0.405);
  });

  it('narrows with a lower level and collapses on a constant sample', () => {
    const wide = bootstrap(meanOf, sample, { seed: 5, level: 0.95 });
    const narrow = bootstrap(meanOf, sample, { seed: 5, level: 0.5 });
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
    expect(bootstrap(meanOf, [2, 2, 2], { seed: 0, iterations: 50 })).toEqual({ estimate: 2, low: 2, high: 2 });
  });

  it('skips non-finite replicates, and throws on bad input', () => {
    // NaN unless the resample holds a 1: only finite replicates (each 1) enter the quantiles.
    const stat = (xs: readonly number[]) => (xs.includes(1) ? 1 : Number.NaN);
    expect(bootstrap(stat, [0, 1], { seed: 3, iterations: 100 })).toEqual({ estimate: 1, low: 1, high: 1 });
    expect(() => bootstrap(() => Number.NaN, [1], { seed: 3, iterations: 10 })).toThrow(RangeError);
    expect(() => bootstrap(meanOf, [], { seed: 1 })).toThrow(RangeError);
    expect(() => bootstrap(meanOf, [1], { seed: 1, iterations: 0 })).toThrow(RangeError);
    expect(() => bootstrap(meanOf, [1], { seed: 1, level: 1 })).toThrow(RangeError);
    expect(() => bootstrap(meanOf, [1], { seed: 1.5 })).toThrow();
  });
});
