/**
 * Clustering interfaces. Vectors are one row-major Float32Array of n × d (unit-normalised for
 * cosine work), so large inputs never become arrays of arrays.
 */
export interface Matrix {
  data: Float32Array;
  n: number;
  d: number;
}

/** One agglomeration step, scipy-style: clusters a and b (ids < n are points, n + i is merge i) join at `height`. */
export interface Merge {
  a: number;
  b: number;
  height: number;
  size: number;
}

export interface HierarchicalClusterer {
  readonly id: string;
  /** Average linkage on cosine distance (1 − cos) by default; n − 1 merges in merge order. */
  linkage(m: Matrix): Merge[];
}

export interface FlatClusterer {
  readonly id: string;
  /** Deterministic for a given seed; returns each point's cluster in 0..k−1 and the centroids (k × d). */
  cluster(m: Matrix, k: number, seed: number): { assignments: Int32Array; centroids: Float32Array };
}
