import { PipelineError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { type AnchorTables, type CountryTable, loadAnchorTables, MAX_TABLE_AGE } from './tables.js';

export type Sex = 'female' | 'male';
export type AnchorMode = 'population' | 'uniform';

export interface Anchors {
  country: { iso2: string; iso3: string; name: string };
  age: number;
  sex: Sex;
  city: { name: string; region?: string; population: number };
  /** null outside working ages (WORKING_AGES): no child or over-75 gets a job title. */
  occupation: { title: string; soc: string } | null;
  mode: AnchorMode;
}

export interface AnchorSamplerOptions {
  mode: AnchorMode;
  /** Population mode only (uniform mode is the authors' fixed 7–85). Default 18. */
  minAge?: number;
  /** Population mode only. Default 90. */
  maxAge?: number;
  overrides?: { country?: string; age?: string; sex?: Sex };
  /** Folder of the CSVs; default the bundled data/demographics/. */
  dataDir?: string;
}

export interface AnchorSampler {
  sample(seed: number, index: number): Anchors;
  /** Sampling weight of each ISO2 (population mode: persons in the age range and sex in scope). */
  countryWeights(): Map<string, number>;
  /** Per-year age weights of one country over [lo, hi] as used by the sampler (for fidelity checks). */
  ageWeights(iso2: string): { lo: number; weights: Float64Array };
  tables: AnchorTables;
}

/** BLS/CPS count labour from age 16; 75+ is treated as retired. Same rule in both modes. */
export const WORKING_AGES = { min: 16, max: 74 } as const;
/** The DeepPersona authors' released code: one fixed country, ages uniform 7–85. Their profiles are Canadian. */
export const UNIFORM_DEFAULTS = { country: 'CA', minAge: 7, maxAge: 85 } as const;

/**
 * Why a low-discrepancy sequence and not iid draws: with n iid draws the KS distance between the
 * sampled and the table's age distribution is itself noise of order 1.36/√n (95% quantile): ~0.1
 * for a country with 200 personas, so a 0.02 target would fail on sampling noise alone. A Kronecker
 * sequence x_n = frac(s + n·α) is spread almost evenly instead (discrepancy ~ log n / n), and point
 * n depends only on (seed, n), so any split of a run yields the same personas. The seed gives a
 * Cranley–Patterson rotation s (a shift mod 1), which keeps the spread.
 *
 * Coordinate 0 drives country → age → sex as one chain (inverse CDF, then the residual position
 * inside the chosen cell drives the next choice): a country's personas are then exactly the
 * sequence points inside its interval, which a 1-D Kronecker sequence spreads evenly, so each
 * country's ages follow its table as tightly as the world's do. Giving age its own coordinate
 * instead leaves a country's slice only as even as a 2-D projection: measured per-country KS
 * 0.01–0.06 at n = 200–460 (about iid), against 0.003–0.009 with the chain. Coordinate 0 uses the
 * golden ratio, the best-spread 1-D α (three-distance theorem; R6's first α gave 0.0135 max KS).
 * Coordinates 1–5 use α2…α6 of Roberts' R6 sequence (α_j = φ6^-j, φ6^7 = φ6 + 1): 1 city,
 * 2 occupation, 3–5 reserved, so a future anchor does not change existing personas.
 */
const DIMS = 6;
const ALPHA = (() => {
  let phi = 2;
  for (let i = 0; i < 64; i++) phi = (1 + phi) ** (1 / (DIMS + 1));
  const alpha = Array.from({ length: DIMS }, (_, j) => (1 / phi ** (j + 1)) % 1);
  alpha[0] = (Math.sqrt(5) - 1) / 2;
  return alpha;
})();

const frac = (x: number) => x - Math.floor(x);

/**
 * The seed's shift, one 52-bit fraction per coordinate from a labelled hash: xoroshiro128+'s first
 * outputs for small seeds are nearly equal (seeds 1, 2, 3 all start at 0.99999997), which would
 * give every seed the same personas; the label keeps it apart from other uses of the run seed.
 */
const rotation = (seed: number): number[] =>
  Array.from({ length: DIMS }, (_, j) => parseInt(sha256(`anchors\u001f${seed}\u001f${j}`).slice(0, 13), 16) / 2 ** 52);

/** Cumulative weights with inverse-CDF lookup by binary search; zero weights are never picked. */
class Cdf {
  private readonly cum: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) this.cum[i] = s += weights[i]!;
  }
  get total(): number {
    return this.cum[this.cum.length - 1] ?? 0;
  }
  pickResidual(u: number): [number, number] {
    const i = this.pick(u);
    const before = i > 0 ? this.cum[i - 1]! : 0;
    const r = (u * this.total - before) / (this.cum[i]! - before);
    return [i, Math.min(Math.max(r, 0), 1 - Number.EPSILON)];
  }
  /** The first i with cum[i] > u·total. */
  pick(u: number): number {
    const target = u * this.total;
    let [lo, hi] = [0, this.cum.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const usage = (message: string, hint: string) => new PipelineError('USAGE', message, hint);
const normalise = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** ISO2, ISO3 or any table name, case- and accent-insensitive. */
export function resolveCountry(tables: AnchorTables, query: string): CountryTable {
  const q = normalise(String(query));
  const found = tables.countries.find((c) => normalise(c.iso2) === q || normalise(c.iso3) === q || c.aliases.some((a) => normalise(a) === q));
  if (found) return found;
  const near = tables.countries.filter((c) => c.aliases.some((a) => q.length >= 3 && normalise(a).includes(q))).slice(0, 5);
  const dropped = tables.dropped.find((d) => normalise(d.iso2) === q);
  throw usage(
    `unknown country "${query}"${dropped ? ` (${dropped.iso2}: ${dropped.reason})` : ''}`,
    near.length ? `did you mean ${near.map((c) => `${c.iso2} (${c.name})`).join(', ')}?` : 'give an ISO2 code (CA), an ISO3 code (CAN) or a name (Canada)',
  );
}

/** "30" or "30-45", inclusive, within the table's 0–104. */
export function parseAgeRange(text: string): { lo: number; hi: number } {
  const m = /^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$/.exec(text);
  const [lo, hi] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
  if (!(lo <= hi && hi <= MAX_TABLE_AGE)) throw usage(`invalid age override "${text}"`, `give one age ("30") or an inclusive range ("30-45") within 0-${MAX_TABLE_AGE}`);
  return { lo, hi };
}

function checkAge(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TABLE_AGE) throw usage(`invalid ${name} ${value}`, `give a whole number of years, 0-${MAX_TABLE_AGE}`);
  return value;
}

export function createAnchorSampler(opts: AnchorSamplerOptions): AnchorSampler {
  const { mode, overrides = {} } = opts;
  if (mode !== 'population' && mode !== 'uniform') throw usage(`invalid anchor mode "${String(mode)}"`, 'use "population" or "uniform"');
  if (overrides.sex !== undefined && overrides.sex !== 'female' && overrides.sex !== 'male') {
    throw usage(`invalid sex override "${String(overrides.sex)}"`, 'use "female" or "male"');
  }
  const tables = loadAnchorTables(opts.dataDir);
  const fixedCountry = overrides.country !== undefined ? resolveCountry(tables, overrides.country) : undefined;
  const defaults = mode === 'uniform' ? UNIFORM_DEFAULTS : { minAge: opts.minAge ?? 18, maxAge: opts.maxAge ?? 90 };
  const range = overrides.age !== undefined ? parseAgeRange(overrides.age) : { lo: checkAge('minAge', defaults.minAge), hi: checkAge('maxAge', defaults.maxAge) };
  if (range.lo > range.hi) throw usage(`minAge ${range.lo} is above maxAge ${range.hi}`, 'give minAge <= maxAge');
  const sex = overrides.sex;

  // Per-year weights: a 5-year group's persons (of the overridden sex, if any) spread evenly over
  // its years; uniform mode flattens them and makes sex 50/50, as the authors' code does.
  const ageCache = new Map<string, { weights: Float64Array; cdf: Cdf; female: Float64Array }>();
  const ages = (c: CountryTable) => {
    let entry = ageCache.get(c.iso2);
    if (!entry) {
      const weights = new Float64Array(range.hi - range.lo + 1).fill(mode === 'uniform' ? 1 : 0);
      const female = new Float64Array(weights.length).fill(0.5);
      for (const g of mode === 'uniform' ? [] : c.ages) {
        for (let y = Math.max(g.lo, range.lo); y <= Math.min(g.hi, range.hi); y++) {
          weights[y - range.lo] = (sex === 'female' ? g.female : sex === 'male' ? g.male : g.female + g.male) / (g.hi - g.lo + 1);
          female[y - range.lo] = g.female / (g.female + g.male || 1);
        }
      }
      ageCache.set(c.iso2, (entry = { weights, cdf: new Cdf(weights), female }));
    }
    return entry;
  };
  const cityCdfs = new Map<string, Cdf>();
  const cityCdf = (c: CountryTable) => cityCdfs.get(c.iso2) ?? cityCdfs.set(c.iso2, new Cdf(c.cities.map((x) => x.population))).get(c.iso2)!;

  // Country ∝ the persons the personas stand for: the World Bank total times WPP's share of it in
  // the age range (and sex). Weighting by the bare total would over-represent young countries
  // among adult personas, and could pick a country with nobody in an overridden age range.
  const weightOf = (c: CountryTable) => {
    const all = c.ages.reduce((s, g) => s + g.female + g.male, 0);
    return all > 0 ? (c.population * ages(c).cdf.total) / all : 0;
  };
  const country0 = fixedCountry ?? (mode === 'uniform' ? tables.byIso2.get(UNIFORM_DEFAULTS.country)! : undefined);
  const countryCdf = new Cdf(country0 ? [] : tables.countries.map(weightOf));
  if (country0 && ages(country0).cdf.total <= 0) {
    throw usage(`${country0.name} has no ${sex ?? 'person'} aged ${range.lo}-${range.hi} in WPP 2024`, 'widen the age range');
  }
  const occupations = tables.occupations;
  const occupationCdf = new Cdf(occupations.map((o) => (mode === 'population' ? o.employment : 1)));

  let lastSeed: number | undefined;
  let shift: number[] = [];
  function sample(seed: number, index: number): Anchors {
    if (!Number.isSafeInteger(seed)) throw usage(`invalid seed ${seed}`, 'give an integer seed');
    if (!Number.isSafeInteger(index) || index < 0) throw usage(`invalid persona index ${index}`, 'give a non-negative integer index');
    if (seed !== lastSeed) [lastSeed, shift] = [seed, rotation(seed)];
    const u = ALPHA.map((a, j) => frac(shift[j]! + frac(index * a)));
    // The chain on coordinate 0: country, then age within it, then sex within that age.
    let [c, v] = country0 ? [-1, u[0]!] : countryCdf.pickResidual(u[0]!);
    const country = country0 ?? tables.countries[c]!;
    const table = ages(country);
    [c, v] = table.cdf.pickResidual(v);
    const age = range.lo + c;
    const city = country.cities[cityCdf(country).pick(u[1]!)]!;
    const working = age >= WORKING_AGES.min && age <= WORKING_AGES.max;
    const occupation = working ? occupations[occupationCdf.pick(u[2]!)]! : undefined;
    return {
      country: { iso2: country.iso2, iso3: country.iso3, name: country.name },
      age,
      sex: sex ?? (v < table.female[c]! ? 'female' : 'male'),
      city: { name: city.name, ...(city.region ? { region: city.region } : {}), population: city.population },
      occupation: occupation ? { title: occupation.title, soc: occupation.soc } : null,
      mode,
    };
  }

  return {
    sample,
    tables,
    countryWeights: () => new Map(country0 ? [[country0.iso2, 1]] : tables.countries.map((c) => [c.iso2, weightOf(c)])),
    ageWeights: (iso2) => ({ lo: range.lo, weights: ages(resolveCountry(tables, iso2)).weights }),
  };
}
