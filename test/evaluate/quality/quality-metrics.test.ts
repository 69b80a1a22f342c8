import { describe, expect, it } from 'vitest';
import type { PersonaSet, QualityMetric } from '../../../pipeline/evaluate/quality/persona-set.js';
import { qualityMetrics } from '../../../pipeline/evaluate/quality/quality-metrics.js';
import { FIXTURE_SET } from './fixture-set.js';

const byName = (metrics: QualityMetric[]) => new Map(metrics.map((m) => [m.metric, m]));
const value = (metrics: Map<string, QualityMetric>, name: string) => {
  const m = metrics.get(name);
  if (!m) throw new Error(`no metric ${name}`);
  return m.value;
};

describe('qualityMetrics on the hand-made set', () => {
  const m = byName(qualityMetrics(FIXTURE_SET, { concentrationThreshold: 0.5 }));

  it('counts attributes and roots', () => {
    expect(value(m, 'personas')).toBe(4);
    expect(value(m, 'attributes.perPersona.mean')).toBe(22 / 4);
    expect(value(m, 'attributes.perPersona.min')).toBe(2);
    expect(value(m, 'attributes.perPersona.max')).toBe(8);
    // Demographic Information, Relationships, Hobbies, Physical, Food, Career
    expect(value(m, 'roots.covered')).toBe(6);
    expect(value(m, 'roots.perPersona.mean')).toBe((3 + 5 + 3 + 1) / 4);
  });

  it('finds the three incomplete values', () => {
    expect(value(m, 'values.incompleteShare')).toBeCloseTo(3 / 22, 12);
    expect(value(m, 'values.incomplete.starts-with-conjunction')).toBe(1);
    expect(value(m, 'values.incomplete.dangling-end')).toBe(1);
    expect(value(m, 'values.incomplete.bare-function-word')).toBe(1);
    expect(value(m, 'values.incomplete.unbalanced')).toBe(0);
  });

  it('reports each planted contradiction family once, and "any" over them', () => {
    for (const family of ['single-valued', 'child-age', 'gendered-role', 'diet-clash', 'implausible-count', 'life-stage', 'partner-status']) {
      expect(value(m, `contradictions.${family}.personaShare`), family).toBe(0.25);
      expect(value(m, `contradictions.${family}.personas`), family).toBe(1);
      expect(value(m, `contradictions.${family}.instances`), family).toBe(1);
    }
    expect(value(m, 'contradictions.single-valued.marital-status.personas')).toBe(1);
    expect(value(m, 'contradictions.gendered-role.male-with-female-role.personas')).toBe(1);
    expect(value(m, 'contradictions.implausible-count.business.personas')).toBe(1);
    expect(value(m, 'contradictions.life-stage.retired.personas')).toBe(1);
    expect(value(m, 'contradictions.any.personaShare')).toBe(0.75);
    expect(value(m, 'contradictions.any.personas')).toBe(3);
  });

  it('measures concentration without anchors', () => {
    expect(value(m, 'concentration.maxValueShare')).toBe(1); // "startup" in all four
    expect(value(m, 'concentration.valuesInAtLeast50Percent')).toBe(1);
    // At 20% every one of the 17 distinct non-anchor values counts (each persona is 25%).
    expect(value(byName(qualityMetrics(FIXTURE_SET)), 'concentration.valuesInAtLeast20Percent')).toBe(17);
  });

  it('computes Jaccard distance and distinct items by hand', () => {
    // Only "Hobbies › Interest = startup" is shared; sizes 6, 6, 8, 2.
    const expected = (10 / 11 + 12 / 13 + 6 / 7 + 12 / 13 + 6 / 7 + 8 / 9) / 6;
    expect(value(m, 'diversity.jaccardDistance')).toBeCloseTo(expected, 12);
    expect(value(m, 'diversity.distinctItemRatio')).toBeCloseTo(19 / 22, 12);
  });

  it('splits provenance by source kind', () => {
    expect(value(m, 'provenance.humanShare')).toBeCloseTo(6 / 22, 12);
    expect(value(m, 'provenance.llm-corpusShare')).toBeCloseTo(4 / 22, 12);
    expect(value(m, 'provenance.anchorShare')).toBeCloseTo(2 / 22, 12);
    expect(value(m, 'provenance.llmShare')).toBeCloseTo(7 / 22, 12);
    expect(value(m, 'provenance.unknownShare')).toBeCloseTo(3 / 22, 12);
  });

  it('marks what a set cannot support as not applicable instead of scoring it', () => {
    const bare: PersonaSet = {
      name: 'bare',
      personas: FIXTURE_SET.personas.map((p) => ({ id: p.id, attributes: p.attributes.filter((a) => !/age/i.test(a.path.join(' '))).map(({ path, value }) => ({ path, value })) })),
    };
    const b = byName(qualityMetrics(bare));
    for (const name of ['provenance.humanShare', 'contradictions.child-age.personaShare', 'contradictions.life-stage.personaShare']) {
      expect(b.get(name)?.applicable, name).toBe(false);
      expect(b.get(name)?.value, name).toBeNull();
    }
    // Sex is still stated nowhere, but gender can come from values; here none do.
    expect(b.get('contradictions.gendered-role.personaShare')?.applicable).toBe(false);
    expect(b.get('contradictions.diet-clash.personaShare')?.value).toBe(0.25);
  });
});
