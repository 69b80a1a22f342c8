import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestOptions } from '../../pipeline/ingest/ingest-file.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { Store } from '../../pipeline/store/store.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
const opts = (over: Partial<IngestOptions> = {}): IngestOptions => ({ format: 'auto', maxTurnBytes: 100_000, runId: 'test-run', reporter: createMemoryReporter(), ...over });
const line = (id: number | string, ...texts: string[]) =>
  `${JSON.stringify({ id, messages: texts.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })) })}\n`;

async function rows(store: Store) {
  return {
    conversations: Number(await store.scalar('SELECT count(*) FROM conversations')),
    turns: await store.all<{ turn_id: string; text: string }>('SELECT turn_id, text FROM turns ORDER BY turn_id'),
    rejects: await store.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects ORDER BY line'),
  };
}

describe('ingestFile: incremental', () => {
  it('a second ingest of the same file adds nothing and changes no row', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'chat.jsonl');
    writeFileSync(file, line(1, 'I am a nurse', 'ok') + line(2, 'i have two dogs .'));
    const first = await ingestFile(store, file, opts());
    expect(first).toMatchObject({ read: 2, stored: 2, added: 2, rejected: 0, turnsAdded: 3 });
    const before = await rows(store);
    const second = await ingestFile(store, file, opts());
    expect(second).toMatchObject({ unchanged: true, read: 2, stored: 2, added: 0, replaced: 0, turnsAdded: 0 });
    expect(await rows(store)).toEqual(before);
  });

  it('new conversations add exactly those; a changed one replaces only its changed turns', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'chat.jsonl');
    writeFileSync(file, line(1, 'I am a nurse', 'ok') + line(2, 'i have two dogs .', 'nice'));
    await ingestFile(store, file, opts());
    const kept = await store.scalar<string>("SELECT turn_id FROM turns WHERE text = 'I am a nurse'");
    writeFileSync(file, line(1, 'I am a nurse', 'ok') + line(2, 'i have three dogs .', 'nice') + line(3, 'im from Oslo'));
    const report = await ingestFile(store, file, opts());
    expect(report).toMatchObject({ read: 3, stored: 3, added: 1, replaced: 1, kept: 1, turnsAdded: 2, turnsRemoved: 1 });
    const texts = (await rows(store)).turns.map((t) => t.text).sort();
    expect(texts).toEqual(['I am a nurse', 'i have three dogs .', 'im from Oslo', 'nice', 'ok']);
    expect(await store.scalar("SELECT turn_id FROM turns WHERE text = 'I am a nurse'")).toBe(kept);
    expect(Number(await store.scalar('SELECT count(*) FROM conversations'))).toBe(3);
  });

  it('gives the same turn ids after the store is deleted and rebuilt', async () => {
    const dir = tempDir();
    const ids: string[][] = [];
    for (const name of ['one.duckdb', 'two.duckdb']) {
      const store = await Store.open(join(dir, name));
      for (const f of ['puffin-prompts.jsonl', 'chat.jsonl', 'prefeval-persona/education_learning_styles.json']) await ingestFile(store, join(FIXTURES, f), opts());
      ids.push((await store.all<{ turn_id: string }>('SELECT turn_id FROM turns ORDER BY turn_id')).map((r) => r.turn_id));
      store.close();
    }
    expect(ids[0]!.length).toBeGreaterThan(20);
    expect(ids[1]).toEqual(ids[0]);
  });

  it('a rejected record that is fixed later is stored and its reject row goes away', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'chat.jsonl');
    writeFileSync(file, line(1, 'hello') + '{"id": 2, "messages": [\n');
    expect(await ingestFile(store, file, opts())).toMatchObject({ read: 2, stored: 1, rejected: 1 });
    writeFileSync(file, line(1, 'hello') + line(2, 'fixed'));
    expect(await ingestFile(store, file, opts())).toMatchObject({ read: 2, stored: 2, rejected: 0, added: 1, kept: 1 });
    expect((await rows(store)).rejects).toEqual([]);
  });
});

describe('ingestFile: bad input is recorded, never lost', () => {
  const cases: [string, RegExp, number, number?][] = [
    ['bad-malformed.jsonl', /malformed JSON/, 2],
    ['bad-shape.jsonl', /wrong shape/, 2],
    ['bad-empty-turn.jsonl', /empty turn/, 2],
    ['bad-oversize-turn.jsonl', /turn 2 is 60 bytes, over maxTurnBytes 40/, 2, 40],
    ['bad-utf8.jsonl', /invalid UTF-8/, 2],
    ['bad-duplicate.jsonl', /duplicate conversation id/, 2],
    ['truncated.json', /./, 1],
  ];
  it.each(cases)('%s: reject rows carry file:line and reason; valid records of the file are stored', async (name, reason, minValid, maxTurnBytes = 100_000) => {
    const store = await tempStore();
    const file = join(tempDir(), name);
    copyFileSync(join(FIXTURES, name), file);
    const report = await ingestFile(store, file, opts({ maxTurnBytes }));
    expect(report.rejected).toBeGreaterThan(0);
    expect(report.stored).toBeGreaterThanOrEqual(minValid);
    expect(report.stored + report.rejected).toBe(report.read);
    const rejects = await store.all<{ locator: string; line: number; reason: string }>('SELECT locator, line, reason FROM rejects');
    expect(rejects).toHaveLength(report.rejected);
    expect(rejects.some((r) => reason.test(r.reason))).toBe(true);
    for (const r of rejects) expect(r.locator).toBe(`${file}:${r.line}`);
    const source = await store.one('SELECT records_read, records_stored, records_rejected FROM sources');
    expect(source).toEqual({ records_read: report.read, records_stored: report.stored, records_rejected: report.rejected });
    expect(Number(await store.scalar('SELECT count(*) FROM conversations'))).toBe(report.stored);
  });

  it('appending to a file that had rejects keeps one reject row per bad record', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'bad.jsonl');
    copyFileSync(join(FIXTURES, 'bad-malformed.jsonl'), file);
    const first = await ingestFile(store, file, opts());
    appendFileSync(file, `${JSON.stringify({ id: 'new', conversations: [{ from: 'human', value: 'another turn' }] })}\n`);
    const second = await ingestFile(store, file, opts());
    expect(second.added).toBe(1);
    expect(second.rejected).toBe(first.rejected);
    expect(Number(await store.scalar('SELECT count(*) FROM rejects'))).toBe(first.rejected);
  });
});
