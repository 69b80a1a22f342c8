import { kmeans as mlKmeans } from 'ml-kmeans';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { kmeansPlusPlus, sampleRows, setUnitRow } from './kmeans-init.js';
import { NearestPool } from './nearest-centroid.js';
import type { FlatClusterer, Matrix } from './types.js';

export interface KmeansOptions {
  /** Lloyd iterations on the fitting rows (default 30). */
  maxIterations?: number;
  /** Stop once the mean squared centroid move (unit-sphere units) is at most this (default 1e-5). */
  tolerance?: number;
  /**
   * Fit centroids on this many seeded-sampled rows, then assign every row in one pass. Each full
   * pass costs n·k·d multiply-adds (~10–15 s at 1M × 2,000 × 100 on 2 cores), so use it for large n.
   */
  sampleSize?: number;
  /** Threads for assignment passes (default: all cores). Results are identical for any value. */
  threads?: number;
  /** Receives run statistics (the bench prints them). */
  report?: (stats: KmeansStats) => void;
}

export interface KmeansStats {
  fitRows: number;
  iterations: number;
  threads: number;
  initMs: number;
  fitMs: number;
  assignMs: number;
  /** Mean cosine similarity of every row to its centroid (higher is tighter). */
  meanCos: number;
}

/**
 * Spherical k-means (Lloyd's, cosine/dot assignment, centroids re-normalised) on unit rows.
 * Deterministic per seed and thread count: pure-rand xoroshiro128+, dot products from the SIMD kernel
 * (float32 sums in a fixed order, simd-dots.ts), ties to the lowest index, float64 centroid sums in
 * row order. k ≥ n puts every row in its own cluster; centroid rows past n are left zero (empty clusters).
 * v2: SIMD float32 dot products (v1 summed in float64 in JS, so labels can differ at near-ties).
 */
export function createKmeansClusterer(opts: KmeansOptions = {}): FlatClusterer {
  return { id: 'kmeans@lloyd-v2', cluster: (m, k, seed) => sphericalKmeans(m, k, seed, opts) };
}

function sphericalKmeans(m: Matrix, k: number, seed: number, opts: KmeansOptions) {
  checkK(k);
  if (k >= m.n) return identity(m, k);
  const { maxIterations = 30, tolerance = 1e-5, sampleSize, threads, report } = opts;
  const rng = xoroshiro128plus(seed);
  const sampled = sampleSize !== undefined && sampleSize < m.n;
  const fit = sampled ? sampleRows(m, Math.max(k, sampleSize), rng) : m;
  const t0 = performance.now();
  const centroids = kmeansPlusPlus(fit, k, rng);
  const t1 = performance.now();
  let labels = new Int32Array(fit.n);
  let best = new Float64Array(fit.n);
  let pool = new NearestPool(fit.data, fit.n, fit.d, k, { threads });
  try {
    let iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      pool.assign(centroids, k, labels, best);
      reseedEmpty(fit, labels, best, centroids, k);
      if (updateCentroids(fit, labels, centroids, k) <= tolerance) break;
    }
    const t2 = performance.now();
    if (sampled) {
      pool.close();
      pool = new NearestPool(m.data, m.n, m.d, k, { threads });
      [labels, best] = [new Int32Array(m.n), new Float64Array(m.n)];
    }
    // Final pass so every label is its row's nearest returned centroid (bar re-seeded empty clusters).
    pool.assign(centroids, k, labels, best);
    reseedEmpty(m, labels, best, centroids, k);
    const meanCos = best.reduce((s, v) => s + v, 0) / m.n;
    const stats = { fitRows: fit.n, iterations, threads: pool.threads, initMs: t1 - t0, fitMs: t2 - t1, assignMs: performance.now() - t2, meanCos };
    report?.(stats);
    return { assignments: labels, centroids };
  } finally {
    pool.close();
  }
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}

function identity(m: Matrix, k: number) {
  const assignments = new Int32Array(m.n);
  const centroids = new Float32Array(k * m.d);
  for (let i = 0; i < m.n; i++) {
    assignments[i] = i;
    setUnitRow(centroids, i, m.data, i, m.d);
  }
  return { assignments, centroids };
}

/** An empty cluster takes the row farthest from its centroid, from a cluster that can spare it. */
function reseedEmpty(m: Matrix, labels: Int32Array, best: Float64Array, centroids: Float32Array, k: number): void {
  const counts = new Int32Array(k);
  for (let i = 0; i < m.n; i++) counts[labels[i]!]!++;
  if (!counts.includes(0)) return;
  const order = Int32Array.from({ length: m.n }, (_, i) => i).sort((p, q) => best[p]! - best[q]! || p - q);
  let next = 0;
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    while (next < m.n && counts[labels[order[next]!]!]! <= 1) next++;
    if (next >= m.n) return; // fewer distinct rows than k: nothing to spare
    const row = order[next++]!;
    counts[labels[row]!]!--;
    counts[j] = 1;
    labels[row] = j;
    best[row] = 1;
    setUnitRow(centroids, j, m.data, row, m.d);
  }
}

/** Centroid ← normalised member sum; returns the mean squared move. Members-less or zero-sum centroids stay. */
function updateCentroids(m: Matrix, labels: Int32Array, centroids: Float32Array, k: number): number {
  const { data, n, d } = m;
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const so = labels[i]! * d;
    for (let t = 0, xo = i * d; t < d; t++) sums[so + t]! += data[xo + t]!;
  }
  let moved = 0;
  for (let j = 0; j < k; j++) {
    const so = j * d;
    let norm = 0;
    for (let t = 0; t < d; t++) norm += sums[so + t]! ** 2;
    if (norm === 0) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let t = 0; t < d; t++) {
      const v = Math.fround(sums[so + t]! * inv);
      moved += (v - centroids[so + t]!) ** 2;
      centroids[so + t] = v;
    }
  }
  return moved / k;
}

/**
 * ml-kmeans v7 behind the same interface, for cross-checks on small inputs: it works on arrays of
 * arrays with squared Euclidean distance (same ranking as cosine on unit rows) and does not
 * re-normalise centroids while iterating. Seeded random distinct rows replace its k-means++,
 * which is very slow at large k; returned centroids are normalised.
 */
export function createMlKmeansClusterer(
  opts: { maxIterations?: number; tolerance?: number; report?: (stats: { iterations: number }) => void } = {},
): FlatClusterer {
  return {
    id: 'ml-kmeans@v7',
    cluster(m, k, seed) {
      checkK(k);
      if (k >= m.n) return identity(m, k);
      const rows = Array.from({ length: m.n }, (_, i) => Array.from(m.data.subarray(i * m.d, (i + 1) * m.d)));
      const init = sampleRows(m, k, xoroshiro128plus(seed));
      const initialization = Array.from({ length: k }, (_, j) => Array.from(init.data.subarray(j * m.d, (j + 1) * m.d)));
      const result = mlKmeans(rows, k, { initialization, maxIterations: opts.maxIterations ?? 100, tolerance: opts.tolerance ?? 1e-6, seed });
      opts.report?.({ iterations: result.iterations });
      const centroids = new Float32Array(k * m.d);
      result.centroids.forEach((c, j) => setUnitRow(centroids, j, Float32Array.from(c), 0, m.d));
      return { assignments: Int32Array.from(result.clusters), centroids };
    },
  };
}
