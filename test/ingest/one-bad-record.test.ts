import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatJsonlAdapter } from '../../pipeline/ingest/adapters/chat-jsonl.js';
import { ingestFile, type IngestOptions } from '../../pipeline/ingest/ingest-file.js';
import { MAX_NESTING_DEPTH } from '../../pipeline/ingest/record-checks.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import type { Store } from '../../pipeline/store/store.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const opts = (): IngestOptions => ({ format: 'auto', maxTurnBytes: 100_000, runId: 'test-run', reporter: createMemoryReporter() });
const deepObject = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** Chat-jsonl lines written by hand, so JSON escapes such as "\ud800" reach the parser as in a real file. */
const chat = (id: string, content: string, meta?: string): string =>
  `{"id":"${id}","messages":[{"role":"user","content":"${content}"}]${meta === undefined ? '' : `,"meta":${meta}`}}`;
const prefEval = (persona: string, question: string): string =>
  `{"persona":${persona},"preference":"p","question":${question},"conversation":{"0":{"user":"I am a nurse","assistant":"ok"}}}`;

async function ingest(store: Store, name: string, text: string) {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  const report = await ingestFile(store, file, opts());
  const rejects = await store.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects ORDER BY line, record_index');
  const ids = (await store.all<{ external_id: string }>('SELECT external_id FROM conversations ORDER BY line, record_index')).map((r) => r.external_id);
  return { file, report, rejects: rejects.map((r) => [r.locator.slice(file.length), r.reason]), ids };
}

afterEach(() => vi.restoreAllMocks());

describe('one bad record never costs its file', () => {
  it('chat-jsonl: 3,000-level objects and 10,000-level arrays are reject rows; the good records are stored', async () => {
    const store = await tempStore();
    const lines = [
      chat('1', 'I am a nurse'),
      chat('deep-object', 'hi', deepObject(3000)),
      chat('deep-array', 'hi', `{"a":${deepArray(10_000)}}`),
      chat('2', 'I live in Oslo', `{"tags":{"a":[1,2]}}`),
    ];
    const { report, rejects, ids } = await ingest(store, 'deep.jsonl', `${lines.join('\n')}\n`);
    expect(report).toMatchObject({ read: 4, stored: 2, rejected: 2 });
    expect(ids).toEqual(['1', '2']);
    expect(rejects).toEqual([
      [':2', `nested more than ${MAX_NESTING_DEPTH} levels deep (arrays/objects); flatten it`],
      [':3', `nested more than ${MAX_NESTING_DEPTH} levels deep (arrays/objects); flatten it`],
    ]);
  });

  it('PrefEval: deep persona and question fields are reject rows; the good records are stored', async () => {
    const store = await tempStore();
    const records = [
      prefEval('"a nurse"', '"q"'),
      prefEval(deepObject(3000), '"q"'),
      prefEval('"a teacher"', deepArray(10_000)),
      prefEval('"a cook"', '"q"'),
    ];
    const { report, rejects, ids } = await ingest(store, 'travel.json', `[\n${records.join(',\n')}\n]\n`);
    expect(report).toMatchObject({ read: 4, stored: 2, rejected: 2 });
    expect(ids).toEqual(['persona-driven/travel/0', 'persona-driven/travel/3']);
    expect(rejects.map(([at]) => at)).toEqual([':3', ':4']);
    for (const [, reason] of rejects) expect(reason).toMatch(/^nested more than 100 levels deep/);
  });

  it('nesting up to the limit is stored as it was written', async () => {
    const store = await tempStore();
    // The record is level 1 and meta level 2, so meta may nest MAX - 1 levels.
    const { report } = await ingest(store, 'edge.jsonl', `${chat('ok', 'hi', deepObject(MAX_NESTING_DEPTH - 1))}\n${chat('no', 'hi', deepObject(MAX_NESTING_DEPTH))}\n`);
    expect(report).toMatchObject({ stored: 1, rejected: 1 });
    const meta = await store.scalar<string>("SELECT meta::VARCHAR FROM conversations WHERE external_id = 'ok'");
    expect(meta).toBe(deepObject(MAX_NESTING_DEPTH - 1));
  });

  it('a number JSON.parse makes Infinity (1e400) is a reject row naming where it is', async () => {
    const store = await tempStore();
    const { report, rejects } = await ingest(store, 'big.jsonl', `${chat('1', 'hi')}\n${chat('2', 'hi', '{"scores":[1, 1e400]}')}\n${chat('3', 'yo')}\n`);
    expect(report).toMatchObject({ stored: 2, rejected: 1 });
    expect(rejects).toEqual([[':2', 'number out of range in meta at "scores.1" (it parses as Infinity)']]);
  });

  it('an exception inside an adapter costs its record only', async () => {
    const store = await tempStore();
    const adapt = chatJsonlAdapter.adapt;
    vi.spyOn(chatJsonlAdapter, 'adapt').mockImplementation((value, ctx) => {
      if (ctx.line === 2) throw new RangeError('Maximum call stack size exceeded');
      return adapt(value, ctx);
    });
    const { report, rejects, ids } = await ingest(store, 'boom.jsonl', `${[chat('1', 'a'), chat('2', 'b'), chat('3', 'c')].join('\n')}\n`);
    expect(report).toMatchObject({ read: 3, stored: 2, rejected: 1 });
    expect(ids).toEqual(['1', '3']);
    expect(rejects).toEqual([[':2', 'could not read the record: Maximum call stack size exceeded']]);
  });

  it('a record that cannot be hashed is a reject row, and the rest of the file is stored', async () => {
    const store = await tempStore();
    const adapt = chatJsonlAdapter.adapt;
    // JSON never yields a BigInt, so only a broken adapter could: canonical JSON refuses it.
    vi.spyOn(chatJsonlAdapter, 'adapt').mockImplementation((value, ctx) => {
      const res = adapt(value, ctx);
      return res.ok && ctx.line === 1 ? { ...res, meta: { n: 1n } } : res;
    });
    const { report, rejects, ids } = await ingest(store, 'hash.jsonl', `${[chat('1', 'a'), chat('2', 'b')].join('\n')}\n`);
    expect(report).toMatchObject({ read: 2, stored: 1, rejected: 1 });
    expect(ids).toEqual(['2']);
    expect(rejects[0]![0]).toBe(':1');
    expect(rejects[0]![1]).toMatch(/^could not hash the record: .*BigInt/);
  });
});

