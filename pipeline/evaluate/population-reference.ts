import { createAnchorSampler } from '../anchors/sample-anchors.js';
import { loadAnchorTables } from '../anchors/tables.js';

/**
 * What the personas' anchors should look like: the population the demographic tables describe,
 * in the configured age range. Countries ∝ the sampler's weights (persons in the range), ages =
 * the country-weighted mixture of each country's WPP ages, sex = the weighted female share.
 */
export interface PopulationReference {
  label: string;
  age: { lo: number; weights: number[] };
  sex: { female: number; male: number };
  countries: Record<string, number>;
}

export function populationReference(minAge: number, maxAge: number): PopulationReference {
  const sampler = createAnchorSampler({ mode: 'population', minAge, maxAge });
  const tables = loadAnchorTables();
  const countries = sampler.countryWeights();
  const total = [...countries.values()].reduce((s, w) => s + w, 0);
  const ages = new Array<number>(maxAge - minAge + 1).fill(0);
  let female = 0;
  for (const [iso2, weight] of countries) {
    const share = weight / total;
    const { weights } = sampler.ageWeights(iso2);
    const sum = weights.reduce((s, w) => s + w, 0);
    if (sum > 0) weights.forEach((w, i) => (ages[i]! += (share * w) / sum));
    female += share * femaleShare(tables.byIso2.get(iso2)!.ages, minAge, maxAge);
  }
  return {
    label: `UN WPP 2024 / World Bank, ages ${minAge}-${maxAge}`,
    age: { lo: minAge, weights: ages },
    sex: { female, male: 1 - female },
    countries: Object.fromEntries([...countries].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, w]) => [k, w / total])),
  };
}

/** Female share of the persons aged lo..hi, spreading each age group evenly over its years. */
function femaleShare(groups: readonly { lo: number; hi: number; female: number; male: number }[], lo: number, hi: number): number {
  let [f, all] = [0, 0];
  for (const g of groups) {
    const years = Math.max(0, Math.min(g.hi, hi) - Math.max(g.lo, lo) + 1);
    if (years === 0) continue;
    const part = years / (g.hi - g.lo + 1);
    f += g.female * part;
    all += (g.female + g.male) * part;
  }
  return all > 0 ? f / all : 0.5;
}
