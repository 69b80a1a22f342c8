import { describe, expect, it } from 'vitest';
import { createKmeansClusterer, createMlKmeansClusterer } from '../../pipeline/cluster/kmeans.js';
import { assignNearest, NearestPool } from '../../pipeline/cluster/nearest-centroid.js';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { blobs, randomUnit, samePartition } from './synthetic.js';

const kmeans = createKmeansClusterer();

function rowNorms(c: Float32Array, d: number): number[] {
  return Array.from({ length: c.length / d }, (_, j) => Math.hypot(...c.subarray(j * d, (j + 1) * d)));
}

describe('kmeans@lloyd-v2', () => {
  it('is deterministic per seed', () => {
    const m = randomUnit(800, 32, 1);
    const a = kmeans.cluster(m, 12, 7);
    const b = createKmeansClusterer().cluster(m, 12, 7);
    expect(b.assignments).toEqual(a.assignments);
    expect(b.centroids).toEqual(a.centroids);
    const c = kmeans.cluster(m, 12, 8);
    expect(samePartition(c.assignments, a.assignments)).toBe(false); // unstructured data: seeds land differently
  });

  it('recovers well-separated blobs, with unit centroids', () => {
    const { m, truth } = blobs(1200, 100, 8, 0.3, 2);
    for (const seed of [1, 2, 3]) {
      const { assignments, centroids } = kmeans.cluster(m, 8, seed);
      expect(samePartition(assignments, truth)).toBe(true);
      for (const norm of rowNorms(centroids, 100)) expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('labels every row with its nearest returned centroid', () => {
    const m = randomUnit(500, 16, 3);
    const { assignments, centroids } = kmeans.cluster(m, 20, 1);
    const labels = new Int32Array(m.n);
    assignNearest(m.data, m.n, centroids, 20, m.d, labels, new Float64Array(m.n));
    expect(labels).toEqual(assignments);
  });

  it('fills every cluster when there are fewer distinct rows than seeds would like', () => {
    // 10 distinct rows × 5 copies with k = 12: seeding runs out of distinct rows, so clusters empty
    // out and are re-seeded from rows of clusters that can spare one.
    const base = randomUnit(10, 8, 4);
    const data = new Float32Array(50 * 8);
    for (let c = 0; c < 5; c++) data.set(base.data, c * base.data.length);
    const m: Matrix = { data, n: 50, d: 8 };
    const { assignments } = kmeans.cluster(m, 12, 5);
    expect(new Set(assignments).size).toBe(12);
    // Identical rows may be split, but a cluster never mixes distinct rows.
    const rowOf = new Map<number, number>();
    assignments.forEach((label, i) => expect(rowOf.get(label) ?? (rowOf.set(label, i % 10), i % 10)).toBe(i % 10));
  });

  it('puts every row in its own cluster when k ≥ n, and everything together when k = 1', () => {
    const m = randomUnit(5, 4, 6);
    for (const k of [5, 9]) {
      const { assignments, centroids } = kmeans.cluster(m, k, 1);
      expect(Array.from(assignments)).toEqual([0, 1, 2, 3, 4]);
      expect(centroids).toHaveLength(k * 4);
      expect(Array.from(centroids.subarray(5 * 4))).toEqual(new Array((k - 5) * 4).fill(0)); // empty clusters
      expect(centroids[0]).toBeCloseTo(m.data[0]!, 6);
    }
    const one = kmeans.cluster(m, 1, 1);
    expect(Array.from(one.assignments)).toEqual([0, 0, 0, 0, 0]);
    expect(rowNorms(one.centroids, 4)[0]).toBeCloseTo(1, 5);
    expect(() => kmeans.cluster(m, 0, 1)).toThrow(RangeError);
  });

  it('sampled mode fits on a sample and still assigns every row', () => {
    const { m, truth } = blobs(3000, 50, 6, 0.3, 7);
    const sampled = createKmeansClusterer({ sampleSize: 300 });
    const { assignments } = sampled.cluster(m, 6, 3);
    expect(assignments).toHaveLength(3000);
    expect(samePartition(assignments, truth)).toBe(true);
    expect(sampled.cluster(m, 6, 3).assignments).toEqual(assignments);
  });

  it('gives identical results whatever the thread count', () => {
    const m = randomUnit(3000, 24, 8);
    const c = randomUnit(37, 24, 9).data;
    const run = (threads: number) => {
      const pool = new NearestPool(m.data, m.n, m.d, 37, { threads, minWork: 0 });
      const labels = new Int32Array(m.n);
      const best = new Float64Array(m.n);
      try {
        expect(pool.threads).toBe(threads);
        pool.assign(c, 37, labels, best);
        pool.assign(c, 37, labels, best); // the pool is reusable across passes
      } finally {
        pool.close();
      }
      return { labels, best };
    };
    const one = run(1);
    const two = run(2);
    expect(two.labels).toEqual(one.labels);
    expect(two.best).toEqual(one.best);
  });
});

describe('ml-kmeans@v7 wrapper', () => {
  it('is seeded, recovers blobs and returns unit centroids', () => {
    const ml = createMlKmeansClusterer();
    expect(ml.id).toBe('ml-kmeans@v7');
    const { m, truth } = blobs(400, 20, 4, 0.3, 11);
    const a = ml.cluster(m, 4, 1);
    expect(ml.cluster(m, 4, 1)).toEqual(a);
    expect(samePartition(a.assignments, truth)).toBe(true);
    for (const norm of rowNorms(a.centroids, 20)) expect(norm).toBeCloseTo(1, 5);
    expect(Array.from(ml.cluster(randomUnit(3, 4, 1), 5, 1).assignments)).toEqual([0, 1, 2]);
  });
});
