import { describe, expect, it } from 'vitest';
import { jsDivergence, maxAbsShareError, sampleShares } from '../../../pipeline/evaluate/metrics/categorical.js';
import { codedAges, codedCategorical } from '../../../pipeline/evaluate/metrics/coded-stats.js';
import { integerWeights, ksStatistic1D, wasserstein1 } from '../../../pipeline/evaluate/metrics/distributions.js';
import { metricRng, randomIndex } from '../../../pipeline/evaluate/metrics/random.js';

describe('coded statistics', () => {
  it('categorical JS and max share error by hand: {a, a, c} vs a 50/50 reference over a, b', () => {
    const c = codedCategorical({ a: 1, b: 1 });
    const codes = c.encode(['a', 'a', 'c']);
    expect(codes).toEqual([0, 0, 2]);
    // p = (2/3, 0, 1/3), q = (1/2, 1/2, 0); max |p − q| = 1/2 at b.
    const m = [7 / 12, 1 / 4, 1 / 6];
    const js = 0.5 * ((2 / 3) * Math.log((2 / 3) / m[0]!) + (1 / 3) * Math.log((1 / 3) / m[2]!)) + 0.5 * (0.5 * Math.log(0.5 / m[0]!) + 0.5 * Math.log(0.5 / m[1]!));
    expect(c.js(codes)).toBeCloseTo(js, 14);
    expect(c.maxError(codes)).toBeCloseTo(0.5, 14);
  });

  it('ages by hand: {20, 22} vs uniform 20..23', () => {
    const a = codedAges(20, [1, 1, 1, 1]);
    const codes = a.encode([20, 22.4]);
    expect(codes).toEqual([20, 22]);
    // F: ½ at 20, ½ at 21, 1 at 22; G: ¼, ½, ¾, 1 → KS ¼, W1 = ¼ + 0 + ¼ = ½.
    expect(a.ks(codes)).toBeCloseTo(0.25, 14);
    expect(a.w1(codes)).toBeCloseTo(0.5, 14);
  });

  it('give the numbers of categorical.ts and distributions.ts on random samples', () => {
    const ref = { CN: 14, IN: 14, US: 3.4, BR: 2.1, CA: 0.4, NO: 0.05 };
    const keys = ['CN', 'IN', 'US', 'BR', 'CA', 'NO', 'XK'];
    const ageWeights = Array.from({ length: 73 }, (_, i) => 100 - i);
    const ageRef = integerWeights(18, ageWeights);
    const ageShares = Object.fromEntries([...ageRef].map(([x, w]) => [String(x), w]));
    for (let seed = 0; seed < 20; seed++) {
      const rng = metricRng(seed, 'coded');
      const next = (n: number) => randomIndex(rng, n);
      const countries = Array.from({ length: 3 + seed * 5 }, () => keys[next(keys.length)]!);
      const c = codedCategorical(ref);
      const codes = c.encode(countries);
      expect(c.js(codes)).toBeCloseTo(jsDivergence(sampleShares(countries), ref), 12);
      expect(c.maxError(codes)).toBeCloseTo(maxAbsShareError(sampleShares(countries), ref).maxError, 12);
      const ages = Array.from({ length: 3 + seed * 5 }, () => 5 + next(95));
      const a = codedAges(18, ageWeights);
      const ac = a.encode(ages);
      expect(a.ks(ac)).toBeCloseTo(ksStatistic1D(ages, ageRef), 12);
      expect(a.w1(ac)).toBeCloseTo(wasserstein1(ages, ageRef), 9);
      expect(a.js(ac)).toBeCloseTo(jsDivergence(sampleShares(ages.map(String)), ageShares), 12);
    }
  });
});
