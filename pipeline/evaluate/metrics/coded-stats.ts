import { toShares, type CategoricalDist } from './categorical.js';

/**
 * The fidelity statistics on integer-coded samples, for the bootstrap and the noise floor, which
 * evaluate them about 10⁵ times per set: jsDivergence and ksStatistic1D rebuild and sort their
 * share maps on every call (≈ 50 µs for 235 countries), these count codes into a reused buffer
 * (≈ 1 µs). They give the same numbers as categorical.ts and distributions.ts for the same data
 * (the tests check it); only the summation order differs, at the last bit.
 *
 * Categorical: the reference's categories are codes 0..K−1 (sorted), a value the reference does
 * not have gets its own code from K on (a share on one side only). Ages: whole years on the grid
 * 0..AGE_MAX (a fractional age rounds, one outside the grid is clamped to it), code = the age.
 */

export interface CodedCategorical {
  /** Codes of `values` (new unknown values get new codes). */
  encode(values: readonly string[]): number[];
  js(codes: readonly number[]): number;
  maxError(codes: readonly number[]): number;
  /** The reference's shares by code (for drawing ideal samples). */
  shares: Float64Array;
}

export function codedCategorical(reference: CategoricalDist): CodedCategorical {
  const ref = toShares(reference, 'coded reference');
  const keys = [...ref.keys()].sort();
  const code = new Map(keys.map((k, i) => [k, i]));
  const shares = Float64Array.from(keys, (k) => ref.get(k)!);
  let counts = new Float64Array(keys.length);
  const tally = (codes: readonly number[]) => {
    const size = Math.max(keys.length, code.size);
    if (counts.length < size) counts = new Float64Array(size);
    else counts.fill(0, 0, size);
    for (const c of codes) counts[c]! += 1;
    return size;
  };
  return {
    shares,
    encode: (values) => values.map((v) => code.get(v) ?? (code.set(v, code.size), code.size - 1)),
    js(codes) {
      const size = tally(codes);
      const n = codes.length;
      let js = 0;
      for (let k = 0; k < size; k++) {
        const a = counts[k]! / n;
        const b = k < shares.length ? shares[k]! : 0;
        const m = (a + b) / 2;
        if (a > 0) js += 0.5 * a * Math.log(a / m);
        if (b > 0) js += 0.5 * b * Math.log(b / m);
      }
      return Math.min(Math.LN2, Math.max(0, js));
    },
    maxError(codes) {
      const size = tally(codes);
      let max = 0;
      for (let k = 0; k < size; k++) max = Math.max(max, Math.abs(counts[k]! / codes.length - (k < shares.length ? shares[k]! : 0)));
      return max;
    },
  };
}

export const AGE_MAX = 150;

export interface CodedAges {
  encode(ages: readonly number[]): number[];
  ks(codes: readonly number[]): number;
  /** Wasserstein-1 in years. */
  w1(codes: readonly number[]): number;
  /** JS divergence of ages by year. */
  js(codes: readonly number[]): number;
  /** Reference shares by age 0..AGE_MAX. */
  shares: Float64Array;
}

/** `weights[i]` is the reference weight of age lo + i (population-reference.ts's shape). */
export function codedAges(lo: number, weights: ArrayLike<number>): CodedAges {
  const shares = new Float64Array(AGE_MAX + 1);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (!(total > 0)) throw new RangeError('coded ages: the reference has no weight');
  for (let i = 0; i < weights.length; i++) if (lo + i >= 0 && lo + i <= AGE_MAX) shares[lo + i]! += weights[i]! / total;
  const refCdf = new Float64Array(AGE_MAX + 1);
  let acc = 0;
  for (let x = 0; x <= AGE_MAX; x++) refCdf[x] = acc += shares[x]!;
  const counts = new Float64Array(AGE_MAX + 1);
  const tally = (codes: readonly number[]) => {
    counts.fill(0);
    for (const c of codes) counts[c]! += 1;
  };
  // Sup and integral of |F − G| over the grid; the last point has both CDFs at 1, so the sum stops before it.
  const walk = (codes: readonly number[], visit: (diff: number) => void) => {
    tally(codes);
    let f = 0;
    for (let x = 0; x < AGE_MAX; x++) {
      f += counts[x]! / codes.length;
      visit(Math.abs(f - refCdf[x]!));
    }
  };
  return {
    shares,
    encode: (ages) => ages.map((a) => Math.min(AGE_MAX, Math.max(0, Math.round(a)))),
    ks(codes) {
      let ks = 0;
      walk(codes, (d) => (ks = Math.max(ks, d)));
      return Math.min(1, ks);
    },
    w1(codes) {
      let w = 0;
      walk(codes, (d) => (w += d));
      return w;
    },
    js(codes) {
      tally(codes);
      let js = 0;
      for (let x = 0; x <= AGE_MAX; x++) {
        const a = counts[x]! / codes.length;
        const b = shares[x]!;
        const m = (a + b) / 2;
        if (a > 0) js += 0.5 * a * Math.log(a / m);
        if (b > 0) js += 0.5 * b * Math.log(b / m);
      }
      return Math.min(Math.LN2, Math.max(0, js));
    },
  };
}