describe('lone surrogates (escaped UTF-16 halves such as "\\ud800")', () => {
  it('in an id: the record is rejected, so two ids never merge and no id is changed', async () => {
    const store = await tempStore();
    const { report, rejects, ids } = await ingest(store, 'ids.jsonl', `${[chat('a\\ud800', 'x'), chat('a\\ud801', 'y'), chat('b', 'z')].join('\n')}\n`);
    expect(report).toMatchObject({ read: 3, stored: 1, rejected: 2, loneSurrogates: 0 });
    expect(ids).toEqual(['b']);
    expect(rejects).toEqual([
      [':1', 'id "a\\ud800" contains a lone surrogate (half of a UTF-16 pair); fix the id'],
      [':2', 'id "a\\ud801" contains a lone surrogate (half of a UTF-16 pair); fix the id'],
    ]);
  });

  it('in text and meta: replaced by U+FFFD and counted; a proper pair (emoji) is kept', async () => {
    const store = await tempStore();
    const text = `${[chat('t', 'I love \\ud83d cats and \\udc00 dogs'), chat('m', 'hello', '{"k\\udbff":"x\\udc00"}'), chat('e', 'I love \\ud83d\\ude00')].join('\n')}\n`;
    const { report, rejects } = await ingest(store, 'text.jsonl', text);
    expect(rejects).toEqual([]);
    expect(report).toMatchObject({ stored: 3, loneSurrogates: 4 });
    const turns = await store.all<{ text: string }>('SELECT text FROM turns JOIN conversations USING (conversation_id) ORDER BY external_id');
    expect(turns.map((t) => t.text)).toEqual(['I love \u{1F600}', 'hello', 'I love \ufffd cats and \ufffd dogs']);
    expect(await store.scalar("SELECT meta->>'k\ufffd' FROM conversations WHERE external_id = 'm'")).toBe('x\ufffd');
  });
});
