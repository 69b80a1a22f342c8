import { describe, expect, it } from 'vitest';
import { ageKs, countryShareError, groupKs, ksStatistic, perCountryAgeKs, weightsCdf } from '../../pipeline/anchors/fidelity.js';

describe('fidelity helpers', () => {
  it('computes the discrete KS statistic at every support point', () => {
    const { support, cdf } = weightsCdf(0, [1, 1, 1, 1]);
    expect(ksStatistic([0, 1, 2, 3], cdf, support)).toBe(0);
    expect(ksStatistic([0, 0, 0, 0], cdf, support)).toBeCloseTo(0.75);
    expect(ksStatistic([3, 3], cdf, support)).toBeCloseTo(0.75);
    expect(ksStatistic([], cdf, support)).toBe(1);
    expect(ageKs([20, 21], 20, [1, 1])).toBe(0);
  });

  it('group KS only looks at 5-year boundaries', () => {
    // Every sample at the group's first year: per-year KS sees it, the group boundaries do not.
    const weights = new Array(10).fill(1);
    expect(groupKs([0, 0, 5, 5], 0, weights)).toBe(0);
    expect(ageKs([0, 0, 5, 5], 0, weights)).toBeCloseTo(0.4);
  });

  it('country share error is the max absolute share error, counting unweighted countries', () => {
    const weights = new Map([['A', 3], ['B', 1]]);
    expect(countryShareError(['A', 'A', 'A', 'B'], weights)).toEqual({ maxError: 0, worst: undefined });
    expect(countryShareError(['A', 'B'], weights).maxError).toBeCloseTo(0.25);
    expect(countryShareError(['A', 'A', 'C', 'C'], weights)).toEqual({ maxError: 0.5, worst: 'C' });
  });

  it('per-country KS lists countries by sample size', () => {
    const anchors = [
      { country: { iso2: 'B' }, age: 1 },
      { country: { iso2: 'A' }, age: 0 },
      { country: { iso2: 'A' }, age: 1 },
    ];
    const rows = perCountryAgeKs(anchors, () => ({ lo: 0, weights: [1, 1] }));
    expect(rows).toEqual([
      { iso2: 'A', n: 2, ks: 0 },
      { iso2: 'B', n: 1, ks: 0.5 },
    ]);
  });
});
