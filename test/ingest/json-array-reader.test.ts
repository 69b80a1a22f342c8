import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/core/errors.js';
import { JsonArrayScanner, readJsonArray, type ArrayItem } from '../../pipeline/ingest/json-array-reader.js';

const FIX = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'json-array-'));
const file = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
async function collect(path: string, opts?: { maxElementBytes?: number }): Promise<ArrayItem[]> {
  const out: ArrayItem[] = [];
  for await (const item of readJsonArray(path, opts)) out.push(item);
  return out;
}
const summary = (items: ArrayItem[]) => items.map((i) => (i.ok ? [i.line, i.index, 'ok'] : [i.line, i.index, i.reason]));

describe('readJsonArray', () => {
  it('yields each element with its start line, ignoring brackets and escaped quotes inside strings', async () => {
    const src = '[\n  {"a": "x ]} \\" [{", "b": [1, {"c": 2}]},\n  3,\n  "s,]",\n  null\n]\n';
    const items = await collect(file('a.json', src));
    expect(summary(items)).toEqual([[2, 0, 'ok'], [3, 1, 'ok'], [4, 2, 'ok'], [5, 3, 'ok']]);
    expect(items.map((i) => i.ok && i.value)).toEqual([{ a: 'x ]} " [{', b: [1, { c: 2 }] }, 3, 's,]', null]);
    expect(items[0]!.ok && items[0]!.raw).toBe('{"a": "x ]} \\" [{", "b": [1, {"c": 2}]}');
  });

  it('gives the same result when fed one byte at a time', () => {
    const src = Buffer.from('\uFEFF[ {"k": "é😀\\\\"},\r\n {"k": [ ]} ]');
    const scanner = new JsonArrayScanner('mem');
    const items: ArrayItem[] = [];
    for (let i = 0; i < src.length; i++) items.push(...scanner.push(src.subarray(i, i + 1)));
    items.push(...scanner.end());
    expect(items.map((i) => i.ok && i.value)).toEqual([{ k: 'é😀\\' }, { k: [] }]);
    expect(items.map((i) => i.line)).toEqual([1, 2]);
  });

  it('reports malformed, invalid UTF-8 and keeps going to the valid elements after them', async () => {
    const items = await collect(join(FIX, 'bad-elements.json'));
    expect(summary(items).map(([line, index, r]) => [line, index, String(r).split(':')[0]])).toEqual([
      [2, 0, 'ok'],
      [17, 1, 'malformed JSON'],
      [18, 2, 'invalid UTF-8'],
      [19, 3, 'ok'],
      [20, 4, 'ok'],
      [21, 5, 'ok'],
      [22, 6, 'ok'],
    ]);
    const bad = items[1]!;
    expect(bad.ok === false && bad.excerpt).toBe('{"preference": "x", "conversation": {"0": {"user": "a", "assistant": "b",}}}');
  });

  it('reports a truncated file as an error on the last element', async () => {
    const items = await collect(join(FIX, 'truncated.json'));
    expect(summary(items)).toEqual([[2, 0, 'ok'], [17, 1, 'truncated JSON: file ends before the array closes']]);
    const last = items[1]!;
    expect(last.ok === false && last.excerpt.startsWith('{\n    "preference": "pref 1"')).toBe(true);
  });

  it('reports truncation after a comma, a missing comma, a stray brace and trailing data', async () => {
    expect(summary(await collect(file('b.json', '[1, 2,\n')))).toEqual([
      [1, 0, 'ok'], [1, 1, 'ok'], [2, 2, 'truncated JSON: file ends before the array closes'],
    ]);
    const items = await collect(file('c.json', '[\n{"a":1} {"b":2},\n{"c":1}},\n{"d":1}\n]\nextra'));
    expect(summary(items).map(([l, , r]) => [l, String(r).split(':')[0]])).toEqual([
      [2, 'malformed JSON'], [3, 'malformed JSON'], [4, 'ok'], [6, 'trailing data after the array'],
    ]);
  });

  it('handles empty arrays and rejects non-arrays and empty files with PipelineError', async () => {
    expect(await collect(file('d.json', ' [ ] '))).toEqual([]);
    await expect(collect(file('e.json', '{"a": 1}'))).rejects.toThrow(PipelineError);
    await expect(collect(file('f.json', '  \n'))).rejects.toThrow(/empty file/);
  });

  it('reports an element over maxElementBytes without parsing it', async () => {
    const items = await collect(file('g.json', `[{"a": "${'x'.repeat(3000)}"}, {"b": 1}]`), { maxElementBytes: 1000 });
    expect(summary(items)).toEqual([[1, 0, 'record is 3009 bytes, over the 1000-byte limit'], [1, 1, 'ok']]);
  });
});
