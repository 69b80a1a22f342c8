import { describe, expect, it } from 'vitest';
import { canonicalMerges, centroidsOf, cutAtHeight, cutToK } from '../../pipeline/cluster/cut-tree.js';
import type { Merge } from '../../pipeline/cluster/types.js';

// Five points: {0,1} join at 1, {3,4} at 2, 2 joins {3,4} at 3, everything at 4.
const merges: Merge[] = [
  { a: 0, b: 1, height: 1, size: 2 }, // 5
  { a: 3, b: 4, height: 2, size: 2 }, // 6
  { a: 2, b: 6, height: 3, size: 3 }, // 7
  { a: 5, b: 7, height: 4, size: 5 }, // 8
];
const labels = (a: Int32Array) => Array.from(a);

describe('cutToK', () => {
  it('applies the first n − k merges and labels clusters by first appearance', () => {
    expect(labels(cutToK(merges, 5, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(labels(cutToK(merges, 5, 2))).toEqual([0, 0, 1, 1, 1]);
    expect(labels(cutToK(merges, 5, 3))).toEqual([0, 0, 1, 2, 2]);
    expect(labels(cutToK(merges, 5, 4))).toEqual([0, 0, 1, 2, 3]);
    expect(labels(cutToK(merges, 5, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(labels(cutToK(merges, 5, 50))).toEqual([0, 1, 2, 3, 4]);
  });

  it('numbers labels by the first point of each cluster, not by merge ids', () => {
    const m: Merge[] = [
      { a: 0, b: 4, height: 1, size: 2 },
      { a: 1, b: 2, height: 2, size: 2 },
      { a: 3, b: 6, height: 3, size: 3 },
      { a: 5, b: 7, height: 4, size: 5 },
    ];
    expect(labels(cutToK(m, 5, 4))).toEqual([0, 1, 2, 3, 0]);
    expect(labels(cutToK(m, 5, 2))).toEqual([0, 1, 1, 1, 0]);
  });

  it('rejects bad k and merge lists of the wrong length', () => {
    expect(() => cutToK(merges, 5, 0)).toThrow(RangeError);
    expect(() => cutToK(merges, 5, 1.5)).toThrow(RangeError);
    expect(() => cutToK(merges, 6, 2)).toThrow(RangeError);
  });

  it('handles a single point and no points', () => {
    expect(labels(cutToK([], 1, 1))).toEqual([0]);
    expect(labels(cutToK([], 0, 3))).toEqual([]);
  });
});

describe('cutAtHeight', () => {
  it('applies every merge at or below the height', () => {
    expect(labels(cutAtHeight(merges, 5, 0.5))).toEqual([0, 1, 2, 3, 4]);
    expect(labels(cutAtHeight(merges, 5, 1))).toEqual([0, 0, 1, 2, 3]);
    expect(labels(cutAtHeight(merges, 5, 2.5))).toEqual([0, 0, 1, 2, 2]);
    expect(labels(cutAtHeight(merges, 5, 3.99))).toEqual([0, 0, 1, 1, 1]);
    expect(labels(cutAtHeight(merges, 5, 10))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('canonicalMerges', () => {
  it('sorts a creation-order tree by height and relabels merge ids scipy-style', () => {
    // Same tree as `merges`, created in another order: t0 = {3,4}, t1 = {0,1}, t2 = 2 + t0, t3 = t1 + t2.
    const out = canonicalMerges(5, Int32Array.of(4, 1, 5, 7), Int32Array.of(3, 0, 2, 6), [2, 1, 3, 4]);
    expect(out).toEqual(merges);
  });

  it('breaks height ties by size then smallest member, and lifts float inversions', () => {
    // t0 = {2,3} and t1 = {0,1} tie at 1: {0,1} goes first. t2 = t0 + 4 is 1 ulp below its child.
    const below = 1 - Number.EPSILON;
    const out = canonicalMerges(5, Int32Array.of(2, 0, 5, 6), Int32Array.of(3, 1, 4, 7), [1, 1, below, 2]);
    expect(out).toEqual([
      { a: 0, b: 1, height: 1, size: 2 },
      { a: 2, b: 3, height: 1, size: 2 },
      { a: 4, b: 6, height: 1, size: 3 },
      { a: 5, b: 7, height: 2, size: 5 },
    ]);
  });
});

describe('centroidsOf', () => {
  const m = { data: Float32Array.of(1, 0, 0, 1, 1, 0), n: 3, d: 2 };

  it('returns unit-normalised cluster means and zero rows for empty clusters', () => {
    const c = centroidsOf(m, Int32Array.of(0, 0, 1), 3);
    expect(c[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(c[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Array.from(c.subarray(2))).toEqual([1, 0, 0, 0]);
  });

  it('rejects labels outside 0..k−1', () => {
    expect(() => centroidsOf(m, Int32Array.of(0, 3, 1), 3)).toThrow(RangeError);
  });
});
