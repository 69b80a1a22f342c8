import { empty } from './stats.js';

/**
 * Fidelity of a 1-D numeric variable (age) to a reference: the KS statistic and Wasserstein-1.
 * Both sides are a `NumericDist`, so one function covers sample vs table and sample vs sample:
 *   - an array is a sample (each element has weight 1, repeats add up);
 *   - a Map is a discrete distribution: support point → non-negative weight (normalised here, so
 *     counts, persons or probabilities all work).
 * Both CDFs are right-continuous step functions that only jump at their support points, so their
 * difference is constant between consecutive points of the union support; evaluating at every
 * union point gives the exact supremum (KS) and the exact integral (W1), for integer ages or not.
 *
 * Why not only anchors/fidelity.ts `ksStatistic`/`ageKs`: they evaluate at the table's support
 * alone, so a sample value outside it (below `lo`, above 104) or between two whole years can be
 * missed (all mass at −5 vs a point mass at 0 scores 0 there, 1 here). For whole-year ages inside
 * the table both give the same number (checked in the tests).
 *
 * Wasserstein is for ordered numeric variables only: categorical anchors (sex, country) have no
 * ground metric, so they use categorical.ts (JS divergence, total variation, max share error).
 */
export type NumericDist = readonly number[] | ReadonlyMap<number, number>;

/** A normalised step CDF: cum[i] = P(X ≤ xs[i]); xs ascending, cum[last] = 1 exactly. */
interface StepCdf {
  xs: Float64Array;
  cum: Float64Array;
}

const isMap = (d: NumericDist): d is ReadonlyMap<number, number> => d instanceof Map;

function toCdf(d: NumericDist, what: string): StepCdf {
  const mass = new Map<number, number>();
  if (isMap(d)) {
    for (const [x, w] of d) {
      if (!Number.isFinite(x)) throw new RangeError(`${what}: support point ${x} is not finite`);
      if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`${what}: weight ${w} at ${x} is not a finite non-negative number`);
      if (w > 0) mass.set(x, (mass.get(x) ?? 0) + w);
    }
  } else {
    for (const x of d) {
      if (!Number.isFinite(x)) throw new RangeError(`${what}: sample value ${x} is not finite`);
      mass.set(x, (mass.get(x) ?? 0) + 1);
    }
  }
  if (mass.size === 0) empty(what);
  const xs = Float64Array.from(mass.keys()).sort();
  const cum = new Float64Array(xs.length);
  let total = 0;
  for (const w of mass.values()) total += w;
  let acc = 0;
  for (let i = 0; i < xs.length; i++) cum[i] = (acc += mass.get(xs[i]!)!) / total;
  cum[xs.length - 1] = 1; // no 0.9999999… tail from rounding
  return { xs, cum };
}

/**
 * Walks the union support ascending, calling `visit(x, Fa(x), Fb(x), next)` at each point with
 * `next` the following union point (Infinity after the last).
 */
function walkUnion(a: StepCdf, b: StepCdf, visit: (x: number, fa: number, fb: number, next: number) => void): void {
  let i = 0;
  let j = 0;
  let fa = 0;
  let fb = 0;
  while (i < a.xs.length || j < b.xs.length) {
    const x = Math.min(a.xs[i] ?? Infinity, b.xs[j] ?? Infinity);
    if (a.xs[i] === x) fa = a.cum[i++]!;
    if (b.xs[j] === x) fb = b.cum[j++]!;
    visit(x, fa, fb, Math.min(a.xs[i] ?? Infinity, b.xs[j] ?? Infinity));
  }
}

/**
 * Kolmogorov–Smirnov statistic sup_x |F_a(x) − F_b(x)| ∈ [0, 1]. Sample {1, 2} vs uniform over
 * {1, 2, 3, 4}: at x = 2, F = 1 vs 0.5, so 0.5. Throws a RangeError when either side is empty.
 */
export function ksStatistic1D(a: NumericDist, b: NumericDist): number {
  let ks = 0;
  walkUnion(toCdf(a, 'KS (first)'), toCdf(b, 'KS (second)'), (_x, fa, fb) => {
    ks = Math.max(ks, Math.abs(fa - fb));
  });
  return ks;
}

/**
 * Wasserstein-1 (earth mover's) distance ∫ |F_a(x) − F_b(x)| dx, in the variable's own unit
 * (years for age): the mean distance mass must move. Point masses at 0 and 3 give 3. Throws a
 * RangeError when either side is empty.
 */
export function wasserstein1(a: NumericDist, b: NumericDist): number {
  let w = 0;
  walkUnion(toCdf(a, 'Wasserstein (first)'), toCdf(b, 'Wasserstein (second)'), (x, fa, fb, next) => {
    if (next !== Infinity) w += Math.abs(fa - fb) * (next - x);
  });
  return w;
}

/**
 * A per-year table as a NumericDist: weights[i] is the weight of age lo + i (the shape
 * AnchorSampler.ageWeights and anchors/fidelity.ts `weightsCdf` use). Zero weights are kept out.
 */
export function integerWeights(lo: number, weights: ArrayLike<number>): Map<number, number> {
  if (!Number.isInteger(lo)) throw new RangeError(`integerWeights: lo ${lo} is not an integer`);
  const out = new Map<number, number>();
  for (let i = 0; i < weights.length; i++) if (weights[i]! !== 0) out.set(lo + i, weights[i]!);
  return out;
}
