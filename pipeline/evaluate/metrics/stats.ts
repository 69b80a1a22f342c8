/**
 * Small numeric helpers shared by the evaluation metrics. Convention for every metric in this
 * folder: an input with nothing to measure (no sample points, zero total weight, fewer than two
 * items for a pairwise mean, no personas) throws a RangeError instead of returning NaN, because a
 * NaN would travel silently into a report (JSON.stringify turns it into null). Callers that may
 * legitimately have no data (a country with no personas) check the size first.
 */

/** Throws the folder's standard error for an empty input. */
export function empty(what: string): never {
  throw new RangeError(`${what}: empty input (nothing to measure)`);
}

/** The arithmetic mean; throws on an empty input. */
export function mean(values: ArrayLike<number>, what = 'mean'): number {
  if (values.length === 0) empty(what);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * Quantile of values already sorted ascending, by linear interpolation between order statistics
 * (Hyndman–Fan type 7, the default of R and NumPy): h = (n − 1)·p, result = x[⌊h⌋] + (h − ⌊h⌋)·
 * (x[⌊h⌋+1] − x[⌊h⌋]). So the median of [1, 2, 3, 4] is 2.5 and p90 of 1…10 is 9.1.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, what = 'quantile'): number {
  if (sorted.length === 0) empty(what);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what}: quantile ${p} outside [0, 1]`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= sorted.length) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}

/** min / median / p90 / max of any numbers (copied and sorted; the input is left alone). */
export function summarise(values: readonly number[], what = 'summary'): { min: number; median: number; p90: number; max: number } {
  if (values.length === 0) empty(what);
  const sorted = Float64Array.from(values).sort();
  return {
    min: sorted[0]!,
    median: quantileSorted(sorted, 0.5, what),
    p90: quantileSorted(sorted, 0.9, what),
    max: sorted[sorted.length - 1]!,
  };
}

/** A plain object with keys in code-unit order, so reports serialise the same way every run. */
export function sortedRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
