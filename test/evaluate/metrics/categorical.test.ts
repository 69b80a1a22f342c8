import { describe, expect, it } from 'vitest';
import { countryShareError } from '../../../pipeline/anchors/fidelity.js';
import { jsDivergence, maxAbsShareError, sampleShares, toShares, totalVariation } from '../../../pipeline/evaluate/metrics/categorical.js';

describe('Jensen–Shannon divergence (nats)', () => {
  it('hand-computed values', () => {
    // Disjoint: M = (½, ½); KL(P‖M) = ln 2 = KL(Q‖M) → JS = ln 2.
    expect(jsDivergence({ a: 1 }, { b: 1 })).toBeCloseTo(Math.LN2, 12);
    // P = (1, 0), Q = (½, ½), M = (¾, ¼): KL(P‖M) = ln(4/3); KL(Q‖M) = ½ln(2/3) + ½ln 2 = ½ln(4/3);
    // JS = ½·ln(4/3) + ½·½·ln(4/3) = ¾·ln(4/3) ≈ 0.215762.
    expect(jsDivergence({ a: 1 }, { a: 1, b: 1 })).toBeCloseTo(0.75 * Math.log(4 / 3), 12);
    expect(jsDivergence({ a: 1 }, { a: 1, b: 1 })).toBeCloseTo(0.215762, 6);
  });

  it('is the divergence, not its square root, and normalises counts', () => {
    const d = jsDivergence(new Map([['f', 30], ['m', 70]]), { f: 0.5, m: 0.5 });
    // ½[.3 ln(.3/.4) + .7 ln(.7/.6)] + ½[.5 ln(.5/.4) + .5 ln(.5/.6)]
    const expected = 0.5 * (0.3 * Math.log(0.75) + 0.7 * Math.log(0.7 / 0.6)) + 0.5 * (0.5 * Math.log(1.25) + 0.5 * Math.log(0.5 / 0.6));
    expect(d).toBeCloseTo(expected, 12);
    expect(d).toBeLessThan(0.05); // the JS distance √d would be ≈ 0.14
    expect(jsDivergence({ a: 2, b: 2 }, { a: 0.5, b: 0.5 })).toBe(0);
  });

  it('is exactly symmetric and accepts Map or Record', () => {
    const p = new Map([['x', 3], ['y', 1], ['z', 6]]);
    const q = { z: 1, w: 2, x: 1 };
    expect(jsDivergence(p, q)).toBe(jsDivergence(q, p));
    expect(jsDivergence(p, q)).toBeGreaterThan(0);
  });

  it('throws on empty or invalid weights', () => {
    expect(() => jsDivergence({}, { a: 1 })).toThrow(RangeError);
    expect(() => jsDivergence({ a: 0 }, { a: 1 })).toThrow(/empty/);
    expect(() => jsDivergence({ a: -1, b: 2 }, { a: 1 })).toThrow(RangeError);
    expect(() => toShares(new Map([['a', Number.NaN]]))).toThrow(RangeError);
  });
});

describe('total variation and max share error', () => {
  it('hand-computed values', () => {
    // (1, 0) vs (½, ½): ½(½ + ½) = ½.
    expect(totalVariation({ a: 1 }, { a: 1, b: 1 })).toBeCloseTo(0.5, 12);
    expect(totalVariation({ a: 1 }, { b: 1 })).toBe(1);
    expect(totalVariation({ a: 1, b: 3 }, { b: 6, a: 2 })).toBe(0);
    // A: .5 vs .75, B: 0 vs .25, C: .5 vs 0 → worst C at .5.
    expect(maxAbsShareError(sampleShares(['A', 'A', 'C', 'C']), { A: 3, B: 1 })).toEqual({ maxError: 0.5, worst: 'C' });
    expect(maxAbsShareError({ A: 3, B: 1 }, { A: 0.75, B: 0.25 })).toEqual({ maxError: 0, worst: undefined });
  });

  it('matches fidelity.ts countryShareError', () => {
    const sample = ['DE', 'DE', 'FR', 'US', 'US', 'US', 'JP'];
    const weights = new Map([['DE', 80], ['FR', 65], ['US', 330]]);
    expect(maxAbsShareError(sampleShares(sample), weights).maxError).toBeCloseTo(countryShareError(sample, weights).maxError, 12);
  });
});
