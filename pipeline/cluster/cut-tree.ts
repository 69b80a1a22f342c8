import type { Matrix, Merge } from './types.js';

/**
 * Helpers over scipy-style `Merge[]`: a canonical merge order shared by every hierarchical clusterer
 * (so two implementations that build the same tree emit the same list), flat cuts, and centroids.
 */

/**
 * Orders a dendrogram canonically. Input: internal node t joins node ids left[t] and right[t] (ids < n
 * are points, n + u is internal node u, u < t) at height[t]. Output: merges sorted by height, ties by
 * size then smallest member point, relabelled so merge i creates cluster n + i and a < b. Heights are
 * raised to their children's maximum: average linkage is monotone in exact arithmetic, and this
 * only removes float-rounding inversions (≤ a few ulps) that would otherwise put a parent before a child.
 */
export function canonicalMerges(n: number, left: Int32Array, right: Int32Array, height: ArrayLike<number>): Merge[] {
  if (n < 2) return [];
  const m = n - 1;
  const size = new Int32Array(m);
  const minLeaf = new Int32Array(m);
  const eff = new Float64Array(m);
  const sizeOf = (id: number) => (id < n ? 1 : size[id - n]!);
  const minOf = (id: number) => (id < n ? id : minLeaf[id - n]!);
  const effOf = (id: number) => (id < n ? -Infinity : eff[id - n]!);
  for (let t = 0; t < m; t++) {
    const l = left[t]!;
    const r = right[t]!;
    size[t] = sizeOf(l) + sizeOf(r);
    minLeaf[t] = Math.min(minOf(l), minOf(r));
    eff[t] = Math.max(height[t]!, effOf(l), effOf(r));
  }
  // A parent sorts after its children: its height is ≥ theirs and its size strictly larger.
  const order = Array.from({ length: m }, (_, t) => t);
  order.sort((p, q) => eff[p]! - eff[q]! || size[p]! - size[q]! || minLeaf[p]! - minLeaf[q]!);
  const rank = new Int32Array(m);
  order.forEach((t, i) => (rank[t] = i));
  const relabel = (id: number) => (id < n ? id : n + rank[id - n]!);
  return order.map((t) => {
    const a = relabel(left[t]!);
    const b = relabel(right[t]!);
    return { a: Math.min(a, b), b: Math.max(a, b), height: eff[t]!, size: size[t]! };
  });
}

/** Applies the first `count` merges with union-find and labels points 0.. in order of first appearance. */
function labelsAfter(merges: readonly Merge[], n: number, count: number): Int32Array {
  const parent = new Int32Array(n + count);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) [x, parent[x]] = [parent[x]!, root]; // path compression
    return root;
  };
  for (let i = 0; i < count; i++) {
    const { a, b } = merges[i]!;
    parent[find(a)] = n + i;
    parent[find(b)] = n + i;
  }
  const labels = new Int32Array(n);
  const seen = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    const root = find(p);
    let label = seen.get(root);
    if (label === undefined) seen.set(root, (label = seen.size));
    labels[p] = label;
  }
  return labels;
}

/** Flat partition into exactly min(k, n) clusters (the first n − k merges applied). */
export function cutToK(merges: readonly Merge[], n: number, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (merges.length !== Math.max(0, n - 1)) throw new RangeError(`expected ${n - 1} merges for ${n} points, got ${merges.length}`);
  return labelsAfter(merges, n, Math.max(0, n - k));
}

/** Flat partition applying every merge at or below `height` (scipy fcluster 'distance' criterion). */
export function cutAtHeight(merges: readonly Merge[], n: number, height: number): Int32Array {
  if (merges.length !== Math.max(0, n - 1)) throw new RangeError(`expected ${n - 1} merges for ${n} points, got ${merges.length}`);
  let count = 0; // merges are height-sorted, so the applied ones are a prefix
  while (count < merges.length && merges[count]!.height <= height) count++;
  return labelsAfter(merges, n, count);
}

/** Unit-normalised mean of each cluster's rows (k × d); an empty cluster's row stays all zero. */
export function centroidsOf(m: Matrix, labels: Int32Array, k: number): Float32Array {
  const { data, n, d } = m;
  const sums = new Float64Array(k * d); // float64 sums: 1M float32 rows would lose precision
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c < 0 || c >= k) throw new RangeError(`label ${c} of row ${i} is outside 0..${k - 1}`);
    const so = c * d;
    const xo = i * d;
    for (let t = 0; t < d; t++) sums[so + t]! += data[xo + t]!;
  }
  const out = new Float32Array(k * d);
  for (let c = 0; c < k; c++) {
    const so = c * d;
    let norm = 0;
    for (let t = 0; t < d; t++) norm += sums[so + t]! * sums[so + t]!;
    if (norm === 0) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let t = 0; t < d; t++) out[so + t] = sums[so + t]! * inv;
  }
  return out;
}
