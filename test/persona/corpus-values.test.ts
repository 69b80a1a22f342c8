import { describe, expect, it } from 'vitest';
import { gatedValues, leadingNumber, sampleValue } from '../../pipeline/persona/corpus-values.js';
import type { Leaf, LeafValue } from '../../pipeline/persona/leaf-catalog.js';
import { personaRng } from '../../pipeline/persona/rng.js';

const leaf = (label: string, values: [string, number, LeafValue['polarity']?][], valueType: Leaf['valueType'] = 'numeric'): Leaf => ({
  nodeId: `n_${label}`, path: `Root.Category.${label}`, root: 'Root', label, centroid: new Float32Array(4), support: 10, valueType,
  values: values.map(([value, count, polarity = 'neutral']) => ({ value, count, polarity })),
});

/** Value frequencies over n draws from one rng stream. */
function draws(l: Leaf, age: number, n = 4000): Map<string, number> {
  const rng = personaRng(5, 0, 'values');
  const out = new Map<string, number>();
  for (let t = 0; t < n; t++) {
    const v = sampleValue(l, rng, { age });
    const key = v ? v.value : 'null';
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

describe('sampleValue', () => {
  it('draws ∝ count when every polarity is above the floor', () => {
    const l = leaf('Favourite Drink', [['tea', 60, 'positive'], ['coffee', 30, 'positive'], ['milk', 10, 'negative']], 'categorical');
    const f = draws(l, 30, 20_000);
    expect(f.get('tea')! / 20_000).toBeCloseTo(0.6, 1);
    expect(f.get('coffee')! / 20_000).toBeCloseTo(0.3, 1);
    expect(f.get('milk')! / 20_000).toBeCloseTo(0.1, 1);
  });
  it('keeps a rare polarity at its floor share (default 10%)', () => {
    const l = leaf('Favourite Food', [['pizza', 700, 'positive'], ['sushi', 290, 'positive'], ['olives', 10, 'negative']], 'categorical');
    const rng = personaRng(5, 1, 'values');
    let negative = 0;
    for (let t = 0; t < 20_000; t++) negative += sampleValue(l, rng, { age: 30 })!.polarity === 'negative' ? 1 : 0;
    expect(negative / 20_000).toBeGreaterThan(0.09);
    expect(negative / 20_000).toBeLessThan(0.11);
    const strict = personaRng(5, 1, 'values');
    let raw = 0;
    for (let t = 0; t < 20_000; t++) raw += sampleValue(l, strict, { age: 30 }, 0, { minPolarityShare: 0 })!.polarity === 'negative' ? 1 : 0;
    expect(raw / 20_000).toBeLessThan(0.02);
  });
  it('gives an age leaf the anchor age, and nothing on a second attempt', () => {
    const l = leaf('Age', [['25', 10], ['61', 4]]);
    expect(sampleValue(l, personaRng(1, 0), { age: 47 })).toEqual({ value: '47', polarity: 'neutral', fromAnchor: true });
    expect(sampleValue(leaf('Current Age', [['19', 3]]), personaRng(1, 0), { age: 33 })?.value).toBe('33');
    expect(sampleValue(l, personaRng(1, 0), { age: 47 }, 1)).toBeNull();
  });
  it('bounds years of experience by age − 14', () => {
    const l = leaf('Years Of Experience', [['2', 5], ['5 years', 5], ['three', 5], ['10', 5], ['25 years', 5], ['over 30 years', 5]]);
    expect([...draws(l, 20).keys()].sort()).toEqual(['2', '5 years', 'three']);
    expect([...draws(l, 60).keys()].length).toBe(6);
    expect(sampleValue(l, personaRng(1, 0), { age: 14 })).toBeNull();
  });
  it('bounds counts of children by 12, and to none below 16', () => {
    const l = leaf('Number Of Children', [['0', 5], ['2', 5], ['3 kids', 5], ['15', 5], ['20', 5], ['none', 5]]);
    expect([...draws(l, 35).keys()].sort()).toEqual(['0', '2', '3 kids', 'none']);
    expect([...draws(l, 12).keys()].sort()).toEqual(['0', 'none']);
  });
  it('bounds numeric durations in years by age, not calendar years', () => {
    const lived = leaf('Years Lived In City', [['5', 5], ['40', 5], ['80', 5]]);
    expect([...draws(lived, 30).keys()]).toEqual(['5']);
    const born = leaf('Year Of Birth', [['1990', 5], ['2001', 5]]);
    expect([...draws(born, 30).keys()].sort()).toEqual(['1990', '2001']);
    const free = leaf('Favourite Number', [['7', 5], ['1000', 5]]);
    expect(draws(free, 10).size).toBe(2);
  });
  it('gives a new value on each attempt from the same rng state, then null', () => {
    const l = leaf('Hobby', [['chess', 50, 'positive'], ['golf', 20, 'positive'], ['knitting', 5, 'positive'], ['golf', 3, 'negative']], 'categorical');
    const base = personaRng(8, 3, 'values:n_Hobby');
    const seen = [0, 1, 2].map((a) => sampleValue(l, base.clone(), { age: 40 }, a)!.value);
    expect(new Set(seen).size).toBe(3);
    expect(sampleValue(l, base.clone(), { age: 40 }, 3)).toBeNull();
    // The same state and attempt always give the same value.
    expect(sampleValue(l, base.clone(), { age: 40 }, 1)!.value).toBe(seen[1]);
  });
  it('cuts long values at a phrase boundary within maxChars', () => {
    const long = 'volunteering at the local animal shelter with my sister on weekends';
    const l = leaf('Volunteering', [[long, 3, 'positive']], 'free_text');
    const v = sampleValue(l, personaRng(1, 0), { age: 40 })!.value;
    expect(v).toBe('volunteering at the local animal shelter');
    expect(sampleValue(l, personaRng(1, 0), { age: 40 }, 0, { maxChars: 20 })!.value).toBe('volunteering');
  });
  it('never draws a value the gate rejects or one with no clean cut, and counts them', () => {
    const l = leaf('Hobby', [
      ['ways', 50, 'positive'], ['incorporating some educational elements into the', 50, 'positive'], ['seems', 20, 'positive'],
      ['supercalifragilisticexpialidocious', 30, 'positive'], ['chess', 1, 'positive'],
    ], 'categorical');
    expect([...draws(l, 40, 200).keys()].sort()).toEqual(['chess', 'supercalifragilisticexpialidocious']); // one word fits in 50
    expect(gatedValues(l, 20)).toEqual({ rejected: 3, uncut: 1 });
    expect(sampleValue(l, personaRng(1, 0), { age: 40 }, 1, { maxChars: 20 })).toBeNull();
    const junk = leaf('Hobby', [['things', 5, 'positive'], ['my favorite', 5, 'positive']], 'categorical');
    expect(sampleValue(junk, personaRng(1, 0), { age: 40 })).toBeNull();
  });
  it('returns null for an empty vocabulary', () => {
    expect(sampleValue(leaf('Pet', [], 'categorical'), personaRng(1, 0), { age: 40 })).toBeNull();
    expect(sampleValue(leaf('Pet', [['  ', 4], ['cat', 0]], 'categorical'), personaRng(1, 0), { age: 40 })).toBeNull();
  });
});

describe('leadingNumber', () => {
  it('reads digits, number words and "none"', () => {
    expect(leadingNumber('12')).toBe(12);
    expect(leadingNumber('1,500 km')).toBe(1500);
    expect(leadingNumber('about 3.5 years')).toBe(3.5);
    expect(leadingNumber('two kids')).toBe(2);
    expect(leadingNumber('twenty five')).toBe(25);
    expect(leadingNumber('a dozen')).toBe(12);
    expect(leadingNumber('none')).toBe(0);
    expect(leadingNumber('a few')).toBeUndefined();
    expect(leadingNumber('lots')).toBeUndefined();
  });
});
