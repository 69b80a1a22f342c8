import { describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';

/**
 * extract reads each chunk of pending conversations through the rowid span of their turns (one
 * slice of `turns`, not a scan per chunk). Whatever the chunking, and even when the spans are wrong
 * (rowids that moved), the stored mentions are the same.
 */
const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';

const mentions = (store: Store) =>
  store.all('SELECT mention_id, turn_id, conversation_id, attribute, value, span_start, span_end FROM mentions ORDER BY mention_id');

async function extracted(chunkSize: number, tamper?: (store: Store) => void, threads = 1) {
  const store = await tempStore();
  tamper?.(store);
  await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, extract: { chunkSize, threads } }), { until: 'extract' });
  expect(await store.scalar('SELECT count(*) FROM extracted_conversations')).toBe(await store.scalar('SELECT count(*) FROM conversations'));
  expect(await store.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name = 'extract_pending'")).toEqual([]);
  return mentions(store);
}

describe('extract chunks', () => {
  it('store the same mentions in chunks of 3 as in one chunk, and when the rowid spans miss turns', async () => {
    const whole = await extracted(10_000);
    expect(whole.length).toBeGreaterThan(50);
    expect(await extracted(3)).toEqual(whole);
    let tampered = 0;
    const wrongSpans = await extracted(3, (store) => {
      const all = store.all.bind(store);
      store.all = (async (sql: string, params?: never) => {
        const rows = await all(sql, params);
        if (!sql.includes('FROM extract_pending WHERE rn >')) return rows;
        tampered++;
        return rows.map((r) => ({ ...r, lo: 0n, hi: 0n })); // as if the turns had moved
      }) as Store['all'];
    });
    expect(tampered).toBeGreaterThan(5);
    expect(wrongSpans).toEqual(whole);
  });

  it('store the same mentions when worker threads extract the next chunks while one is written', async () => {
    const whole = await extracted(10_000);
    let reads = 0;
    const overlapped = await extracted(3, (store) => {
      const all = store.all.bind(store);
      store.all = (async (sql: string, params?: never) => {
        if (sql.includes('FROM extract_pending WHERE rn >')) reads++;
        return all(sql, params);
      }) as Store['all'];
    }, 2);
    expect(reads).toBeGreaterThan(5);
    expect(overlapped).toEqual(whole);
  });

  it('a failure while chunks are in flight fails the stage cleanly, and the next run finishes with the same mentions', async () => {
    const whole = await extracted(10_000);
    const store = await tempStore();
    const config = testConfig({ ingest: { paths: [CORPUS] }, extract: { chunkSize: 3, threads: 2 } });
    const all = store.all.bind(store);
    let reads = 0;
    store.all = (async (sql: string, params?: never) => {
      if (sql.includes('FROM extract_pending WHERE rn >') && ++reads === 4) throw new Error('disk gone');
      return all(sql, params);
    }) as Store['all'];
    await expect(runStages(store, config, { until: 'extract' })).rejects.toThrow('disk gone');
    store.all = all;
    await runStages(store, config, { until: 'extract' });
    expect(await mentions(store)).toEqual(whole);
  });
});
