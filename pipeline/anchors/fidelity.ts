/**
 * How closely sampled anchors follow the population tables; shared by the anchor tests, the bench
 * and the evaluation stage. Ages are whole years, so the KS statistic here is the discrete one:
 * max |F_emp(x) − F_table(x)| over every whole year x of the support (both CDFs are step functions
 * that only jump at whole years, so this is the exact supremum, and it is finer than checking the
 * 5-year group boundaries alone, which is what `groupKs` does).
 */

/** Discrete KS: max over `support` (every value the table can take, ascending) of |F_emp − cdf|. */
export function ksStatistic(sample: readonly number[], cdf: (x: number) => number, support: readonly number[]): number {
  if (sample.length === 0) return 1;
  const sorted = [...sample].sort((a, b) => a - b);
  let at = 0;
  let ks = 0;
  for (const x of support) {
    while (at < sorted.length && sorted[at]! <= x) at++;
    ks = Math.max(ks, Math.abs(at / sorted.length - cdf(x)));
  }
  return ks;
}

/** The table's CDF over whole years from per-year weights starting at `lo` (as AnchorSampler.ageWeights gives them). */
export function weightsCdf(lo: number, weights: ArrayLike<number>): { support: number[]; cdf: (x: number) => number } {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = total += weights[i]!;
  const support = Array.from({ length: weights.length }, (_, i) => lo + i);
  const cdf = (x: number) => (x < lo ? 0 : x >= lo + weights.length - 1 ? 1 : cum[Math.floor(x) - lo]! / total);
  return { support, cdf };
}

/** Age KS of one sample against per-year table weights. */
export const ageKs = (ages: readonly number[], lo: number, weights: ArrayLike<number>): number => {
  const { support, cdf } = weightsCdf(lo, weights);
  return ksStatistic(ages, cdf, support);
};

/** KS at 5-year group boundaries only (the coarser check: ages 0–4, 5–9, …). */
export const groupKs = (ages: readonly number[], lo: number, weights: ArrayLike<number>): number => {
  const { support, cdf } = weightsCdf(lo, weights);
  return ksStatistic(ages, cdf, support.filter((x) => x % 5 === 4 || x === support.at(-1)));
};

/** Shares of each key in a sample. */
export function shares(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const [k, n] of counts) counts.set(k, n / keys.length);
  return counts;
}

/**
 * Max absolute error between sampled country shares and the weights' shares, over every country
 * in either (a sampled country missing from the weights counts in full). `samples` are ISO2 codes
 * or anything with `country.iso2`.
 */
export function countryShareError(
  samples: readonly (string | { country: { iso2: string } })[],
  weights: ReadonlyMap<string, number>,
): { maxError: number; worst: string | undefined } {
  const got = shares(samples.map((s) => (typeof s === 'string' ? s : s.country.iso2)));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  let maxError = 0;
  let worst: string | undefined;
  for (const key of new Set([...got.keys(), ...weights.keys()])) {
    const err = Math.abs((got.get(key) ?? 0) - (weights.get(key) ?? 0) / total);
    if (err > maxError) [maxError, worst] = [err, key];
  }
  return { maxError, worst };
}

/** Samples grouped by a key, e.g. ages by country: `groupBy(anchors, (a) => a.country.iso2, (a) => a.age)`. */
export function groupBy<T, V>(items: readonly T[], key: (t: T) => string, value: (t: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k) ?? [];
    list.push(value(t));
    out.set(k, list);
  }
  return out;
}

/** Per-country age KS for every country with at least `minN` samples, largest sample first. */
export function perCountryAgeKs(
  anchors: readonly { country: { iso2: string }; age: number }[],
  ageWeights: (iso2: string) => { lo: number; weights: ArrayLike<number> },
  minN = 1,
): { iso2: string; n: number; ks: number }[] {
  const byCountry = groupBy(anchors, (a) => a.country.iso2, (a) => a.age);
  return [...byCountry]
    .filter(([, ages]) => ages.length >= minN)
    .map(([iso2, ages]) => {
      const { lo, weights } = ageWeights(iso2);
      return { iso2, n: ages.length, ks: ageKs(ages, lo, weights) };
    })
    .sort((a, b) => b.n - a.n || (a.iso2 < b.iso2 ? -1 : 1));
}
