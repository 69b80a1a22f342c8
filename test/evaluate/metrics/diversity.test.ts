import { describe, expect, it } from 'vitest';
import {
  attributeValueKey,
  attributeValueSets,
  distinctValueShare,
  jaccardDistance,
  meanCosineDistance,
  meanJaccardDistance,
} from '../../../pipeline/evaluate/metrics/diversity.js';
import { choosePairs, meanPairwise } from '../../../pipeline/evaluate/metrics/pairs.js';

describe('pair selection', () => {
  it('uses every pair once up to exactMaxN', () => {
    expect(choosePairs(4)).toEqual({ pairs: [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]], exact: true });
    expect(() => choosePairs(1)).toThrow(RangeError);
    expect(() => choosePairs(0)).toThrow(RangeError);
  });

  it('samples pairs deterministically from the seed above exactMaxN', () => {
    const opts = { exactMaxN: 5, samplePairs: 200, seed: 7 };
    const a = choosePairs(10, opts);
    expect(a.exact).toBe(false);
    expect(a.pairs).toHaveLength(200);
    expect(choosePairs(10, opts)).toEqual(a);
    expect(choosePairs(10, { ...opts, seed: 8 }).pairs).not.toEqual(a.pairs);
    for (const [i, j] of a.pairs) {
      expect(i).toBeLessThan(j);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(j).toBeLessThan(10);
    }
    // 45 distinct pairs, 200 draws: nearly all should appear (expected misses ≈ 45·(44/45)^200 ≈ 0.5).
    expect(new Set(a.pairs.map(([i, j]) => `${i},${j}`)).size).toBeGreaterThan(40);
  });

  it('a sampled mean estimates the exact one', () => {
    // Share of pairs with different parity among 100 items: 50·50 / 4950.
    const distance = (i: number, j: number) => (i + j) % 2;
    const exact = meanPairwise(100, distance);
    expect(exact).toEqual({ mean: 2500 / 4950, pairs: 4950, exact: true });
    const sampled = meanPairwise(100, distance, { exactMaxN: 50, samplePairs: 20_000, seed: 1 });
    expect(sampled.exact).toBe(false);
    expect(sampled.pairs).toBe(20_000);
    expect(Math.abs(sampled.mean - exact.mean)).toBeLessThan(0.02);
  });
});

describe('Jaccard diversity', () => {
  it('hand-computed distances', () => {
    // {a, b} vs {b, c}: 1 shared of 3 → 2/3.
    expect(jaccardDistance(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(2 / 3, 12);
    expect(jaccardDistance(new Set(), new Set())).toBe(0);
    expect(jaccardDistance(new Set(['a']), new Set())).toBe(1);
    // A = C = {a, b}, B = {b, c}: d(A,B) = 2/3, d(A,C) = 0, d(B,C) = 2/3 → mean 4/9.
    const sets = [new Set(['a', 'b']), new Set(['b', 'c']), new Set(['a', 'b'])];
    const m = meanJaccardDistance(sets);
    expect(m.mean).toBeCloseTo(4 / 9, 12);
    expect(m).toMatchObject({ pairs: 3, exact: true });
    expect(() => meanJaccardDistance([new Set(['a'])])).toThrow(RangeError);
  });

  it('keys attribute values by node and folded value', () => {
    expect(attributeValueKey({ nodeId: 'n1', value: ' Red  Wine ' })).toBe(attributeValueKey({ nodeId: 'n1', value: 'red wine' }));
    expect(attributeValueKey({ nodeId: 'n1', value: 'red' })).not.toBe(attributeValueKey({ nodeId: 'n2', value: 'red' }));
    const personas = [
      { attributes: [{ nodeId: 'n1', value: 'red' }, { nodeId: 'n2', value: 'cat' }] },
      { attributes: [{ nodeId: 'n1', value: 'Red' }, { nodeId: 'n2', value: 'dog' }] },
    ];
    // {n1:red, n2:cat} vs {n1:red, n2:dog}: 1 shared of 3 → 2/3.
    expect(meanJaccardDistance(attributeValueSets(personas)).mean).toBeCloseTo(2 / 3, 12);
    // Items: red, cat, red, dog → 3 distinct of 4.
    expect(distinctValueShare(personas)).toBe(0.75);
    const byValueOnly = [{ attributes: [{ nodeId: 'n1', value: 'red' }] }, { attributes: [{ nodeId: 'n2', value: 'red' }] }];
    expect(distinctValueShare(byValueOnly)).toBe(1);
    expect(distinctValueShare(byValueOnly, (a) => a.value)).toBe(0.5);
    expect(() => distinctValueShare([{ attributes: [] }])).toThrow(RangeError);
  });
});

describe('cosine diversity', () => {
  it('hand-computed distances', () => {
    // (1,0), (0,1), (−1,0): 1 − 0 = 1, 1 − (−1) = 2, 1 − 0 = 1 → mean 4/3; scale does not matter.
    const v = [Float32Array.of(2, 0), Float32Array.of(0, 1), Float32Array.of(-1, 0)];
    expect(meanCosineDistance(v).mean).toBeCloseTo(4 / 3, 6);
    expect(meanCosineDistance([Float32Array.of(1, 1), Float32Array.of(3, 3)]).mean).toBeCloseTo(0, 6);
    // (2, 0) vs (1, 1): cos = 2 / (2·√2) = 1/√2 → 1 − 0.707107 = 0.292893.
    expect(meanCosineDistance([Float32Array.of(2, 0), Float32Array.of(1, 1)]).mean).toBeCloseTo(1 - Math.SQRT1_2, 6);
  });

  it('throws on too few, zero or mismatched vectors; sampling is seeded', () => {
    expect(() => meanCosineDistance([Float32Array.of(1)])).toThrow(RangeError);
    expect(() => meanCosineDistance([Float32Array.of(1, 0), Float32Array.of(0, 0)])).toThrow(/norm/);
    expect(() => meanCosineDistance([Float32Array.of(1, 0), Float32Array.of(1, 0, 0)])).toThrow(/dimensions/);
    const vectors = Array.from({ length: 30 }, (_, i) => Float32Array.of(Math.cos(i), Math.sin(i), (i % 3) - 1));
    const opts = { exactMaxN: 10, samplePairs: 300, seed: 11 };
    const a = meanCosineDistance(vectors, opts);
    expect(meanCosineDistance(vectors, opts)).toEqual(a);
    expect(a.exact).toBe(false);
    expect(Math.abs(a.mean - meanCosineDistance(vectors).mean)).toBeLessThan(0.1);
  });
});
