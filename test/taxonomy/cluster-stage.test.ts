import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffVersions, loadDiffNodes, unaccounted } from '../../pipeline/taxonomy/diff.js';
import { renderVersion } from '../../pipeline/taxonomy/export.js';
import type { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from './corpus.js';

const current = async (store: Store) => Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));

describe('cluster stage', () => {
  it('builds a taxonomy that keeps the shape rules, with evidence down to the exact quote', async () => {
    const store = await tempStore();
    const out = tempDir();
    const config = testConfig({ ingest: { paths: [writeDisclosureCorpus(tempDir(), 60)] } });
    await runStages(store, config, { outputsDir: out });
    const v = await current(store);
    const roots = await store.all<{ root: string }>('SELECT DISTINCT root FROM taxonomy_nodes WHERE version_id = $1', [v]);
    for (const { root } of roots) expect(config.roots).toContain(root);
    expect(roots.length).toBeGreaterThanOrEqual(5);
    expect(await store.scalar('SELECT count(*) FROM taxonomy_nodes WHERE version_id = $1 AND support_conversations < 2', [v])).toBe(0n);
    expect(await store.scalar('SELECT count(*) FROM (SELECT parent_id, lower(label) FROM taxonomy_nodes WHERE version_id = $1 GROUP BY ALL HAVING count(*) > 1)', [v])).toBe(0n);
    // Lexical grouping (the default): an attribute with no lexical sibling is a leaf right under its root.
    expect(await store.scalar('SELECT min(depth) FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf', [v])).toBeGreaterThanOrEqual(2);
    expect(await store.scalar(`SELECT count(*) FROM node_evidence e JOIN turns t USING (turn_id)
      WHERE substring(t.text, e.span_start + 1, e.span_end - e.span_start) <> e.quote`)).toBe(0n);
    const leaf = await store.one<{ node_id: string; value_type: string }>('SELECT node_id, value_type FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf ORDER BY support_mentions DESC LIMIT 1', [v]);
    expect(leaf!.value_type).toMatch(/numeric|categorical|free_text/);
    expect(await store.scalar('SELECT count(*) FROM node_values WHERE node_id = $1', [leaf!.node_id])).toBeGreaterThan(0n);
    expect(await store.scalar("SELECT count(DISTINCT locator) FROM node_evidence WHERE locator LIKE '%people.jsonl:%'")).toBeGreaterThan(10n);
    expect(JSON.parse(readFileSync(join(out, 'taxonomy.json'), 'utf8'))).toBeTypeOf('object');
  });

  it('is deterministic: two runs from empty stores export byte-identical paths', async () => {
    const corpus = writeDisclosureCorpus(tempDir(), 60);
    const exports: string[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await tempStore();
      await runStages(store, testConfig({ ingest: { paths: [corpus] } }));
      exports.push(await renderVersion(store, await current(store), 'paths'));
    }
    expect(exports[1]).toBe(exports[0]);
    expect(JSON.parse(exports[0]!).paths.length).toBeGreaterThan(5);
  });

  it('a crash while writing a version leaves the previous version intact and current', async () => {
    const store = await tempStore();
    const config = testConfig({ ingest: { paths: [writeDisclosureCorpus(tempDir(), 60)] } });
    await runStages(store, config);
    const before = await renderVersion(store, 1, 'jsonl');
    const run = store.run.bind(store);
    store.run = async (sql, params) => {
      if (sql.startsWith('UPDATE taxonomy_versions SET is_current')) throw new Error('power cut');
      return run(sql, params);
    };
    await expect(runStages(store, config, { force: ['cluster'] })).rejects.toThrow('power cut');
    store.run = run;
    expect(await current(store)).toBe(1);
    expect(await store.scalar('SELECT count(*) FROM taxonomy_versions')).toBe(1n);
    expect(await renderVersion(store, 1, 'jsonl')).toBe(before);
  });

  it('refreshes incrementally when data arrives: persisting nodes keep their ids', async () => {
    const store = await tempStore();
    const dir = tempDir();
    const corpus = writeDisclosureCorpus(dir, 40);
    // Incremental placement is the vector grouping's; the lexical one rebuilds (tested below).
    const config = testConfig({ ingest: { paths: [corpus] }, taxonomy: { grouping: 'vectors' } });
    await runStages(store, config);
    const v1 = await store.all<{ node_id: string; path: string }>('SELECT node_id, path FROM taxonomy_nodes WHERE version_id = 1 ORDER BY path');
    appendFileSync(corpus, readFileSync(writeDisclosureCorpus(tempDir(), 40, 40), 'utf8'));
    await runStages(store, config);
    expect(await store.one('SELECT version_id, mode, parent_version FROM taxonomy_versions WHERE is_current')).toEqual({ version_id: 2, mode: 'incremental', parent_version: 1 });
    const v2 = new Map((await store.all<{ node_id: string; path: string }>('SELECT node_id, path FROM taxonomy_nodes WHERE version_id = 2')).map((r) => [r.node_id, r.path]));
    const kept = v1.filter((n) => v2.has(n.node_id));
    expect(kept.length / v1.length).toBeGreaterThan(0.8);
    const diff = await diffVersions(store, 1, 2);
    expect(unaccounted(diff, await loadDiffNodes(store, 1), await loadDiffNodes(store, 2))).toEqual({ v1: [], v2: [] });
    expect(existsSync(corpus)).toBe(true);
  });

  it('with the lexical grouping, a refresh rebuilds and carries ids of persisting nodes over', async () => {
    const store = await tempStore();
    const corpus = writeDisclosureCorpus(tempDir(), 40);
    const config = testConfig({ ingest: { paths: [corpus] } });
    await runStages(store, config);
    const v1 = await store.all<{ node_id: string }>('SELECT node_id FROM taxonomy_nodes WHERE version_id = 1');
    appendFileSync(corpus, readFileSync(writeDisclosureCorpus(tempDir(), 40, 40), 'utf8'));
    await runStages(store, config);
    expect(await store.one('SELECT version_id, mode, parent_version FROM taxonomy_versions WHERE is_current')).toEqual({ version_id: 2, mode: 'full', parent_version: 1 });
    const v2 = new Set((await store.all<{ node_id: string }>('SELECT node_id FROM taxonomy_nodes WHERE version_id = 2')).map((r) => r.node_id));
    expect(v1.filter((n) => v2.has(n.node_id)).length / v1.length).toBeGreaterThan(0.8);
    const diff = await diffVersions(store, 1, 2);
    expect(unaccounted(diff, await loadDiffNodes(store, 1), await loadDiffNodes(store, 2))).toEqual({ v1: [], v2: [] });
  });
});
