import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readWinkJson } from '../../pipeline/embed/wink-json-reader.js';
import { forgetWinkVectors, loadWinkVectors, winkCachePath, type LoadWinkOptions } from '../../pipeline/embed/wink-vectors.js';
import { tempDir } from '../helpers/temp-dir.js';

// A tiny file in wink's layout: vectors keyed by word (not in rank order), then norm and index.
const WORDS = ['the', '"', 'dog', 'café', 'cat', 'long-term'];
const RAW: number[][] = [[1, 0, 0], [0, 2, 0], [3, 4, 0], [0, 0, -0.5], [1.5e-7, -2.5E+1, 0.125], [-1, -1, -1]];
function writeFixture(dir: string, pad = ''): string {
  const vectors = Object.fromEntries([5, 2, 0, 4, 1, 3].map((i) => [WORDS[i], [...RAW[i]!, Math.hypot(...RAW[i]!), i]]));
  // Numbers as written by hand so exponents and trailing zeros reach the parser verbatim.
  const body = JSON.stringify({ precision: 8, l2NormIndex: 3, wordIndex: 4, size: WORDS.length, dimensions: 3, words: WORDS, vectors, unkVector: [0, 0, 0, 0, -1] })
    .replace('1.5e-7', '1.5e-07').replace('-25', '-2.5E+1');
  const path = join(dir, 'wink.json');
  writeFileSync(path, body + pad);
  return path;
}

const unitRows = RAW.map((r) => r.map((x) => Math.fround(x / Math.hypot(...r))));

describe('readWinkJson', () => {
  it('streams words and unit rows in rank order, whatever the chunk size', async () => {
    const path = writeFixture(tempDir());
    const whole = await readWinkJson(path);
    expect(whole.words).toEqual(WORDS);
    expect(whole.dimensions).toBe(3);
    expect(Array.from(whole.vectors)).toEqual(unitRows.flat());
    for (const chunk of [1, 2, 3, 5, 7, 13]) {
      const m = await readWinkJson(path, chunk);
      expect(m.words, `chunk ${chunk}`).toEqual(WORDS);
      expect(Buffer.from(m.vectors.buffer).equals(Buffer.from(whole.vectors.buffer)), `chunk ${chunk}`).toBe(true);
    }
  });

  it('rejects a truncated file', async () => {
    const dir = tempDir();
    const path = writeFixture(dir);
    truncateSync(path, statSync(path).size - 40);
    await expect(readWinkJson(path)).rejects.toThrow(/truncated|vectors for/);
  });
});

describe('wink binary cache', () => {
  let dir: string;
  let events: string[];
  let opts: LoadWinkOptions;
  beforeEach(() => {
    forgetWinkVectors();
    dir = tempDir();
    events = [];
    opts = { cacheDir: join(dir, 'cache'), sourcePath: writeFixture(dir), onEvent: (e) => events.push(e.kind === 'rebuild' ? `rebuild: ${e.reason}` : 'built') };
  });
  const reload = async () => {
    forgetWinkVectors(); // a new process, as far as the memo is concerned
    return loadWinkVectors(opts);
  };

  it('builds once, then loads the binary file only', async () => {
    const v = await loadWinkVectors(opts);
    expect(events).toEqual(['rebuild: no cache file', 'built']);
    expect(v.count).toBe(6);
    expect(v.rankOf('dog')).toBe(2);
    expect(v.rankOf('"')).toBe(1);
    expect(v.rankOf('café')).toBe(3);
    expect(v.rankOf('wolf')).toBe(-1);
    expect(Array.from(v.vectors.subarray(6, 9))).toEqual(unitRows[2]);
    expect(readdirSync(opts.cacheDir!)).toEqual(['wink-sg100d.v1.bin']); // no temp file left behind
    expect(await loadWinkVectors(opts)).toBe(v); // memoised in-process
    const again = await reload();
    expect(events).toHaveLength(2);
    expect(Buffer.from(again.vectors.buffer, again.vectors.byteOffset, again.vectors.byteLength).equals(Buffer.from(v.vectors.buffer, v.vectors.byteOffset, v.vectors.byteLength))).toBe(true);
  });

  const damages: Array<[string, (file: string) => void, RegExp]> = [
    ['truncated', (f) => truncateSync(f, statSync(f).size - 10), /size .* does not match/],
    ['cut inside the header', (f) => truncateSync(f, 20), /bad magic|size/],
    ['empty', (f) => writeFileSync(f, ''), /bad magic/],
    ['wrong magic', (f) => patch(f, 0, 0x58), /bad magic/],
    ['other version', (f) => patch(f, 8, 99), /version 99/],
    ['flipped vector byte', (f) => patch(f, 70, readFileSync(f)[70]! ^ 0xff), /checksum/],
    ['flipped word byte', (f) => patch(f, statSync(f).size - 2, 0x41), /checksum/],
  ];
  it.each(damages)('detects a %s cache and rebuilds it', async (_name, damage, reason) => {
    const first = await loadWinkVectors(opts);
    const good = readFileSync(winkCachePath(opts.cacheDir));
    damage(winkCachePath(opts.cacheDir));
    events = [];
    const v = await reload();
    expect(events[0]).toMatch(reason);
    expect(events[1]).toBe('built');
    expect(readFileSync(winkCachePath(opts.cacheDir)).equals(good)).toBe(true);
    expect(Array.from(v.vectors)).toEqual(Array.from(first.vectors));
  });

  it('rebuilds when the wink package changed, and needs no package once cached', async () => {
    await loadWinkVectors(opts);
    writeFixture(dir, '\n'); // same data, different file: a reinstalled/updated package
    events = [];
    await reload();
    expect(events).toEqual(['rebuild: built from a different wink package', 'built']);
    events = [];
    opts.sourcePath = join(dir, 'gone.json');
    expect((await reload()).count).toBe(6);
    expect(events).toEqual([]);
    opts.cacheDir = join(dir, 'empty-cache');
    await expect(reload()).rejects.toThrow(/not found/);
    expect(existsSync(opts.cacheDir)).toBe(false);
  });
});

function patch(file: string, at: number, byte: number): void {
  const buf = readFileSync(file);
  buf[at] = byte;
  writeFileSync(file, buf);
}
