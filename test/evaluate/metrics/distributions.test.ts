import { describe, expect, it } from 'vitest';
import { ageKs, ksStatistic } from '../../../pipeline/anchors/fidelity.js';
import { integerWeights, ksStatistic1D, wasserstein1 } from '../../../pipeline/evaluate/metrics/distributions.js';
import { mean, quantileSorted, summarise } from '../../../pipeline/evaluate/metrics/stats.js';

const uniform1to4 = new Map([[1, 1], [2, 1], [3, 1], [4, 1]]);

describe('KS statistic', () => {
  it('sample vs a discrete reference', () => {
    // F_emp: 1→.5, 2→1, 3→1, 4→1; F_ref: .25, .5, .75, 1 → |diff| .25, .5, .25, 0 → 0.5.
    expect(ksStatistic1D([1, 2], uniform1to4)).toBeCloseTo(0.5, 12);
    // Weights are normalised: counts 2 per age are the same uniform.
    expect(ksStatistic1D([1, 2], new Map([[1, 2], [2, 2], [3, 2], [4, 2]]))).toBeCloseTo(0.5, 12);
    expect(ksStatistic1D([1, 2, 3, 4], uniform1to4)).toBe(0);
    // All at 4: F_emp 0,0,0,1 vs .25,.5,.75,1 → 0.75.
    expect(ksStatistic1D([4, 4], uniform1to4)).toBeCloseTo(0.75, 12);
  });

  it('sample vs sample, symmetric', () => {
    // Union 1..4: F_a = 1/3, 2/3, 1, 1; F_b = 0, 1/3, 2/3, 1 → 1/3 everywhere but 4.
    expect(ksStatistic1D([1, 2, 3], [2, 3, 4])).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic1D([2, 3, 4], [1, 2, 3])).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic1D([5, 1, 3], [3, 5, 1])).toBe(0);
  });

  it('sees sample values outside or between the reference support points', () => {
    // All mass at −5 vs a point mass at 0: F differs by 1 on [−5, 0).
    expect(ksStatistic1D([-5], new Map([[0, 1]]))).toBe(1);
    // fidelity.ts evaluates at the table support only and misses it (why this module exists).
    expect(ksStatistic([-5], (x) => (x >= 0 ? 1 : 0), [0])).toBe(0);
    // 2.5 vs ½·δ2 + ½·δ3: on [2.5, 3) F_emp = 1, F_ref = .5 → 0.5.
    expect(ksStatistic1D([2.5], new Map([[2, 1], [3, 1]]))).toBeCloseTo(0.5, 12);
  });

  it('agrees with fidelity.ts ageKs for whole-year ages inside the table', () => {
    const weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const ages = [20, 22, 22, 25, 25, 25, 26, 27, 29, 21, 24];
    const expected = ageKs(ages, 20, weights);
    expect(expected).toBeGreaterThan(0.01);
    expect(ksStatistic1D(ages, integerWeights(20, weights))).toBeCloseTo(expected, 12);
  });

  it('throws on empty or invalid inputs', () => {
    expect(() => ksStatistic1D([], uniform1to4)).toThrow(RangeError);
    expect(() => ksStatistic1D([1], new Map())).toThrow(RangeError);
    expect(() => ksStatistic1D([1], new Map([[1, 0]]))).toThrow(/empty/);
    expect(() => ksStatistic1D([1], new Map([[1, -1]]))).toThrow(RangeError);
    expect(() => ksStatistic1D([Number.NaN], uniform1to4)).toThrow(RangeError);
  });
});

describe('Wasserstein-1', () => {
  it('hand-computed values', () => {
    // Point masses at 0 and 3: all mass moves 3.
    expect(wasserstein1([0], [3])).toBe(3);
    expect(wasserstein1(new Map([[0, 1]]), new Map([[3, 5]]))).toBe(3);
    // {0, 2} vs δ1: each half moves 1 → 1 (∫|F_a − F_b|: .5·1 + .5·1).
    expect(wasserstein1([0, 2], new Map([[1, 1]]))).toBeCloseTo(1, 12);
    // {1, 2} vs uniform 1..4: ∫ = |.5−.25|·1 + |1−.5|·1 + |1−.75|·1 = 1 (quantile coupling 0,1,1,2 → mean 1).
    expect(wasserstein1([1, 2], uniform1to4)).toBeCloseTo(1, 12);
    expect(wasserstein1([1, 2, 3, 4], uniform1to4)).toBe(0);
  });

  it('is a shift for translated samples and symmetric', () => {
    const a = [18, 25, 25, 40, 67];
    const b = a.map((x) => x + 2.5);
    expect(wasserstein1(a, b)).toBeCloseTo(2.5, 12);
    expect(wasserstein1(b, a)).toBeCloseTo(2.5, 12);
  });

  it('integerWeights maps per-year weights to ages and drops zeros', () => {
    expect([...integerWeights(10, [1, 0, 2])]).toEqual([[10, 1], [12, 2]]);
    expect(() => integerWeights(0.5, [1])).toThrow(RangeError);
    expect(() => wasserstein1([1], integerWeights(0, [0, 0]))).toThrow(RangeError);
  });

  it('throws on empty inputs', () => {
    expect(() => wasserstein1([], [1])).toThrow(RangeError);
    expect(() => wasserstein1([1], [])).toThrow(RangeError);
  });
});

describe('stats helpers', () => {
  it('type-7 quantiles and summaries', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(summarise([10, 1, 4, 3])).toEqual({ min: 1, median: 3.5, p90: expect.closeTo(8.2, 12), max: 10 });
    expect(mean([1, 2, 6])).toBe(3);
    expect(() => mean([])).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });
});
