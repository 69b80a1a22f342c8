import { describe, expect, it } from 'vitest';
import { cutAtHeight, cutToK } from '../../pipeline/cluster/cut-tree.js';
import { createMlHclustClusterer } from '../../pipeline/cluster/ml-hclust-clusterer.js';
import { createNnChainClusterer } from '../../pipeline/cluster/nn-chain.js';
import type { Matrix, Merge } from '../../pipeline/cluster/types.js';
import { blobs, randomUnit, samePartition } from './synthetic.js';

const nnChain = createNnChainClusterer();
const reference = createMlHclustClusterer();

/** Rows of m repeated: row i of the result is row i % m.n, so every point has exact duplicates. */
function withDuplicates(m: Matrix, copies: number): Matrix {
  const data = new Float32Array(m.n * copies * m.d);
  for (let c = 0; c < copies; c++) data.set(m.data, c * m.data.length);
  return { data, n: m.n * copies, d: m.d };
}

/**
 * Tie-heavy but unambiguous: pair p is (e_2p, 0.6·e_2p + 0.8·e_2p+1), so every within-pair distance
 * is the same float and every cross-pair distance exactly 1; plus `simplex` lone axes at distance 1
 * from everything. Whatever order the ties are taken in, the heights are the same.
 * (Genuinely ambiguous ties, e.g. a row tied between two partners, can yield different but equally
 * valid average-linkage trees; ml-hclust and nn-chain break such ties differently, so they're not compared.)
 */
function tiedPairs(pairs: number, simplex: number): Matrix {
  const d = 2 * pairs + simplex;
  const n = 2 * pairs + simplex;
  const data = new Float32Array(n * d);
  for (let p = 0; p < pairs; p++) {
    data[2 * p * d + 2 * p] = 1;
    data[(2 * p + 1) * d + 2 * p] = 0.6;
    data[(2 * p + 1) * d + 2 * p + 1] = 0.8;
  }
  for (let s = 0; s < simplex; s++) data[(2 * pairs + s) * d + 2 * pairs + s] = 1;
  return { data, n, d };
}

/** Structural checks every scipy-style linkage must pass. */
function expectValid(merges: Merge[], n: number): void {
  expect(merges).toHaveLength(Math.max(0, n - 1));
  const size = (id: number) => (id < n ? 1 : merges[id - n]!.size);
  merges.forEach((m, i) => {
    expect(m.a).toBeLessThan(m.b);
    expect(m.b).toBeLessThan(n + i); // children exist before their parent
    expect(m.size).toBe(size(m.a) + size(m.b));
    if (i > 0) expect(m.height).toBeGreaterThanOrEqual(merges[i - 1]!.height);
  });
  const used = new Set(merges.flatMap((m) => [m.a, m.b]));
  expect(used.size).toBe(2 * Math.max(0, n - 1)); // each cluster merged exactly once
}

const cases: [string, Matrix][] = [
  ['random n=10 d=5', randomUnit(10, 5, 1)],
  ['random n=60 d=100', randomUnit(60, 100, 2)],
  ['blobs n=300 d=20', blobs(300, 20, 12, 0.5, 3).m],
  ['random n=200 d=3 (dense, near ties)', randomUnit(200, 3, 4)],
  ['duplicates 40 × 3', withDuplicates(randomUnit(40, 16, 5), 3)],
  ['tied pairs n=30', tiedPairs(12, 6)],
];

describe('nn-chain average linkage vs ml-hclust', () => {
  it.each(cases)('%s: same merge heights and the same flat cuts', (_, m) => {
    const ours = nnChain.linkage(m);
    const theirs = reference.linkage(m);
    expectValid(ours, m.n);
    expectValid(theirs, m.n);
    ours.forEach((merge, i) => expect(Math.abs(merge.height - theirs[i]!.height)).toBeLessThan(1e-5));
    // Cut between distinct heights (a cut inside a run of tied heights is legitimately order-dependent).
    const levels = [...new Set(theirs.map((x) => Math.round(x.height * 1e4) / 1e4))];
    for (let i = 1; i < levels.length; i += Math.max(1, Math.floor(levels.length / 6))) {
      const h = (levels[i - 1]! + levels[i]!) / 2;
      expect(samePartition(cutAtHeight(ours, m.n, h), cutAtHeight(theirs, m.n, h))).toBe(true);
    }
  });

  it.each(cases.slice(0, 3))('%s: the same cut to k clusters', (_, m) => {
    const [ours, theirs] = [nnChain.linkage(m), reference.linkage(m)];
    for (const k of [1, 2, 3, 5, Math.ceil(m.n / 4), m.n]) {
      expect(samePartition(cutToK(ours, m.n, k), cutToK(theirs, m.n, k))).toBe(true);
    }
  });

  it('is deterministic and emits exactly ml-hclust merges on generic data', () => {
    const m = randomUnit(120, 50, 9);
    const ours = nnChain.linkage(m);
    expect(nnChain.linkage(m)).toEqual(ours);
    const theirs = reference.linkage(m);
    expect(ours.map(({ a, b, size }) => [a, b, size])).toEqual(theirs.map(({ a, b, size }) => [a, b, size]));
  });

  it('merges duplicates first, at ~0 (float32 rows are unit only to ~1e-7)', () => {
    const m = withDuplicates(randomUnit(10, 8, 6), 2);
    const merges = nnChain.linkage(m);
    expect(merges.slice(0, 10).every((x) => x.height < 1e-6 && x.size === 2 && x.b - x.a === 10)).toBe(true);
    expect(merges[10]!.height).toBeGreaterThan(0.01);
    expect(new Set(cutAtHeight(merges, m.n, 1e-6)).size).toBe(10);
  });

  it('handles 0, 1 and 2 points', () => {
    for (const clusterer of [nnChain, reference]) {
      expect(clusterer.linkage({ data: new Float32Array(0), n: 0, d: 4 })).toEqual([]);
      expect(clusterer.linkage(randomUnit(1, 4, 1))).toEqual([]);
      const [only] = clusterer.linkage({ data: Float32Array.of(1, 0, 0, 1), n: 2, d: 2 });
      expect(only).toEqual({ a: 0, b: 1, height: 1, size: 2 });
    }
  });

  it('reports its ids', () => {
    expect(nnChain.id).toBe('nn-chain@average');
    expect(reference.id).toBe('ml-hclust@average');
  });
});
