import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitValue, valueRejection } from '../../pipeline/extractors/value-gate.js';
import type { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';

const current = async (store: Store) => Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));

/** A fresh store run through every stage; returns the store, the outputs folder and personas.jsonl's text. */
async function sampleRun(corpus: string | undefined, sample: Record<string, unknown>, seed = 42) {
  const store = await tempStore();
  const out = tempDir();
  const manifest = await runStages(store, testConfig({ seed, ingest: { paths: [corpus ?? writeDisclosureCorpus(tempDir(), 60)] }, sample }), { outputsDir: out });
  return { store, out, manifest, jsonl: readFileSync(join(out, 'personas.jsonl'), 'utf8') };
}

describe('sample stage', () => {
  // tempDir folders are removed after each test: every test writes its own copy of the corpus.
  it('writes the configured personas, every attribute a leaf of the current version with a corpus value', async () => {
    const { store, manifest, jsonl } = await sampleRun(undefined, { personas: 12, k: 40, minPerRoot: 2 });
    const v = await current(store);
    expect(await store.scalar('SELECT count(*) FROM personas')).toBe(12n);
    expect(await store.scalar('SELECT count(DISTINCT taxonomy_version) FROM personas')).toBe(1n);
    expect(await store.scalar('SELECT min(taxonomy_version) FROM personas')).toBe(v);
    expect(await store.scalar('SELECT count(*) FROM persona_attributes')).toBeGreaterThan(12n);
    // Every attribute names a leaf of the current version.
    expect(await store.scalar(`SELECT count(*) FROM persona_attributes a
      LEFT JOIN taxonomy_nodes n ON n.version_id = $1 AND n.node_id = a.node_id AND n.is_leaf WHERE n.node_id IS NULL`, [v])).toBe(0n);
    // Corpus values come from the node's own vocabulary (gated, cut at a phrase boundary), or the anchor age for an age leaf.
    const rows = await store.all<{ node_id: string; value: string; label: string; age: number; vocabulary: string[] }>(
      `SELECT a.node_id, a.value, n.label, (p.anchors->>'age')::INTEGER AS age,
              (SELECT list(v.value) FROM node_values v WHERE v.version_id = $1 AND v.node_id = a.node_id) AS vocabulary
       FROM persona_attributes a JOIN personas p USING (persona_id) JOIN taxonomy_nodes n ON n.version_id = $1 AND n.node_id = a.node_id
       WHERE a.origin = 'corpus'`,
      [v],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const allowed = new Set((r.vocabulary ?? []).filter((x) => valueRejection(x) === null).map((x) => fitValue(x, 50)));
      if (!allowed.has(r.value)) expect(r.value, `${r.node_id} (${r.label})`).toBe(String(r.age));
    }
    for (const r of rows) expect(valueRejection(r.value), r.value).toBeNull(); // never a junk or cut-off value
    // Every attribute is a value facet of its leaf (an anchor answering a split leaf names the leaf only),
    // and every corpus value has a mention saying it under that facet.
    expect(await store.scalar(`SELECT count(*) FROM persona_attributes a LEFT JOIN value_facets f
      ON f.version_id = $1 AND f.facet_id = a.facet_id AND f.node_id = a.node_id WHERE f.facet_id IS NULL AND NOT (a.origin = 'anchor' AND a.facet_id IS NULL)`, [v])).toBe(0n);
    expect(await store.scalar(`SELECT count(*) FROM persona_attributes a WHERE a.origin = 'corpus' AND NOT EXISTS (
      SELECT 1 FROM facet_evidence e WHERE e.version_id = $1 AND e.facet_id = a.facet_id AND starts_with(lower(trim(e.value)), a.value))`, [v])).toBe(0n);
    const report = manifest.stages.find((s) => s.stage === 'sample')!;
    expect(report.status).toBe('done');
    expect(report.counts.personas).toBe(12);
    expect(report.counts.violations).toBe(0);
    expect(report.counts.valuesGated).toBeGreaterThanOrEqual(0);
    expect(report.summary).toMatch(/corpus values never drawn \(gate \d+, no clean cut \d+\)/);
    const lines = jsonl.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatchObject({ seed: 42, index: 0 });
    expect(typeof lines[0].summary).toBe('string');
    expect(lines[0].node_ids.length).toBeGreaterThan(0);
    expect(Object.keys(lines[0].attributes).length).toBeGreaterThan(0);
  });

  it('is deterministic: two fresh stores give byte-identical personas.jsonl', async () => {
    const corpus = writeDisclosureCorpus(tempDir(), 60);
    const a = await sampleRun(corpus, { personas: 8, k: 40 });
    const b = await sampleRun(corpus, { personas: 8, k: 40 });
    expect(b.jsonl).toBe(a.jsonl);
    expect(a.jsonl.trimEnd().split('\n')).toHaveLength(8);
  });

  it('persona i does not depend on how many personas the run makes', async () => {
    const corpus = writeDisclosureCorpus(tempDir(), 60);
    const ten = (await sampleRun(corpus, { personas: 10, k: 40 }, 7)).jsonl.trimEnd().split('\n');
    const five = (await sampleRun(corpus, { personas: 5, k: 40 }, 7)).jsonl.trimEnd().split('\n');
    expect(five).toEqual(ten.slice(0, 5));
    expect(new Set(ten).size).toBe(10);
  });

  it('reruns when the sample settings change and replaces that seed and version\'s personas', async () => {
    const corpus = writeDisclosureCorpus(tempDir(), 60);
    const { store, out } = await sampleRun(corpus, { personas: 6, k: 40 });
    const manifest = await runStages(store, testConfig({ ingest: { paths: [corpus] }, sample: { personas: 3, k: 40 } }), { outputsDir: out });
    expect(manifest.stages.find((s) => s.stage === 'sample')!.status).toBe('done');
    expect(await store.scalar('SELECT count(*) FROM personas')).toBe(3n);
    expect(readFileSync(join(out, 'personas.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(3);
  });
});
