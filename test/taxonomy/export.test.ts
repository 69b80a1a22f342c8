import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../pipeline/config/schema.js';
import { Store } from '../../pipeline/store/store.js';
import { EXPORT_FORMATS, exportVersion, leafPaths, renderVersion, resolveVersion, toNested, versionNodes, type NestedTaxonomy } from '../../pipeline/taxonomy/export.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

const TAXONOMY_FIXTURE = 'test/fixtures/taxonomy/disclosures.jsonl';

// One real store for the file: ingest → extract → embed → cluster over the fixture corpus.
let dir: string;
let store: Store;
let config: Config;
let versionId: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-taxonomy-export-'));
  store = await Store.open(join(dir, 'store.duckdb'));
  config = testConfig({ ingest: { paths: [TAXONOMY_FIXTURE] } });
  await runStages(store, config, { outputsDir: dir });
  versionId = await resolveVersion(store);
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sqlLeafPaths = async () => (await store.all<{ path: string }>('SELECT path FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf ORDER BY path', [versionId])).map((r) => r.path);

describe('taxonomy export', () => {
  it('the fixture corpus yields a supported, multi-root taxonomy', async () => {
    const nodes = await versionNodes(store, versionId);
    const leaves = nodes.filter((n) => n.is_leaf);
    expect(new Set(nodes.map((n) => n.root)).size).toBeGreaterThanOrEqual(5);
    expect(leaves.length).toBeGreaterThanOrEqual(8);
    expect(leaves.every((n) => n.support_conversations >= 2)).toBe(true);
    expect(leaves.map((n) => n.label)).toEqual(expect.arrayContaining(['Occupation', 'Pet Ownership', 'Place of Residence']));
  });

  it('round-trips the deeppersona format: its leaf paths are the paths export', async () => {
    const file = join(dir, 'taxonomy.deeppersona.json');
    await exportVersion(store, versionId, 'deeppersona', file);
    const tree = JSON.parse(readFileSync(file, 'utf8')) as NestedTaxonomy;
    await exportVersion(store, versionId, 'paths', join(dir, 'paths.json'));
    const { paths } = JSON.parse(readFileSync(join(dir, 'paths.json'), 'utf8')) as { paths: string[] };
    expect(leafPaths(tree).sort()).toEqual([...paths].sort());
    expect([...paths].sort()).toEqual(await sqlLeafPaths());
    // Every node, inner ones too, is a key chain of the nested tree.
    for (const n of await versionNodes(store, versionId)) {
      const sub = n.path.split('.').reduce<NestedTaxonomy | undefined>((at, label) => at?.[label], tree);
      expect(sub, n.path).toBeDefined();
      expect(Object.keys(sub!).length === 0, n.path).toBe(n.is_leaf);
    }
    expect(toNested(await versionNodes(store, versionId))).toEqual(tree);
  });

  it('writes jsonl with one scrubbed row per node, and every text format as renderVersion renders it', async () => {
    const file = join(dir, 'taxonomy.jsonl');
    await exportVersion(store, versionId, 'jsonl', file);
    const text = readFileSync(file, 'utf8');
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const nodes = await versionNodes(store, versionId);
    expect(rows.map((r) => r.node_id).sort()).toEqual(nodes.map((n) => n.node_id).sort());
    expect(rows.every((r) => r.version_id === versionId && Array.isArray(r.values))).toBe(true);
    expect(rows.filter((r) => r.is_leaf).every((r) => r.values.length > 0)).toBe(true);
    // The fixture's street address ("I live at 221 Baker Street") never leaves the store.
    expect(text).not.toContain('Baker Street');
    for (const format of EXPORT_FORMATS.filter((f) => f !== 'parquet' && f !== 'arrow') as Exclude<(typeof EXPORT_FORMATS)[number], 'parquet' | 'arrow'>[]) {
      await exportVersion(store, versionId, format, join(dir, `again.${format}`));
      expect(readFileSync(join(dir, `again.${format}`), 'utf8')).toBe(await renderVersion(store, versionId, format));
    }
  });

  it('writes parquet that DuckDB reads back with every node and its values', async () => {
    const file = join(dir, 'taxonomy.parquet');
    await exportVersion(store, versionId, 'parquet', file);
    const back = await store.all<{ node_id: string; path: string; is_leaf: boolean; n_values: number }>(
      `SELECT node_id, path, is_leaf, coalesce(len(node_values), 0)::INTEGER AS n_values FROM read_parquet('${file}') ORDER BY path`,
    );
    const nodes = await versionNodes(store, versionId);
    expect(back.map((r) => [r.node_id, r.path])).toEqual(nodes.map((n) => [n.node_id, n.path]));
    expect(back.filter((r) => r.is_leaf).every((r) => r.n_values > 0)).toBe(true);
  });

  it('names a missing version with a hint', async () => {
    await expect(resolveVersion(store, 99)).rejects.toMatchObject({ code: 'INPUT', message: 'no taxonomy version 99' });
  });
});
