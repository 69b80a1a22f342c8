import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrubPii } from '../../pipeline/privacy/pii-scrubber.js';
import { loadReportData } from '../../pipeline/report/report-data.js';
import { renderHtml } from '../../pipeline/report/render-html.js';
import type { RunManifest } from '../../pipeline/runner/run-record.js';
import { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';

// One real pipeline run (ingest → sample) shared by the file; the store is only read here.
let dir: string;
let store: Store;
let manifest: RunManifest;
let version: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-report-data-'));
  store = await Store.open(join(dir, 'store.duckdb'));
  mkdirSync(join(dir, 'outputs'));
  manifest = await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 5, k: 40 } }), { outputsDir: join(dir, 'outputs') });
  version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadReportData', () => {
  it('has every node of the current version with its support, top values and evidence from node_evidence', async () => {
    const data = await loadReportData(store, { personas: 3, generatedAt: '2026-01-01T00:00:00.000Z' });
    const t = data.taxonomy!;
    expect(t.version).toBe(version);
    const rows = await store.all<{ node_id: string; path: string; support_mentions: number; is_leaf: boolean }>(
      'SELECT node_id, path, support_mentions, is_leaf FROM taxonomy_nodes WHERE version_id = $1 ORDER BY path', [version]);
    expect(t.nodes.map((n) => n.id).sort()).toEqual(rows.map((r) => r.node_id).sort());
    for (const r of rows) {
      const n = t.nodes.find((x) => x.id === r.node_id)!;
      expect(n.path).toBe(r.path);
      expect(n.support.mentions).toBe(r.support_mentions);
      expect(n.isLeaf).toBe(r.is_leaf);
      // Every node with mentions shows evidence, at most 5, each a real mention of that node.
      const evidence = await store.all<{ quote: string; locator: string; value: string }>(
        'SELECT quote, locator, value FROM node_evidence WHERE version_id = $1 AND node_id = $2', [version, r.node_id]);
      expect(n.evidence.length).toBe(Math.min(5, evidence.length));
      for (const e of n.evidence) {
        expect(evidence.map((x) => ({ quote: scrubPii(x.quote).text, locator: x.locator }))).toContainEqual({ quote: e.quote, locator: e.locator });
        expect(e.locator).toMatch(new RegExp(`^${CORPUS}:\\d+$`));
      }
      // Distinct values come first, so a node's quotes show its range.
      const distinct = new Set(evidence.map((x) => x.value.trim().toLowerCase())).size;
      expect(new Set(n.evidence.map((e) => e.value.trim().toLowerCase())).size).toBe(Math.min(5, distinct));
    }
    const occupation = t.nodes.find((n) => n.label === 'Occupation' && n.isLeaf)!;
    expect(occupation.values.map((v) => v.value)).toContain('nurse');
    expect(occupation.values[0]!.count).toBeGreaterThanOrEqual(occupation.values.at(-1)!.count);
    // Inner nodes sum their leaves' vocabularies.
    const root = t.nodes.find((n) => n.parentId === null && n.root === occupation.root)!;
    expect(root.values.length).toBeGreaterThan(0);
  });

  it('scrubs PII from quotes and values: the address is gone, the quote stays', async () => {
    const data = await loadReportData(store, { evidencePerNode: 100 });
    const json = JSON.stringify(data);
    expect(json).toContain('I live at [ADDRESS]');
    expect(json).not.toContain('Baker');
    expect(json).not.toContain('jane.doe@example.com');
  });

  it('embeds at most `personas` cards with their attributes in order, and provenance quotes for corpus values', async () => {
    const data = await loadReportData(store, { personas: 3 });
    const p = data.personas;
    expect(p).toMatchObject({ total: 5, limit: 3, taxonomyVersion: version, seed: 42 });
    expect(p.cards.map((c) => c.index)).toEqual([0, 1, 2]);
    for (const card of p.cards) {
      const rows = await store.all<{ node_id: string; value: string; origin: string }>(
        'SELECT node_id, value, origin FROM persona_attributes WHERE persona_id = $1 ORDER BY rowid', [card.id]);
      expect(card.attributes.map((a) => [a.nodeId, a.value, a.origin])).toEqual(rows.map((r) => [r.node_id, scrubPii(r.value).text, r.origin]));
      expect(card.anchors.country).toBeTruthy();
      expect(card.anchors.age).toBeGreaterThanOrEqual(18);
      expect(card.summary.length).toBeGreaterThan(0);
      for (const a of card.attributes) {
        expect(p.nodes[a.nodeId]!.path.startsWith(p.nodes[a.nodeId]!.root)).toBe(true);
        if (a.origin !== 'corpus') expect(a.evidence).toBeNull();
      }
    }
    const corpus = p.cards.flatMap((c) => c.attributes).filter((a) => a.origin === 'corpus');
    expect(corpus.length).toBeGreaterThan(0);
    // A corpus value is drawn from its node's vocabulary: its quote is a mention with that value when one exists.
    for (const a of corpus) {
      expect(a.evidence).not.toBeNull();
      const e = p.evidence[a.evidence!]!;
      const exact = await store.scalar('SELECT count(*) FROM node_evidence WHERE version_id = $1 AND node_id = $2 AND lower(trim(value)) = lower(trim($3))', [version, a.nodeId, a.value]);
      if (Number(exact) > 0) expect(e.value.trim().toLowerCase()).toBe(a.value.trim().toLowerCase());
    }
    // The charts cover every persona, not only the cards.
    expect(Object.values(p.stats.attributesPerPersona).reduce((x, y) => x + y, 0)).toBe(5);
    expect(Object.values(p.stats.sexes).reduce((x, y) => x + y, 0)).toBe(5);
    const attributes = Number(await store.scalar('SELECT count(*) FROM persona_attributes'));
    expect(Object.values(p.stats.roots).reduce((x, y) => x + y, 0)).toBe(attributes);
  });

  it('reads the newest run and the latest finished row of every stage', async () => {
    const data = await loadReportData(store);
    expect(data.run).toMatchObject({ runId: manifest.runId, command: 'test' });
    expect(data.run!.stages.map((s) => s.stage)).toEqual(['ingest', 'extract', 'embed', 'cluster', 'sample', 'evaluate', 'report']);
    expect(data.run!.stages.find((s) => s.stage === 'sample')!.counts.personas).toBe(5);
    expect((data.run!.config as { seed: number }).seed).toBe(42);
  });

  it('passes metrics and the anchors reference through, and renders them', async () => {
    const metrics = [{ metric: 'attribute coverage', ours: 0.81, baselines: { authors: 0.74, 'no taxonomy': null }, ci: [0.78, 0.84] as [number, number] }];
    const anchorsReference = { label: 'WPP 2024', age: { lo: 18, weights: Array.from({ length: 73 }, () => 1) }, sex: { female: 1, male: 1 }, countries: { CN: 3, IN: 3, US: 1 } };
    const data = await loadReportData(store, { metrics, anchorsReference });
    expect(data.metrics).toEqual(metrics);
    expect(data.anchorsReference).toEqual(anchorsReference);
    const html = renderHtml(data);
    expect(html).toContain('<th>authors</th><th>no taxonomy</th>');
    expect(html).toContain('0.810');
    expect(html).toContain('[0.780, 0.840]');
    expect(html).toContain('class="ref-line"');
    expect(html).not.toContain('run <code>deeppersona evaluate</code>');
    expect(renderHtml(await loadReportData(store))).toContain('Run <code>deeppersona evaluate</code>');
  });
});

describe('loadReportData on other stores', () => {
  it('an empty store gives an empty report with hints, not an error', async () => {
    const empty = await tempStore();
    const data = await loadReportData(empty);
    expect(data).toMatchObject({ taxonomy: null, run: null, personas: { total: 0, cards: [] } });
    const html = renderHtml(data);
    expect(html).toContain('No taxonomy yet');
    expect(html).toContain('No personas yet');
  });

  it('does not break when persona_attributes gains a column (e.g. a facet id)', async () => {
    const before = await loadReportData(store, { personas: 2, generatedAt: 'x' });
    // Last test of the file: it may change the shared store's schema (migration 5 adds the column).
    await store.run('ALTER TABLE persona_attributes ADD COLUMN IF NOT EXISTS facet_id VARCHAR');
    await store.run("UPDATE persona_attributes SET facet_id = 'facet_x'");
    const after = await loadReportData(store, { personas: 2, generatedAt: 'x' });
    expect(after.personas).toEqual(before.personas);
  });
});
