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

  it('has every value facet of the version with its support, top values from facet_members and evidence from facet_evidence', async () => {
    const data = await loadReportData(store, { generatedAt: 'x' });
    const { nodes, facets } = data.taxonomy!;
    const rows = await store.all<{ facet_id: string; node_id: string; label: string; path: string; is_split: boolean; support_mentions: number }>(
      'SELECT facet_id, node_id, label, path, is_split, support_mentions FROM value_facets WHERE version_id = $1 ORDER BY path, facet_id', [version]);
    expect(rows.some((r) => r.is_split)).toBe(true);
    expect(facets.map((f) => [f.id, f.nodeId, f.label, f.path, f.isSplit, f.support.mentions])).toEqual(rows.map((r) => [r.facet_id, r.node_id, r.label, r.path, r.is_split, r.support_mentions]));
    for (const f of facets) {
      const leaf = nodes.find((n) => n.id === f.nodeId)!;
      expect(leaf.isLeaf).toBe(true);
      // A split leaf's remainder (values no facet label classifies) keeps the leaf's own label and path.
      expect(f.path).toBe(f.isSplit && f.label !== leaf.label ? `${leaf.path}.${f.label}` : leaf.path);
      // Values: the facet's members' values with their counts, largest first, at most 8.
      const values = await store.all<{ value: string; polarity: string; n: bigint }>(
        `SELECT lower(trim(m.value)) AS value, m.polarity, count(*) AS n FROM facet_members fm JOIN mentions m USING (mention_id)
         WHERE fm.version_id = $1 AND fm.facet_id = $2 GROUP BY ALL`, [version, f.id]);
      expect(f.distinctValues).toBe(values.length);
      expect(f.values.length).toBe(Math.min(8, values.length));
      for (const v of f.values) expect(values.map((x) => [scrubPii(x.value).text, x.polarity, Number(x.n)])).toContainEqual([v.value, v.polarity, v.count]);
      expect(f.values.map((v) => v.count)).toEqual([...f.values.map((v) => v.count)].sort((a, b) => b - a));
      // Evidence: at most 5 quotes, each a row of facet_evidence for this facet, distinct values first.
      const evidence = await store.all<{ quote: string; locator: string; value: string }>(
        'SELECT quote, locator, value FROM facet_evidence WHERE version_id = $1 AND facet_id = $2', [version, f.id]);
      expect(evidence.length).toBe(f.support.mentions);
      expect(f.evidence.length).toBe(Math.min(5, evidence.length));
      for (const e of f.evidence) {
        expect(evidence.map((x) => ({ quote: scrubPii(x.quote).text, locator: x.locator }))).toContainEqual({ quote: e.quote, locator: e.locator });
        expect(e.locator).toMatch(new RegExp(`^${CORPUS}:\\d+$`));
      }
      const distinct = new Set(evidence.map((x) => x.value.trim().toLowerCase())).size;
      expect(new Set(f.evidence.map((e) => e.value.trim().toLowerCase())).size).toBe(Math.min(5, distinct));
    }
    // A split leaf's facets partition its mentions.
    const split = facets.find((f) => f.isSplit)!;
    const siblings = facets.filter((f) => f.nodeId === split.nodeId);
    expect(siblings.length).toBeGreaterThan(1);
    expect(siblings.reduce((n, f) => n + f.support.mentions, 0)).toBe(nodes.find((n) => n.id === split.nodeId)!.support.mentions);
    expect(renderHtml(data)).toContain(JSON.stringify(split.label));
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
    // Every attribute names its leaf (the node's own path, not the facet's) and the facet it was drawn from.
    const facetRows = await store.all<{ facet_id: string; node_id: string; path: string; label: string; is_split: boolean }>(
      'SELECT facet_id, node_id, path, label, is_split FROM value_facets WHERE version_id = $1', [version]);
    for (const a of p.cards.flatMap((c) => c.attributes)) {
      const node = await store.one<{ path: string; label: string }>('SELECT path, label FROM taxonomy_nodes WHERE version_id = $1 AND node_id = $2', [version, a.nodeId]);
      expect(p.nodes[a.nodeId]).toMatchObject({ path: node!.path, label: node!.label });
      // Corpus values always come from a facet; an anchor value on a split leaf may match none.
      if (a.facetId === null) {
        expect(a.origin).toBe('anchor');
        continue;
      }
      const f = facetRows.find((r) => r.facet_id === a.facetId)!;
      expect(f.node_id).toBe(a.nodeId);
      expect(p.facets[a.facetId]).toEqual({ path: f.path, label: f.label, isSplit: f.is_split });
    }
    const stored = await store.all<{ facet_id: string | null }>('SELECT facet_id FROM persona_attributes WHERE persona_id = $1 ORDER BY position', [p.cards[0]!.id]);
    expect(p.cards[0]!.attributes.map((a) => a.facetId)).toEqual(stored.map((r) => r.facet_id));
    expect(Object.values(p.facets).some((f) => f.isSplit)).toBe(true);
    const corpus = p.cards.flatMap((c) => c.attributes).filter((a) => a.origin === 'corpus');
    expect(corpus.length).toBeGreaterThan(0);
    // A corpus value is drawn from its facet's vocabulary: its quote is a mention of that facet with
    // that value when one exists (a value it starts next), else one of its node with that value.
    const facetQuotes = (a: (typeof corpus)[number], match: string) => store.all<{ quote: string; locator: string }>(
      `SELECT quote, locator FROM facet_evidence WHERE version_id = $1 AND facet_id = $2 AND ${match}`, [version, a.facetId, a.value]);
    let fromFacet = 0;
    for (const a of corpus) {
      expect(a.evidence).not.toBeNull();
      const e = p.evidence[a.evidence!]!;
      const shown = { quote: e.quote, locator: e.locator };
      const scrubbed = (rows: { quote: string; locator: string }[]) => rows.map((x) => ({ quote: scrubPii(x.quote).text, locator: x.locator }));
      const exact = await facetQuotes(a, 'lower(trim(value)) = lower(trim($3))');
      const prefix = await facetQuotes(a, 'starts_with(lower(trim(value)), lower(trim($3)))');
      if (exact.length > 0) expect(scrubbed(exact)).toContainEqual(shown);
      else if (prefix.length > 0) expect(scrubbed(prefix)).toContainEqual(shown);
      else {
        const node = await store.scalar('SELECT count(*) FROM node_evidence WHERE version_id = $1 AND node_id = $2 AND lower(trim(value)) = lower(trim($3))', [version, a.nodeId, a.value]);
        if (Number(node) > 0) expect(e.value.trim().toLowerCase()).toBe(a.value.trim().toLowerCase());
      }
      if (exact.length + prefix.length > 0) fromFacet++;
    }
    expect(fromFacet).toBeGreaterThan(0);
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

  it('attributes without a facet (rows from before facets) fall back to their node: its path and its evidence', async () => {
    const before = await loadReportData(store, { personas: 2, generatedAt: 'x' });
    // Last test of the file: it changes the shared store's rows.
    await store.run('UPDATE persona_attributes SET facet_id = NULL');
    const after = (await loadReportData(store, { personas: 2, generatedAt: 'x' })).personas;
    expect(after.facets).toEqual({});
    expect(after.nodes).toEqual(before.personas.nodes);
    const attrs = after.cards.flatMap((c) => c.attributes);
    expect(attrs.map((a) => [a.nodeId, a.value, a.facetId])).toEqual(before.personas.cards.flatMap((c) => c.attributes).map((a) => [a.nodeId, a.value, null]));
    for (const a of attrs.filter((x) => x.origin === 'corpus')) {
      const e = after.evidence[a.evidence!]!;
      const rows = await store.all<{ quote: string; locator: string }>('SELECT quote, locator FROM node_evidence WHERE version_id = $1 AND node_id = $2', [version, a.nodeId]);
      expect(rows.map((x) => ({ quote: scrubPii(x.quote).text, locator: x.locator }))).toContainEqual({ quote: e.quote, locator: e.locator });
    }
  });
});
