import { shares } from '../../anchors/fidelity.js';
import { empty } from './stats.js';

/**
 * Fidelity of a categorical variable (sex, country) to a reference. There is no ground metric
 * between categories, so Wasserstein is not defined here; these compare the share vectors:
 *   - Jensen–Shannon divergence, in nats (natural log): 0 for equal shares, ln 2 ≈ 0.693 for
 *     disjoint supports. This is the divergence itself, not the JS distance (its square root);
 *     divide by ln 2 for bits.
 *   - total variation ½ Σ |p − q| ∈ [0, 1]: the share of personas that would have to change
 *     category to match the reference.
 *   - max absolute share error (the check anchors/fidelity.ts `countryShareError` makes), with the
 *     worst category.
 * Inputs are counts or weights (normalised here) keyed by category; a category present on one
 * side only counts with share 0 on the other.
 */
export type CategoricalDist = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Shares of each value in a sample (anchors/fidelity.ts `shares`): a ready CategoricalDist. */
export const sampleShares = (values: readonly string[]): Map<string, number> => shares(values);

/** Shares keyed by category (zero-weight categories dropped); throws on negative or zero total. */
export function toShares(d: CategoricalDist, what = 'distribution'): Map<string, number> {
  const entries: [string, number][] = d instanceof Map ? [...(d as ReadonlyMap<string, number>)] : Object.entries(d);
  let total = 0;
  for (const [k, w] of entries) {
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`${what}: weight ${w} for "${k}" is not a finite non-negative number`);
    total += w;
  }
  if (!(total > 0)) empty(what);
  const out = new Map<string, number>();
  for (const [k, w] of entries) if (w > 0) out.set(k, (out.get(k) ?? 0) + w / total);
  return out;
}

/** Both share maps and their union of categories in sorted order (so p,q and q,p sum alike). */
function aligned(p: CategoricalDist, q: CategoricalDist, what: string): { ps: Map<string, number>; qs: Map<string, number>; keys: string[] } {
  const ps = toShares(p, `${what} (first)`);
  const qs = toShares(q, `${what} (second)`);
  const keys = [...new Set([...ps.keys(), ...qs.keys()])].sort();
  return { ps, qs, keys };
}

/**
 * JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2, natural log; 0·ln 0 = 0, so categories on one
 * side only are fine (M > 0 wherever P or Q is). {a: 1} vs {b: 1} = ½ ln 2 + ½ ln 2 = ln 2.
 */
export function jsDivergence(p: CategoricalDist, q: CategoricalDist): number {
  const { ps, qs, keys } = aligned(p, q, 'JS divergence');
  let js = 0;
  for (const k of keys) {
    const a = ps.get(k) ?? 0;
    const b = qs.get(k) ?? 0;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log(a / m);
    if (b > 0) js += 0.5 * b * Math.log(b / m);
  }
  return Math.min(Math.LN2, Math.max(0, js)); // rounding can leave −1e-17 or ln 2 + ε
}

/** Total variation distance ½ Σ |p_k − q_k| ∈ [0, 1]. */
export function totalVariation(p: CategoricalDist, q: CategoricalDist): number {
  const { ps, qs, keys } = aligned(p, q, 'total variation');
  let sum = 0;
  for (const k of keys) sum += Math.abs((ps.get(k) ?? 0) - (qs.get(k) ?? 0));
  return sum / 2;
}

/**
 * max_k |p_k − q_k| and the category reaching it (the first in sorted order on ties; undefined
 * when the shares agree exactly).
 */
export function maxAbsShareError(p: CategoricalDist, q: CategoricalDist): { maxError: number; worst: string | undefined } {
  const { ps, qs, keys } = aligned(p, q, 'max share error');
  let maxError = 0;
  let worst: string | undefined;
  for (const k of keys) {
    const err = Math.abs((ps.get(k) ?? 0) - (qs.get(k) ?? 0));
    if (err > maxError) [maxError, worst] = [err, k];
  }
  return { maxError, worst };
}
