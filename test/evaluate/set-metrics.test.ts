import { describe, expect, it } from 'vitest';
import { setMetrics } from '../../pipeline/evaluate/persona-metrics.js';
import { populationReference } from '../../pipeline/evaluate/population-reference.js';
import type { ComparisonSet, SetPersona } from '../../pipeline/evaluate/readers/types.js';
import { whereWeLose, type ComparableRow } from '../../pipeline/evaluate/where-we-lose.js';
import { metricsMarkdown, replaceBetweenMarkers, MARKERS } from '../../pipeline/evaluate/metrics-markdown.js';

const reference = populationReference(18, 90);
const fidelity = () => ({ reference, seed: 42, iterations: 200, floorDraws: 20, floors: new Map() });
const set = (personas: SetPersona[]): ComparisonSet => ({ name: 'x', kind: 'file', label: 'hand-made', personas, notes: [] });

describe('setMetrics on a hand-made set', () => {
  it('depth, roots and diversity by hand; taxonomy-bound metrics null with a reason, never estimated', () => {
    const personas: SetPersona[] = [
      { id: 'a', anchors: { age: 30, sex: 'female', country: 'CA' }, attributes: [{ path: ['R1', 'a'], value: 'x' }, { path: ['R1', 'b'], value: 'y' }, { path: ['R2', 'c'], value: 'Z ' }] },
      { id: 'b', anchors: { age: 60, sex: 'male', country: 'IN' }, attributes: [{ path: ['R1', 'a'], value: 'X' }, { path: ['R2', 'd'], value: 'w' }] },
    ];
    const m = setMetrics({ set: set(personas), summaryVectors: [Float32Array.of(1, 0), Float32Array.of(0, 1)], fidelity: fidelity() });
    expect(m['personas']!.value).toBe(2);
    expect(m['attributes.mean']!.value).toBe(2.5);
    expect(m['attributes.min']!.value).toBe(2);
    expect(m['roots.mean']!.value).toBe(2);
    // {a=x, b=y, c=z} vs {a=x, d=w}: 1 shared of 4 → distance 0.75; 4 distinct of 5 values.
    expect(m['diversity.jaccard']!.value).toBeCloseTo(0.75, 12);
    expect(m['diversity.distinctValues']!.value).toBeCloseTo(0.8, 12);
    expect(m['diversity.summaryDistance']!.value).toBeCloseTo(1, 6);
    for (const k of ['coverage.leaves', 'consistency.violations', 'provenance.complete', 'origin.corpus']) {
      expect(m[k], k).toMatchObject({ value: null, reason: expect.any(String) });
    }
  });

  it('origins from the sources a file gives; flat records have no roots; unstated anchors give null fidelity', () => {
    const personas: SetPersona[] = [
      { id: 'a', attributes: [{ path: ['job'], value: 'farmer', source: 'human' }, { path: ['age'], value: '40', source: 'anchor' }] },
      { id: 'b', attributes: [{ path: ['job'], value: 'nurse', source: 'llm' }, { path: ['city'], value: 'Lima', source: 'llm-corpus' }] },
    ];
    const m = setMetrics({ set: set(personas), summaryVectors: [], fidelity: fidelity() });
    expect([m['origin.anchor']!.value, m['origin.corpus']!.value, m['origin.llm']!.value]).toEqual([0.25, 0.5, 0.25]);
    expect(m['roots.mean']).toMatchObject({ value: null, reason: 'flat records: no categories' });
    expect(m['diversity.summaryDistance']!.value).toBeNull();
    expect(m['fidelity.age.ks']).toMatchObject({ value: null, n: 0, reason: '0 of 2 personas state an age' });
  });

  it('every fidelity interval holds its estimate, with the plug-in and a noise floor at the same n beside it', () => {
    const countries = ['CN', 'IN', 'US', 'CA', 'CA', 'NO', 'BR', 'IN'];
    const personas: SetPersona[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      anchors: { age: 18 + ((i * 13) % 70), sex: i % 3 ? 'female' : 'male', ...(i % 5 ? { country: countries[i % countries.length] } : {}) },
      attributes: [],
    }));
    const m = setMetrics({ set: set(personas), summaryVectors: [], fidelity: fidelity() });
    const names = Object.keys(m).filter((k) => k.startsWith('fidelity.'));
    expect(names).toHaveLength(7);
    for (const k of names) {
      const v = m[k]!;
      expect(v.ci, k).toHaveLength(2);
      expect(v.ci![0], k).toBeLessThanOrEqual(v.value!);
      expect(v.value!, k).toBeLessThanOrEqual(v.ci![1]);
      expect(v.noiseFloor!.n, k).toBe(v.n);
      expect(v.plugin, k).toBeGreaterThanOrEqual(0);
    }
    expect(m['fidelity.country.js']).toMatchObject({ n: 32, note: '32 of 40 personas state a country' });
  });
});

describe('whereWeLose', () => {
  it('lists every metric a set beats ours on by its direction, with both values; ties, nulls and descriptive metrics are no loss', () => {
    const rows: ComparableRow[] = [
      { metric: 'up', direction: 'higher' as const, ours: 0.5, ci: [0.4, 0.6] as [number, number], baselines: { a: 0.7, b: 0.5, c: null }, baselineCi: { a: [0.55, 0.8] as [number, number] } },
      { metric: 'down', direction: 'lower' as const, ours: 0.2, baselines: { a: 0.3, b: 0.1 }, baselineCi: {} },
      { metric: 'count', direction: 'none' as const, ours: 1, baselines: { a: 9 }, baselineCi: {} },
      { metric: 'missing', direction: 'higher' as const, ours: null, baselines: { a: 9 }, baselineCi: {} },
    ];
    expect(whereWeLose(rows)).toEqual([
      { metric: 'up', direction: 'higher', ours: 0.5, beatenBy: [{ set: 'a', value: 0.7, withinIntervals: true }] },
      { metric: 'down', direction: 'lower', ours: 0.2, beatenBy: [{ set: 'b', value: 0.1 }] },
    ]);
  });
});

describe('metricsMarkdown', () => {
  it('writes where we lose first, then every metric per set, between the README markers', () => {
    const e = {
      seed: 1, personas: { stored: 2, evaluated: 2, note: '' },
      sets: [{ name: 'ours', kind: 'ours' as const, label: '', personas: 2, notes: [] }, { name: 'a|b', kind: 'file' as const, label: '', personas: 3, notes: [] }],
      whereWeLose: [{ metric: 'up', direction: 'higher' as const, ours: 0.5, beatenBy: [{ set: 'a|b', value: 0.75 }] }],
      metrics: [{ metric: 'up', group: 'up', description: '', direction: 'higher' as const, ours: 0.5, ci: [0.25, 0.5] as [number, number], baselines: { 'a|b': 0.75 }, baselineCi: {} }],
    };
    const md = metricsMarkdown(e);
    expect(md.indexOf('Where we lose')).toBeLessThan(md.indexOf('| metric | better | ours | a\\|b |'));
    expect(md).toContain('| `up` | higher | 0.500 | a\\|b 0.750 |');
    expect(md).toContain('| `up` | higher | 0.500 [0.250, 0.500] | 0.750 |');
    const doc = `intro\n${MARKERS.start}\nold\n${MARKERS.end}\nrest`;
    expect(replaceBetweenMarkers(doc, 'new')).toBe(`intro\n${MARKERS.start}\nnew\n${MARKERS.end}\nrest`);
    expect(() => replaceBetweenMarkers('no markers', 'x')).toThrow(/markers/);
  });
});
