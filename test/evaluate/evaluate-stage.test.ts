import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselinePersonas, PAPER_CODE_ROOTS } from '../../pipeline/evaluate/baselines.js';
import { personaSetup } from '../../pipeline/persona/persona-context.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';

const config = (corpus: string) => testConfig({ ingest: { paths: [corpus] }, sample: { personas: 12, k: 40 }, evaluate: { bootstrap: 50 } });

describe('evaluate stage', () => {
  it('scores our personas and both baselines by the same metrics into eval.json and the evaluations table, deterministically', async () => {
    const corpus = writeDisclosureCorpus(tempDir(), 60);
    const runs = [];
    for (let r = 0; r < 2; r++) {
      const store = await tempStore();
      const out = tempDir();
      await runStages(store, config(corpus), { outputsDir: out });
      runs.push({ store, out, json: readFileSync(join(out, 'eval.json'), 'utf8') });
    }
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(b.json).toBe(a.json);
    const e = JSON.parse(a.json);
    expect(e.personas).toMatchObject({ stored: 12, evaluated: 12 });
    const metric = (name: string) => e.metrics.find((m: { metric: string }) => m.metric === name);
    // Our attributes per persona match what the store holds.
    const stored = Number(await a.store.scalar('SELECT count(*) FROM persona_attributes')) / 12;
    expect(metric('attributes.mean').ours).toBeCloseTo(stored, 6);
    expect(metric('attributes.mean').baselines.personahub).toBeLessThanOrEqual(3);
    expect(metric('consistency.violations').ours).toBe(0);
    expect(metric('provenance.node').ours).toBe(1);
    expect(metric('provenance.evidence').ours).toBe(1);
    // Intervals bracket a resampled statistic and come with every fidelity metric.
    for (const name of ['fidelity.age.ks', 'fidelity.age.wasserstein', 'fidelity.sex.js', 'fidelity.country.js']) {
      const m = metric(name);
      expect(m.ci, name).toHaveLength(2);
      expect(m.ci[0]).toBeLessThanOrEqual(m.ci[1]);
    }
    // The paper-code baseline's fixed country is far from the population; ours is sampled from it.
    expect(metric('fidelity.country.maxError').baselines['paper-code']).toBeGreaterThan(metric('fidelity.country.maxError').ours);
    expect(e.taxonomy.valueFacets.units).toBeGreaterThan(0);
    const rows = await a.store.all<{ subject: string; n: number }>('SELECT subject, count(*)::INTEGER AS n FROM evaluations GROUP BY subject ORDER BY subject');
    expect(rows.map((r) => r.subject)).toEqual(['ours', 'paper-code', 'personahub']);
    expect(new Set(rows.map((r) => r.n)).size).toBe(1);
    // The report stage ran after it, with the metrics table.
    expect(readFileSync(join(a.out, 'report', 'index.html'), 'utf8')).toContain('fidelity.age.ks');
  });

  it('baselines: paper-code uses uniform anchors, six roots and no repair; personahub is three attributes and one sentence', async () => {
    const store = await tempStore();
    const cfg = config(writeDisclosureCorpus(tempDir(), 60));
    await runStages(store, cfg, { until: 'cluster' });
    const setup = await personaSetup(store, cfg, 'test', 'sample');
    if (!setup.ok) throw new Error(setup.reason);
    const paper = baselinePersonas('paper-code', setup.ctx, 10);
    for (const p of paper) {
      expect(p.anchors.mode).toBe('uniform');
      expect(p.anchors.country.iso2).toBe('CA');
      for (const a of p.attributes) expect(PAPER_CODE_ROOTS).toContain(a.root);
    }
    const hub = baselinePersonas('personahub', setup.ctx, 10);
    for (const p of hub) {
      expect(p.attributes.length).toBeLessThanOrEqual(3);
      expect(p.summary.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
      expect(p.anchors.mode).toBe('population');
    }
    // Same taxonomy and seed, other ids: baselines never collide with our stored personas.
    expect(new Set([...paper, ...hub].map((p) => p.personaId)).size).toBe(20);
  });
});
