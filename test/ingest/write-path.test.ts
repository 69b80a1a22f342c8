import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashJson, sha256 } from '../../pipeline/core/hash.js';
import { ingestFile, type IngestOptions } from '../../pipeline/ingest/ingest-file.js';
import { recordContent } from '../../pipeline/ingest/record-content.js';
import { conversationIdFor, sourceIdFor, sourcePathKey, turnIdFor } from '../../pipeline/ingest/source-id.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import type { Store } from '../../pipeline/store/store.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

// Chunks of 1,000 records and a commit once 10,000 turns are written: a few thousand records cross both.
const opts = (): IngestOptions => ({
  format: 'chat-jsonl', maxTurnBytes: 100_000, runId: 'test-run', reporter: createMemoryReporter(), writeSizes: { chunkRecords: 1_000, commitTurns: 10_000 },
});
const chat = (id: string, texts: string[], meta?: Record<string, unknown>) =>
  JSON.stringify({ id, messages: texts.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })), ...(meta ? { meta } : {}) });

/** Every stored id and hash recomputed with the JS definitions (the ones ids had before DuckDB computed them). */
async function expectJsIds(store: Store, file: string): Promise<number> {
  const sourceId = sourceIdFor(sourcePathKey(file));
  const conversations = await store.all<{ conversation_id: string; external_id: string; content_sha256: string; meta: string; turn_count: number }>(
    'SELECT conversation_id, external_id, content_sha256, meta::VARCHAR AS meta, turn_count FROM conversations WHERE source_id = $1',
    [sourceId],
  );
  const turns = await store.all<{ turn_id: string; conversation_id: string; turn_index: number; role: 'user' | 'assistant'; text: string; text_sha256: string }>(
    `SELECT turn_id, conversation_id, turn_index, role, text, text_sha256 FROM turns
     WHERE conversation_id IN (SELECT conversation_id FROM conversations WHERE source_id = $1) ORDER BY conversation_id, turn_index`,
    [sourceId],
  );
  const byConversation = new Map<string, typeof turns>();
  for (const t of turns) {
    const own = byConversation.get(t.conversation_id);
    if (own) own.push(t);
    else byConversation.set(t.conversation_id, [t]);
  }
  // Collected, then compared once: thousands of expect() calls would dominate the test's time.
  const wrong: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || wrong.push(what));
  for (const c of conversations) {
    check(c.conversation_id === conversationIdFor(sourceId, c.external_id), `conversation_id of ${c.external_id}`);
    const own = byConversation.get(c.conversation_id) ?? [];
    check(own.length === c.turn_count, `turn count of ${c.external_id}`);
    for (const t of own) {
      check(t.text_sha256 === sha256(t.text), `text_sha256 of ${t.turn_id}`);
      check(t.turn_id === turnIdFor(c.conversation_id, t.turn_index, t.role, sha256(t.text)), `turn_id of ${c.external_id}/${t.turn_index}`);
    }
    const meta = JSON.parse(c.meta) as Record<string, unknown>;
    check(c.meta === canonicalJson(meta), `meta of ${c.external_id}`);
    check(c.content_sha256 === hashJson({ turns: own.map((t) => ({ role: t.role, text: t.text })), meta }), `content_sha256 of ${c.external_id}`);
  }
  expect(wrong).toEqual([]);
  return conversations.length;
}

