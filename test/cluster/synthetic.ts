import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Matrix } from '../../pipeline/cluster/types.js';

/** Seeded synthetic unit vectors for cluster tests and benches (no Math.random). */

function gaussian(rng: RandomGenerator): number {
  // Box–Muller; 1 − u keeps the log argument in (0, 1].
  const u = 1 - uniformFloat64(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformFloat64(rng));
}

function normaliseRow(data: Float32Array, i: number, d: number): void {
  let norm = 0;
  for (let t = 0; t < d; t++) norm += data[i * d + t]! ** 2;
  const inv = 1 / Math.sqrt(norm);
  for (let t = 0; t < d; t++) data[i * d + t] = data[i * d + t]! * inv;
}

/** n independent random directions in d dimensions. */
export function randomUnit(n: number, d: number, seed: number): Matrix {
  const rng = xoroshiro128plus(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) data[i * d + t] = gaussian(rng);
    normaliseRow(data, i, d);
  }
  return { data, n, d };
}

/**
 * `centers` random directions with n points spread round-robin around them: point = centre +
 * spread · noise (noise of expected norm 1), normalised. spread 0.3 gives cos ≈ 0.96 to the centre
 * while random centres are near-orthogonal in 100 dims, i.e. clearly separated blobs.
 */
export function blobs(n: number, d: number, centers: number, spread: number, seed: number): { m: Matrix; truth: Int32Array } {
  const rng = xoroshiro128plus(seed);
  const c = randomUnit(centers, d, seed ^ 0x5eed).data;
  const data = new Float32Array(n * d);
  const truth = new Int32Array(n);
  const scale = spread / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const j = i % centers;
    truth[i] = j;
    for (let t = 0; t < d; t++) data[i * d + t] = c[j * d + t]! + scale * gaussian(rng);
    normaliseRow(data, i, d);
  }
  return { m: { data, n, d }, truth };
}

/** True when two labelings are the same partition (equal up to renaming labels). */
export function samePartition(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}
