import { WORKING_AGES, type AnchorSampler } from '../anchors/sample-anchors.js';
import { loadAnchorTables } from '../anchors/tables.js';
import { personaRng, uniform } from '../persona/rng.js';

/**
 * Anchors for the PersonaHub reconstruction. PersonaHub's personas come from web text and carry
 * no population anchors, so drawing them from our population sampler made all seven of its
 * fidelity figures equal ours. Here nothing is weighted by population: country uniform over the
 * tables' countries, age uniform over [minAge, maxAge], sex 50/50, city uniform within the
 * country, occupation uniform over the list (none outside working ages). Seeded per persona
 * index, on its own stream.
 */
export function createUnweightedSampler(minAge: number, maxAge: number): AnchorSampler {
  const tables = loadAnchorTables();
  const pick = <T>(items: readonly T[], u: number): T => items[Math.min(items.length - 1, Math.floor(u * items.length))]!;
  return {
    tables,
    sample(seed, index) {
      const rng = personaRng(seed, index, 'baseline:personahub/anchors');
      const country = pick(tables.countries, uniform(rng));
      const age = minAge + Math.floor(uniform(rng) * (maxAge - minAge + 1));
      const sex = uniform(rng) < 0.5 ? 'female' : 'male';
      const city = pick(country.cities, uniform(rng));
      const working = age >= WORKING_AGES.min && age <= WORKING_AGES.max;
      const occupation = pick(tables.occupations, uniform(rng));
      return {
        country: { iso2: country.iso2, iso3: country.iso3, name: country.name },
        age,
        sex,
        city: { name: city.name, ...(city.region ? { region: city.region } : {}), population: city.population },
        occupation: working ? { title: occupation.title, soc: occupation.soc } : null,
        mode: 'uniform',
      };
    },
    countryWeights: () => new Map(tables.countries.map((c) => [c.iso2, 1])),
    ageWeights: () => ({ lo: minAge, weights: new Float64Array(maxAge - minAge + 1).fill(1) }),
  };
}