describe('ingest write path: ids hashed by DuckDB equal the JS definitions', () => {
  it('for non-ASCII, escapes, separators and control characters in ids, texts and meta', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'unicode.jsonl');
    const texts = ['héllo 東京 😀', 'tab\there\nnewline "quoted" back\\slash', 'nul \u0000 unit-sep \u001f line-sep \u2028', 'e\u0301 combining', '/slash </script>'];
    writeFileSync(file, [
      chat('ascii', ['I am a nurse', 'ok']),
      chat('ünï 😀', texts, { z: 1, a: ['ß', { y: null, b: 2.5 }], 'ключ': 'значение' }),
      chat('sep\u001fid', [texts[2]!], { nested: { deep: [1, 2, 3] } }),
      JSON.stringify({ id: 42, turns: [{ role: 'user', text: '42 as a number id' }] }),
    ].join('\n'));
    const report = await ingestFile(store, file, opts());
    expect(report).toMatchObject({ stored: 4, rejected: 0, turnsAdded: 9 });
    expect(await expectJsIds(store, file)).toBe(4);
  });

  it('recordContent is canonicalJson({ turns, meta }) for any turns and meta', () => {
    const turn = fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const, 'system' as const), text: fc.string({ unit: 'grapheme' }) });
    const meta = fc.dictionary(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 5 }), meta, (turns, m) => {
        const content = recordContent(turns, m);
        expect(content.metaJson).toBe(canonicalJson(m));
        expect(content.contentSha).toBe(hashJson({ turns, meta: m }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ingest write path: chunks', () => {
  const N = 6_001; // six chunks of the writer, one commit between them
  const texts = (i: number, edit = false) => [`I am person ${i}`, `reply to ${i}`, `${edit ? 'edited' : 'second'} turn of ${i}`];
  const lines = (edit: (i: number) => boolean, extra = 0) => {
    const out: string[] = [];
    for (let i = 0; i < N + extra; i++) {
      if (i % 1000 === 999) out.push(`{"id": "bad-${i}", "messages": [`); // a malformed record in every chunk
      else out.push(chat(`c${i}`, texts(i, edit(i)), i % 11 === 0 && edit(i) ? { edited: true } : undefined));
    }
    return `${out.join('\n')}\n`;
  };

  it('stores every record of a multi-chunk file with its own turns, and a changed file merges set-wise', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'many.jsonl');
    writeFileSync(file, lines(() => false));
    const bad = Math.floor(N / 1000);
    const first = await ingestFile(store, file, opts());
    expect(first).toMatchObject({ read: N, stored: N - bad, rejected: bad, added: N - bad, turnsAdded: 3 * (N - bad) });
    // Each turn sits under the conversation whose id its text names: no mix-up between chunks.
    const misplaced = await store.scalar<bigint>(
      `SELECT count(*) FROM turns t JOIN conversations c USING (conversation_id)
       WHERE NOT t.text LIKE '%' || substr(c.external_id, 2)`,
    );
    expect(Number(misplaced)).toBe(0);
    const rejects = await store.all<{ locator: string }>('SELECT locator FROM rejects ORDER BY line');
    expect(rejects.map((r) => r.locator)).toEqual(Array.from({ length: bad }, (_, k) => `${sourcePathKey(file)}:${1000 * (k + 1)}`));
    const before = new Map((await store.all<{ turn_id: string; text: string }>('SELECT turn_id, text FROM turns')).map((r) => [r.text, r.turn_id]));

    const edited = (i: number) => i % 7 === 0;
    writeFileSync(file, lines(edited, 10));
    const second = await ingestFile(store, file, opts());
    const valid = (n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 1000 !== 999);
    const changed = valid(N).filter(edited).length;
    expect(second).toMatchObject({
      read: N + 10, rejected: bad, added: valid(N + 10).length - valid(N).length, replaced: changed, kept: valid(N).length - changed,
      turnsRemoved: changed, turnsAdded: changed + 3 * (valid(N + 10).length - valid(N).length),
    });
    expect(await expectJsIds(store, file)).toBe(valid(N + 10).length);
    // Unchanged turns of a changed conversation keep their ids (their downstream rows stay valid).
    expect(await store.scalar('SELECT turn_id FROM turns WHERE text = $1', ['I am person 7'])).toBe(before.get('I am person 7'));
    expect(await store.scalar('SELECT count(*) FROM turns WHERE text = $1', ['second turn of 7'])).toBe(0n);
    expect(await store.scalar('SELECT meta::VARCHAR FROM conversations WHERE external_id = $1', ['c77'])).toBe('{"edited":true}');
  });

  it('a write that fails after some chunks committed leaves whole conversations, no sources row, and a usable store', async () => {
    const store = await tempStore();
    const defaultThreshold = await store.scalar("SELECT current_setting('checkpoint_threshold')");
    const file = join(tempDir(), 'many.jsonl');
    writeFileSync(file, lines(() => false));
    // A turn row that already holds the id a record of the second chunk will get: its insert fails.
    const clash = turnIdFor(conversationIdFor(sourceIdFor(sourcePathKey(file)), 'c5500'), 0, 'user', sha256('I am person 5500'));
    await store.run("INSERT INTO turns VALUES ($1, 'conv_elsewhere', 0, 'user', 'x', 'x')", [clash]);
    await expect(ingestFile(store, file, opts())).rejects.toThrow(/PRIMARY KEY|duplicate key|constraint/i);
    expect(await store.scalar('SELECT count(*) FROM sources')).toBe(0n);
    const stored = Number(await store.scalar('SELECT count(*) FROM conversations'));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(5_500);
    expect(Number(await store.scalar("SELECT count(*) FROM turns WHERE conversation_id <> 'conv_elsewhere'"))).toBe(3 * stored);
    expect(await store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'ingest_%'")).toBe(0n);
    expect(await store.scalar("SELECT current_setting('checkpoint_threshold')")).toBe(defaultThreshold);

    await store.run('DELETE FROM turns WHERE turn_id = $1', [clash]);
    const retry = await ingestFile(store, file, opts());
    expect(retry).toMatchObject({ kept: stored, added: N - Math.floor(N / 1000) - stored });
    expect(await expectJsIds(store, file)).toBe(N - Math.floor(N / 1000));
    expect(await store.scalar("SELECT current_setting('checkpoint_threshold')")).toBe(defaultThreshold);
  });
});
