import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonArray } from '../../pipeline/ingest/json-array-reader.js';
import { readLines } from '../../pipeline/ingest/line-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'ingest-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TARGET_BYTES = 50 * 1024 * 1024;
const HEAP_BUDGET = 100 * 1024 * 1024;

/** Writes ~50 MB in 1 MB blocks so the generator itself never holds the file. */
async function writeBig(path: string, open: string, row: (i: number) => string, sep: string, close: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(open);
  let bytes = 0;
  let count = 0;
  while (bytes < TARGET_BYTES) {
    let block = '';
    while (block.length < 1 << 20) block += (count ? sep : '') + row(count++);
    bytes += block.length;
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end(close);
  await finished(out);
  return count;
}

describe('streaming large files', () => {
  it('reads a ~50 MB JSONL line by line with bounded heap growth', async () => {
    const path = join(dir, 'big.jsonl');
    const pad = 'y'.repeat(80);
    const count = await writeBig(path, '', (i) => `{"id": ${i}, "messages": [{"role": "user", "content": "${pad}"}]}`, '\n', '\n');
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    let lastLine = 0;
    for await (const item of readLines(path)) {
      if (!item.ok) throw new Error(item.reason);
      n++;
      lastLine = item.line;
      if ((n & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(n).toBe(count);
    expect(lastLine).toBe(count);
    expect(peak - before).toBeLessThan(HEAP_BUDGET);
  });

  it('reads a ~50 MB JSON array element by element with bounded heap growth', async () => {
    const path = join(dir, 'big.json');
    const count = await writeBig(path, '[\n', (i) => `  {"i": ${i}, "s": "a \\" ] } , { ${'z'.repeat(60)}"}`, ',\n', '\n]\n');
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    for await (const item of readJsonArray(path)) {
      if (!item.ok) throw new Error(item.reason);
      if (item.line !== n + 2) throw new Error(`element ${n} at line ${item.line}`);
      n++;
      if ((n & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(n).toBe(count);
    expect(peak - before).toBeLessThan(HEAP_BUDGET);
  });
});
