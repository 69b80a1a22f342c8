import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/core/errors.js';
import { ageKs, countryShareError, groupBy, shares } from '../../pipeline/anchors/fidelity.js';
import { type AnchorSamplerOptions, type Anchors, createAnchorSampler } from '../../pipeline/anchors/sample-anchors.js';

const run = (opts: AnchorSamplerOptions, n: number, seed = 42, from = 0): Anchors[] => {
  const sampler = createAnchorSampler(opts);
  return Array.from({ length: n }, (_, i) => sampler.sample(seed, from + i));
};

describe('population mode', () => {
  const sampler = createAnchorSampler({ mode: 'population' });
  const anchors = Array.from({ length: 20_000 }, (_, i) => sampler.sample(42, i));

  it('gives countries their population share', () => {
    const weights = sampler.countryWeights();
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    const got = shares(anchors.map((a) => a.country.iso2));
    const top = [...weights].sort((a, b) => b[1] - a[1]).slice(0, 10);
    expect(top.slice(0, 2).map(([iso2]) => iso2).sort()).toEqual(['CN', 'IN']);
    for (const [iso2, w] of top) expect(Math.abs(got.get(iso2)! - w / total)).toBeLessThan(0.001);
    expect(countryShareError(anchors, weights).maxError).toBeLessThan(0.001);
  });

  it("follows each big country's age table (discrete KS) and keeps ages in 18-90", () => {
    const byCountry = groupBy(anchors, (a) => a.country.iso2, (a) => a.age);
    for (const iso2 of ['IN', 'CN', 'US', 'NG', 'JP']) {
      const { lo, weights } = sampler.ageWeights(iso2);
      expect(ageKs(byCountry.get(iso2)!, lo, weights), iso2).toBeLessThan(0.02);
    }
    // Japan is old and Nigeria young: the tables, not a shared curve, drive the ages.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    expect(median(byCountry.get('JP')!)).toBeGreaterThan(median(byCountry.get('NG')!) + 15);
    expect(Math.min(...anchors.map((a) => a.age))).toBe(18);
    expect(Math.max(...anchors.map((a) => a.age))).toBeLessThanOrEqual(90);
  });

  it('draws sex from the table within each age (more women among the old)', () => {
    const female = (xs: Anchors[]) => xs.filter((a) => a.sex === 'female').length / xs.length;
    expect(female(anchors)).toBeGreaterThan(0.48);
    expect(female(anchors)).toBeLessThan(0.52);
    expect(female(anchors.filter((a) => a.age >= 80))).toBeGreaterThan(0.55);
  });

  it('picks cities of the sampled country and occupations only for ages 16-74', () => {
    for (const a of anchors.slice(0, 500)) {
      expect(sampler.tables.byIso2.get(a.country.iso2)!.cities.some((c) => c.name === a.city.name)).toBe(true);
    }
    expect(anchors.filter((a) => a.age > 74).every((a) => a.occupation === null)).toBe(true);
    expect(anchors.filter((a) => a.age <= 74).every((a) => a.occupation !== null)).toBe(true);
    const minors = run({ mode: 'population', minAge: 0, maxAge: 15 }, 300);
    expect(minors.every((a) => a.occupation === null && a.age <= 15)).toBe(true);
  });
});

const usageError = (opts: AnchorSamplerOptions): PipelineError | undefined => {
  try {
    createAnchorSampler(opts);
  } catch (e) {
    return e as PipelineError;
  }
  return undefined;
};

