import type { Matrix } from '../cluster/types.js';

export const row = (m: Matrix, i: number): Float32Array => m.data.subarray(i * m.d, (i + 1) * m.d);

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Unit-normalised weighted mean of rows; a zero mean stays zero. */
export function meanOf(m: Matrix, rows: readonly number[], weights?: (i: number) => number): Float32Array {
  const out = new Float32Array(m.d);
  for (const i of rows) {
    const w = weights ? weights(i) : 1;
    const r = row(m, i);
    for (let j = 0; j < m.d; j++) out[j]! += w * r[j]!;
  }
  return normalise(out);
}

export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let j = 0; j < v.length; j++) n += v[j]! * v[j]!;
  n = Math.sqrt(n);
  if (n > 0) for (let j = 0; j < v.length; j++) v[j]! /= n;
  return v;
}

/** Packs selected rows (or given vectors) into a new matrix for a clusterer. */
export function pack(vectors: readonly Float32Array[], d: number): Matrix {
  const data = new Float32Array(vectors.length * d);
  vectors.forEach((v, i) => data.set(v, i * d));
  return { data, n: vectors.length, d };
}
