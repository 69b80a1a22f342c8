import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselinePersonas, PAPER_CODE_ROOTS } from '../../pipeline/evaluate/baselines.js';
import { DEFAULT_REFERENCE_DIR } from '../../pipeline/taxonomy/compare-reference.js';
import { personaSetup } from '../../pipeline/persona/persona-context.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';

// No release (testConfig's default): these tests cover ours and the reconstructions; the bundled-data test below reads it.
const config = (corpus: string) => testConfig({ ingest: { paths: [corpus] }, sample: { personas: 12, k: 40 }, evaluate: { bootstrap: 50, noiseFloorDraws: 10, labelSample: 3 } });

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
      expect(m.ci[0]).toBeLessThanOrEqual(m.ours);
      expect(m.ours).toBeLessThanOrEqual(m.ci[1]);
      expect(m.noiseFloor.ours.n).toBe(12);
    }
    // PersonaHub has no population anchors: its own unweighted ones, not a copy of ours.
    expect(metric('fidelity.country.js').plugin.personahub).not.toBe(metric('fidelity.country.js').plugin.ours);
    expect(Object.keys(e)[0]).toBe('whereWeLose');
    expect(e.sets.map((s: { name: string; kind: string }) => `${s.name}:${s.kind}`)).toEqual(['ours:ours', 'personahub:reconstruction', 'paper-code:reconstruction']);
    expect(e.taxonomy.labelSample.rows).toHaveLength(3);
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
      expect(p.anchors.mode).toBe('uniform');
    }
    // Same taxonomy and seed, other ids: baselines never collide with our stored personas.
    expect(new Set([...paper, ...hub].map((p) => p.personaId)).size).toBe(20);
  });
});

describe('evaluate on bundled data', () => {
  it('scores the release (when present) and a --compare file beside ours; every interval in eval.json holds its estimate', async () => {
    const store = await tempStore();
    const out = tempDir();
    const cfg = testConfig({
      ingest: { paths: ['data/prefeval/benchmark_dataset/implicit_preference/persona-driven/education_learning_styles.json'] },
      sample: { personas: 20, k: 40 },
      evaluate: { bootstrap: 50, noiseFloorDraws: 10, labelSample: 0, maxPersonas: 30, referenceDir: DEFAULT_REFERENCE_DIR, compare: ['test/fixtures/evaluate/characters.json', 'test/fixtures/evaluate/personas.jsonl'] },
    });
    await runStages(store, cfg, { outputsDir: out });
    const e = JSON.parse(readFileSync(join(out, 'eval.json'), 'utf8'));
    const names = e.sets.map((s: { name: string }) => s.name);
    expect(names.slice(0, 3)).toEqual(['ours', 'personahub', 'paper-code']);
    expect(names.slice(-2)).toEqual(['file:characters', 'file:personas']);
    if (existsSync(join(DEFAULT_REFERENCE_DIR, 'social_simulation_ca/data'))) expect(names.filter((n: string) => n.startsWith('authors:')).length).toBeGreaterThan(0);
    else expect(e.skippedSets[0].reason).toContain('no DeepPersona release');
    let checked = 0;
    for (const m of e.metrics) {
      const subjects: [string, number | null, [number, number] | undefined][] = [['ours', m.ours, m.ci], ...Object.keys(m.baselines).map((b): [string, number | null, [number, number] | undefined] => [b, m.baselines[b], m.baselineCi[b]])];
      for (const [subject, value, ci] of subjects) {
        if (!ci) continue;
        expect(ci[0], `${m.metric} ${subject}`).toBeLessThanOrEqual(value!);
        expect(value!, `${m.metric} ${subject}`).toBeLessThanOrEqual(ci[1]);
        expect(m.noiseFloor[subject], `${m.metric} ${subject}`).toBeDefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7 * 5);
    // A file's sets get null with a reason for what needs our store, never a number.
    const provenance = e.metrics.find((m: { metric: string }) => m.metric === 'provenance.complete');
    expect(provenance.baselines['file:characters']).toBeNull();
    expect(provenance.notApplicable['file:characters']).toMatch(/only sets drawn by our code/);
    // The independent quality metrics score every set, with a declared direction.
    const any = e.metrics.find((m: { metric: string }) => m.metric === 'quality.contradictions.any.personaShare');
    expect(any.direction).toBe('lower');
    for (const name of names.slice(1)) expect(any.baselines[name], name).not.toBeUndefined();
    // Where we lose lists exactly the directed metrics some set beats ours on.
    for (const l of e.whereWeLose) expect(e.metrics.find((m: { metric: string }) => m.metric === l.metric).direction).toBe(l.direction);
  });
});
