import { describe, expect, it } from 'vitest';
import {
  attributesPerPersona,
  leafCoverage,
  originMix,
  provenanceCompleteness,
  rootsPerPersona,
  type CoveragePersona,
} from '../../../pipeline/evaluate/metrics/coverage.js';

const personas: CoveragePersona[] = [
  {
    attributes: [
      { nodeId: 'l1', root: 'A', origin: 'corpus' },
      { nodeId: 'l2', root: 'B', origin: 'llm' },
      { nodeId: 'job', root: 'A', origin: 'anchor' },
    ],
  },
  { attributes: [{ nodeId: 'l1', root: 'A', origin: 'corpus' }] },
  { attributes: [] },
];

describe('persona depth and coverage', () => {
  it('attributes and roots per persona', () => {
    // 3, 1, 0 attributes; 2, 1, 0 roots.
    expect(attributesPerPersona(personas)).toEqual({ mean: 4 / 3, min: 0, max: 3 });
    expect(rootsPerPersona(personas)).toEqual({ mean: 1, min: 0, max: 2 });
    expect(() => attributesPerPersona([])).toThrow(RangeError);
    expect(() => rootsPerPersona([])).toThrow(RangeError);
  });

  it('leaf coverage counts only the given leaves', () => {
    // l1 and l2 used; 'job' is not a listed leaf → 2 of 4.
    expect(leafCoverage(personas, ['l1', 'l2', 'l3', 'l4'])).toEqual({ used: 2, leaves: 4, share: 0.5 });
    expect(leafCoverage(personas, new Set(['l3']))).toEqual({ used: 0, leaves: 1, share: 0 });
    expect(() => leafCoverage(personas, [])).toThrow(RangeError);
  });

  it('origin mix shares sum to one and list every origin', () => {
    const mix = originMix(personas);
    expect(mix).toEqual({ anchor: 0.25, corpus: 0.5, llm: 0.25 });
    expect(Object.keys(mix)).toEqual(['anchor', 'corpus', 'llm']);
    expect(originMix([{ attributes: [{ nodeId: 'x', root: 'A', origin: 'llm' }] }])).toEqual({ anchor: 0, corpus: 0, llm: 1 });
    expect(() => originMix([{ attributes: [] }])).toThrow(RangeError);
  });

  it('provenance completeness', () => {
    const rows = [
      { origin: 'corpus' as const, hasNodeId: true, hasEvidence: true }, // complete
      { origin: 'corpus' as const, hasNodeId: true, hasEvidence: false }, // corpus without evidence
      { origin: 'llm' as const, hasNodeId: true, hasEvidence: false }, // complete: evidence not needed
      { origin: 'anchor' as const, hasNodeId: false, hasEvidence: false }, // no node id
    ];
    expect(provenanceCompleteness(rows)).toEqual({ attributes: 4, withNodeId: 0.75, corpusValues: 2, corpusWithEvidence: 0.5, complete: 0.5 });
    expect(provenanceCompleteness(rows.slice(2))).toMatchObject({ corpusValues: 0, corpusWithEvidence: null, complete: 0.5 });
    expect(() => provenanceCompleteness([])).toThrow(RangeError);
  });
});
