import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../core/errors.js';
import { repoPath } from '../core/repo-path.js';

/**
 * The real population tables behind persona anchors (data/demographics/, see its README): WPP 2024
 * age × sex, World Bank 2024 totals, GeoNames cities and country codes, BLS OEWS occupations.
 * Loaded once per directory and cached: the sampler and the fidelity checks share one copy.
 */
export const DEMOGRAPHICS_DIR = `${repoPath('data', 'demographics')}/`;

/** WPP's open "100+" group is spread uniformly over 100–104 (the table says nothing finer). */
export const MAX_TABLE_AGE = 104;

/** One WPP 5-year group, in persons (WPP publishes thousands). `hi` is inclusive. */
export interface AgeGroup {
  lo: number;
  hi: number;
  female: number;
  male: number;
}

export interface City {
  name: string;
  region?: string;
  population: number;
}

export interface CountryTable {
  iso2: string;
  iso3: string;
  /** GeoNames' short English name ("Taiwan", not WPP's "China, Taiwan Province of China"). */
  name: string;
  /** Every name the country goes by in the tables (GeoNames, WPP, World Bank), for overrides. */
  aliases: string[];
  /** Persons: World Bank 2024 where it has the country, else the WPP 2025 total. */
  population: number;
  populationSource: 'worldbank-2024' | 'wpp-2025';
  ages: AgeGroup[];
  /** Largest first; never empty (countries without a GeoNames city are left out). */
  cities: City[];
}

export interface Occupation {
  title: string;
  /** SOC 2018 detailed code, e.g. "15-1252". */
  soc: string;
  /** US wage-and-salary employment, May 2024. */
  employment: number;
}

export interface AnchorTables {
  dir: string;
  /** WPP countries or areas (location_type 4) that have at least one city, ordered by ISO2. */
  countries: CountryTable[];
  byIso2: Map<string, CountryTable>;
  /** BLS detailed occupations only: summing levels would count broad-only occupations twice. */
  occupations: Occupation[];
  /** WPP countries left out, with why (Tokelau: no GeoNames city). */
  dropped: { iso2: string; reason: string }[];
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF. Every
 * cell stays a string, so Namibia's ISO2 "NA" is never read as a missing value.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Rows as objects keyed by the header; a missing file is an INPUT error with a hint. */
function readTable(dir: string, file: string, required: string[]): Record<string, string>[] {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new PipelineError('INPUT', `${path}: demographic table missing`, 'restore data/demographics/ from git (see its README)');
  }
  const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const absent = required.filter((col) => !header.includes(col));
  if (absent.length) throw new PipelineError('INPUT', `${path}: columns missing: ${absent.join(', ')}`, 'restore the file from git');
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/**
 * Populated places weighted by population. Dropped: PPLX (a section of a larger city, already
 * inside its parent's population), PPLH/PPLQ/PPLW (historical, abandoned, destroyed places) and
 * places without a population.
 */
const NOT_A_CITY = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW']);

function loadCities(dir: string): Map<string, City[]> {
  const regions = new Map(readTable(dir, 'geonames_admin1_codes.csv', ['region_code', 'name']).map((r) => [r.region_code!, r.name!]));
  const byCountry = new Map<string, (City & { id: number })[]>();
  const cols = ['geonameid', 'name', 'feature_class', 'feature_code', 'country_code', 'admin1_code', 'population'];
  for (const r of readTable(dir, 'geonames_cities15000.csv', cols)) {
    const population = Number(r.population);
    if (r.feature_class !== 'P' || NOT_A_CITY.has(r.feature_code!) || !(population > 0)) continue;
    const region = regions.get(`${r.country_code}.${r.admin1_code}`);
    const city = { id: Number(r.geonameid), name: r.name!, population, ...(region ? { region } : {}) };
    const list = byCountry.get(r.country_code!) ?? [];
    list.push(city);
    byCountry.set(r.country_code!, list);
  }
  // Largest first, ties by geonameid: the order inverse-CDF sampling walks must never depend on file order.
  const out = new Map<string, City[]>();
  for (const [cc, list] of byCountry) {
    list.sort((a, b) => b.population - a.population || a.id - b.id);
    out.set(cc, list.map(({ id: _id, ...city }) => city));
  }
  return out;
}

function loadOccupations(dir: string): Occupation[] {
  return readTable(dir, 'bls_oews_national_may2024.csv', ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP'])
    .filter((r) => r.O_GROUP === 'detailed' && Number(r.TOT_EMP) > 0)
    .map((r) => ({ title: r.OCC_TITLE!, soc: r.OCC_CODE!, employment: Number(r.TOT_EMP) }))
    .sort((a, b) => (a.soc < b.soc ? -1 : a.soc > b.soc ? 1 : 0));
}

function parseAgeGroup(label: string): { lo: number; hi: number } {
  if (label === '100+') return { lo: 100, hi: MAX_TABLE_AGE };
  const m = /^(\d+)-(\d+)$/.exec(label);
  if (!m) throw new PipelineError('INPUT', `WPP table: unexpected age group "${label}"`, 'restore the file from git');
  return { lo: Number(m[1]), hi: Number(m[2]) };
}

function load(dir: string): AnchorTables {
  const info = new Map(readTable(dir, 'geonames_country_info.csv', ['ISO', 'ISO3', 'Country']).map((r) => [r.ISO!, r]));
  const worldBank = new Map(
    readTable(dir, 'worldbank_population_total_2024.csv', ['Country Code', 'Country Name', 'Value']).map((r) => [r['Country Code']!, r]),
  );
  const cities = loadCities(dir);
  const wpp = readTable(dir, 'wpp2024_population_by_age_sex_2025.csv', ['iso2', 'iso3', 'name', 'location_type', 'age', 'popM', 'popF']);
  const groups = new Map<string, { iso3: string; wppName: string; ages: AgeGroup[] }>();
  for (const r of wpp) {
    if (r.location_type !== '4') continue; // countries or areas only, never regions or income groups
    const entry = groups.get(r.iso2!) ?? { iso3: r.iso3!, wppName: r.name!, ages: [] };
    entry.ages.push({ ...parseAgeGroup(r.age!), female: Number(r.popF) * 1000, male: Number(r.popM) * 1000 });
    groups.set(r.iso2!, entry);
  }
  const countries: CountryTable[] = [];
  const dropped: { iso2: string; reason: string }[] = [];
  for (const [iso2, { iso3, wppName, ages }] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const countryCities = cities.get(iso2);
    if (!countryCities?.length) {
      dropped.push({ iso2, reason: 'no GeoNames city with a population' });
      continue;
    }
    ages.sort((a, b) => a.lo - b.lo);
    const wb = worldBank.get(iso3);
    const wppTotal = ages.reduce((s, g) => s + g.female + g.male, 0);
    const name = info.get(iso2)?.Country || wppName;
    countries.push({
      iso2,
      iso3,
      name,
      aliases: [...new Set([name, wppName, wb?.['Country Name'] ?? name])],
      population: wb ? Number(wb.Value) : wppTotal,
      populationSource: wb ? 'worldbank-2024' : 'wpp-2025',
      ages,
      cities: countryCities,
    });
  }
  return { dir, countries, byIso2: new Map(countries.map((c) => [c.iso2, c])), occupations: loadOccupations(dir), dropped };
}

const cache = new Map<string, AnchorTables>();

/** The tables in `dir` (default: the bundled data/demographics/), parsed once per process. */
export function loadAnchorTables(dir: string = DEMOGRAPHICS_DIR): AnchorTables {
  let tables = cache.get(dir);
  if (!tables) cache.set(dir, (tables = load(dir)));
  return tables;
}
