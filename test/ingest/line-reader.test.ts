import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clip, readLines, type LineItem } from '../../pipeline/ingest/line-reader.js';

const FIX = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'line-reader-'));
const file = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
async function collect(path: string, opts?: Parameters<typeof readLines>[1]): Promise<LineItem[]> {
  const out: LineItem[] = [];
  for await (const item of readLines(path, opts)) out.push(item);
  return out;
}

describe('readLines', () => {
  it('splits on LF and CRLF, keeps blank lines and 1-based numbers, no phantom last line', async () => {
    const items = await collect(file('a.txt', 'one\r\n\r\ntwo\nthree\n'));
    expect(items).toEqual([
      { ok: true, line: 1, text: 'one' },
      { ok: true, line: 2, text: '' },
      { ok: true, line: 3, text: 'two' },
      { ok: true, line: 4, text: 'three' },
    ]);
  });

  it('yields a final line without a newline and strips only the leading BOM', async () => {
    const items = await collect(file('b.txt', '\uFEFFfirst\n\uFEFFsecond'));
    expect(items.map((i) => i.ok && i.text)).toEqual(['first', '\uFEFFsecond']);
  });

  it('reassembles lines and multi-byte characters split across tiny chunks', async () => {
    const text = 'naïve café ☕ 😀\r\nzweite Zeile ü\n\nend';
    const items = await collect(file('c.txt', text), { highWaterMark: 3 });
    expect(items.map((i) => i.ok && i.text)).toEqual(['naïve café ☕ 😀', 'zweite Zeile ü', '', 'end']);
  });

  it('reports invalid UTF-8 per line with the right line number and goes on', async () => {
    const items = await collect(join(FIX, 'bad-utf8.jsonl'));
    expect(items.map((i) => [i.line, i.ok])).toEqual([[1, true], [2, false], [3, false], [4, true]]);
    const bad = items[1]!;
    expect(bad.ok === false && bad.reason).toBe('invalid UTF-8');
    expect(bad.ok === false && bad.excerpt).toContain('caf\uFFFD');
  });

  it('does not treat a CR in the middle of a line as a line end', async () => {
    const items = await collect(file('d.txt', 'a\rb\n'));
    expect(items).toEqual([{ ok: true, line: 1, text: 'a\rb' }]);
  });

  it('reports a line over maxLineBytes without buffering it, then carries on', async () => {
    const items = await collect(file('e.txt', `short\n${'x'.repeat(5000)}\nafter\n`), { maxLineBytes: 1000, highWaterMark: 256 });
    expect(items.map((i) => [i.line, i.ok])).toEqual([[1, true], [2, false], [3, true]]);
    const bad = items[1]!;
    expect(bad.ok === false && bad.reason).toBe('line is 5000 bytes, over the 1000-byte limit');
    expect(bad.ok === false && bad.excerpt).toBe('x'.repeat(200));
  });

  it('clip never splits a surrogate pair', () => {
    expect(clip('a😀b', 2)).toBe('a');
    expect(clip('abc', 2)).toBe('ab');
  });
});
