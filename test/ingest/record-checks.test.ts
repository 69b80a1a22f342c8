import { describe, expect, it } from 'vitest';
import { cleanJson, countLoneSurrogates, mayHoldLoneSurrogate, scanRecord } from '../../pipeline/ingest/record-checks.js';

const nest = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('scanRecord', () => {
  it('counts the value itself as level 1, arrays and objects alike', () => {
    expect(scanRecord('text', { limit: 0 })).toBe('ok');
    expect(scanRecord({}, { limit: 0 })).toBe('too-deep');
    expect(scanRecord(nest(100), { limit: 100 })).toBe('ok');
    expect(scanRecord(nest(101), { limit: 100 })).toBe('too-deep');
    expect(scanRecord({ wide: Array.from({ length: 50_000 }, () => ({ x: 1 })) }, { limit: 3 })).toBe('ok');
  });

  it('handles 200,000 levels without recursion', () => {
    expect(scanRecord(nest(200_000), { limit: 100 })).toBe('too-deep');
  });

  it('flags lone surrogates in keys or strings and infinite numbers anywhere', () => {
    expect(scanRecord({ a: ['x\u{1F600}', 1.5, null, true] })).toBe('ok');
    expect(scanRecord({ a: [{ b: 'x\ud800' }] })).toBe('needs-cleaning');
    expect(scanRecord({ a: { 'k\udc00': 1 } })).toBe('needs-cleaning');
    expect(scanRecord([1, Infinity])).toBe('needs-cleaning');
    expect(scanRecord('\ud800')).toBe('needs-cleaning');
    expect(scanRecord({ deep: nest(200), bad: 'x\ud800' })).toBe('too-deep'); // depth wins: nothing of it is read
    expect(scanRecord({ a: 'x\ud800', n: 1 }, { strings: false })).toBe('ok');
    expect(scanRecord({ a: 'x\ud800', n: Infinity }, { strings: false })).toBe('needs-cleaning');
  });

  it('strings need checking only when the raw text has a surrogate escape', () => {
    expect(mayHoldLoneSurrogate(String.raw`{"a":"\ud800"}`)).toBe(true);
    expect(mayHoldLoneSurrogate(String.raw`{"a":"\uDFFF"}`)).toBe(true);
    expect(mayHoldLoneSurrogate(String.raw`{"a":"\u00e9 \ud7ff"}`)).toBe(false);
    expect(mayHoldLoneSurrogate('{"a":"\u{1F600} plain"}')).toBe(false);
  });
});

describe('lone surrogates', () => {
  it('counts unpaired halves only', () => {
    expect(countLoneSurrogates('plain \u{1F600} text')).toBe(0);
    expect(countLoneSurrogates('\ud800')).toBe(1);
    expect(countLoneSurrogates('\udc00\ud800')).toBe(2); // reversed pair: both lone
    expect(countLoneSurrogates('a\ud83d\ude00b\ud83d')).toBe(1);
  });

  it('cleanJson replaces them in keys and values, keeps unchanged branches shared, and flags key clashes', () => {
    const keep = { deep: [1, 'x'] };
    const res = cleanJson({ keep, ['k\ud800']: ['ok', 'v\udfff'] });
    expect(res.replaced).toBe(2);
    expect(res.value).toEqual({ keep, 'k\ufffd': ['ok', 'v\ufffd'] });
    expect((res.value as { keep: unknown }).keep).toBe(keep);
    expect(cleanJson({ a: { 'x\ud800': 1, 'x\ud801': 2 } }).keyClash).toBe('a');
    expect(cleanJson({ a: [0, { b: -Infinity }] }).outOfRange).toBe('a.1.b');
    const clean = { a: ['b'] };
    expect(cleanJson(clean)).toEqual({ value: clean, replaced: 0 });
  });
});