describe('overrides', () => {
  it('fixes the country by ISO2, ISO3 or name (case and accents ignored)', () => {
    for (const country of ['CA', 'can', 'Canada']) expect(new Set(run({ mode: 'population', overrides: { country } }, 200).map((a) => a.country.iso2))).toEqual(new Set(['CA']));
    expect(run({ mode: 'population', overrides: { country: 'NA' } }, 1)[0]!.country.name).toBe('Namibia');
    expect(run({ mode: 'population', overrides: { country: "cote d'ivoire" } }, 1)[0]!.country.iso2).toBe('CI');
    expect(run({ mode: 'population', overrides: { country: 'China, Taiwan Province of China' } }, 1)[0]!.country.iso2).toBe('TW');
  });

  it('restricts ages to the range and fixes sex', () => {
    const ages = run({ mode: 'population', overrides: { age: '30-45', sex: 'female' } }, 2000);
    expect(Math.min(...ages.map((a) => a.age))).toBe(30);
    expect(Math.max(...ages.map((a) => a.age))).toBe(45);
    expect(ages.every((a) => a.sex === 'female')).toBe(true);
    expect(new Set(run({ mode: 'uniform', overrides: { age: '30', sex: 'male' } }, 50).map((a) => `${a.age}${a.sex}`))).toEqual(new Set(['30male']));
  });

  it('rejects invalid overrides as USAGE errors with a hint', () => {
    const bad: AnchorSamplerOptions[] = [
      { mode: 'population', overrides: { country: 'Atlantis' } },
      { mode: 'population', overrides: { country: 'TK' } },
      { mode: 'population', overrides: { age: '45-30' } },
      { mode: 'population', overrides: { age: 'thirty' } },
      { mode: 'population', overrides: { age: '200' } },
      { mode: 'population', overrides: { sex: 'other' as 'male' } },
      { mode: 'population', minAge: 50, maxAge: 40 },
      { mode: 'census' as 'population' },
    ];
    for (const opts of bad) {
      const error = usageError(opts);
      expect(error, JSON.stringify(opts)).toBeInstanceOf(PipelineError);
      expect(error!.code).toBe('USAGE');
      expect(error!.hint).toBeTruthy();
    }
    expect(usageError({ mode: 'population', overrides: { country: 'Korea' } })?.hint).toMatch(/KR \(South Korea\)/);
  });
});

describe('uniform mode (the authors\' released code)', () => {
  const anchors = run({ mode: 'uniform' }, 7_900);

  it('fixes Canada, draws ages uniformly over 7-85 and sex 50/50', () => {
    expect(new Set(anchors.map((a) => a.country.iso2))).toEqual(new Set(['CA']));
    const counts = groupBy(anchors, (a) => String(a.age), () => 1);
    expect([...counts.keys()].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 79 }, (_, i) => 7 + i));
    for (const c of counts.values()) expect(Math.abs(c.length - 100)).toBeLessThanOrEqual(2);
    const female = anchors.filter((a) => a.sex === 'female').length / anchors.length;
    expect(Math.abs(female - 0.5)).toBeLessThan(0.01);
    expect(anchors.every((a) => a.mode === 'uniform' && (a.age < 16 || a.age > 74) === (a.occupation === null))).toBe(true);
  });

  it('spreads occupations uniformly rather than by employment', () => {
    const titles = new Set(anchors.flatMap((a) => (a.occupation ? [a.occupation.soc] : [])));
    expect(titles.size).toBeGreaterThan(800); // ~6,000 working-age draws over 831 occupations
  });
});

describe('determinism', () => {
  it('depends only on (seed, index): split runs equal one run', () => {
    const whole = run({ mode: 'population' }, 200);
    const split = [...run({ mode: 'population' }, 100), ...run({ mode: 'population' }, 100, 42, 100)];
    expect(split).toEqual(whole);
    const sampler = createAnchorSampler({ mode: 'population' });
    const reversed = Array.from({ length: 200 }, (_, i) => sampler.sample(42, 199 - i)).reverse();
    expect(reversed).toEqual(whole);
  });

  it('gives different seeds different personas', () => {
    const a = run({ mode: 'population' }, 50, 1);
    const b = run({ mode: 'population' }, 50, 2);
    expect(a.filter((x, i) => JSON.stringify(x) === JSON.stringify(b[i])).length).toBeLessThan(3);
  });

  it('rejects a bad seed or index', () => {
    const sampler = createAnchorSampler({ mode: 'population' });
    expect(() => sampler.sample(1.5, 0)).toThrow(PipelineError);
    expect(() => sampler.sample(1, -1)).toThrow(PipelineError);
  });
});
