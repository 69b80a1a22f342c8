import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMOGRAPHICS_DIR, loadAnchorTables, parseCsv } from '../../pipeline/anchors/tables.js';

// The raw files, read independently of the loader, so the tests check the loader against the data.
const raw = (file: string) => {
  const [header = [], ...rows] = parseCsv(readFileSync(join(DEMOGRAPHICS_DIR, file), 'utf8'));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
};

describe('parseCsv', () => {
  it('keeps quoted commas, doubled quotes, newlines, CRLF and "NA" as text', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""",NA\r\n"multi\nline",,\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'NA'],
      ['multi\nline', '', ''],
    ]);
  });
});

describe('anchor tables', () => {
  const tables = loadAnchorTables();

  it('keeps the WPP countries (location_type 4) that have a city, with 21 age groups each', () => {
    expect(tables.countries).toHaveLength(235);
    expect(tables.dropped).toEqual([{ iso2: 'TK', reason: 'no GeoNames city with a population' }]);
    for (const c of tables.countries) {
      expect(c.ages).toHaveLength(21);
      expect(c.ages.at(-1)).toMatchObject({ lo: 100, hi: 104 });
      expect(c.cities.length).toBeGreaterThan(0);
      expect(c.population).toBeGreaterThan(0);
    }
    expect(tables.countries.find((c) => /world|income|asia/i.test(c.name) && !/^(WS|AS)$/.test(c.iso2))).toBeUndefined();
    expect(tables.byIso2.get('US')).toMatchObject({ iso3: 'USA', name: 'United States', populationSource: 'worldbank-2024' });
    expect(tables.byIso2.get('TW')).toMatchObject({ name: 'Taiwan', populationSource: 'wpp-2025' });
  });

  it('keeps Namibia as the string "NA"', () => {
    const na = tables.byIso2.get('NA');
    expect(na).toMatchObject({ iso2: 'NA', iso3: 'NAM', name: 'Namibia' });
    expect(na!.cities.map((c) => c.name)).toContain('Windhoek');
  });

  it('drops city districts (PPLX) and historical, abandoned or destroyed places', () => {
    const rows = raw('geonames_cities15000.csv');
    const kept = rows.filter((r) => r.feature_class === 'P' && !['PPLX', 'PPLH', 'PPLQ', 'PPLW'].includes(r.feature_code!) && Number(r.population) > 0);
    const loaded = tables.countries.reduce((n, c) => n + c.cities.length, 0);
    expect(loaded).toBe(kept.filter((r) => tables.byIso2.has(r.country_code!)).length);
    expect(rows.length - kept.length).toBeGreaterThan(2064); // at least every PPLX row
    const hk = tables.byIso2.get('HK')!.cities.map((c) => c.name);
    expect(hk).not.toContain('Kowloon'); // PPLX, inside Hong Kong's population
    expect(tables.byIso2.get('IN')!.cities.map((c) => c.name)).not.toContain('Navi Mumbai');
    const us = tables.byIso2.get('US')!.cities;
    expect(us[0]).toMatchObject({ name: 'New York City', region: 'New York' });
    expect(us.every((c, i) => i === 0 || us[i - 1]!.population >= c.population)).toBe(true);
  });

  it('uses BLS detailed occupations only (no double counting across levels)', () => {
    const detailed = raw('bls_oews_national_may2024.csv').filter((r) => r.O_GROUP === 'detailed');
    expect(tables.occupations).toHaveLength(831);
    expect(new Set(tables.occupations.map((o) => o.soc))).toEqual(new Set(detailed.map((r) => r.OCC_CODE)));
    expect(tables.occupations.reduce((s, o) => s + o.employment, 0)).toBe(154_186_300);
    // Major groups end in 0000, minor in 00 (e.g. 11-2000); none is a detailed code.
    expect(tables.occupations.filter((o) => /0000$|-\d\d00$/.test(o.soc))).toEqual([]);
  });

  it('reads each file once per process', () => {
    expect(loadAnchorTables()).toBe(tables);
  });
});
