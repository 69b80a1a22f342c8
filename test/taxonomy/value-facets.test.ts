import { describe, expect, it } from 'vitest';
import { createNnChainClusterer } from '../../pipeline/cluster/nn-chain.js';
import { facetValues, type FacetValue } from '../../pipeline/taxonomy/value-facets.js';
import type { Matrix } from '../../pipeline/cluster/types.js';

/** Hand-made unit vectors: values about the same thing share a direction. */
function matrix(dirs: number[][]): Matrix {
  const d = dirs[0]!.length;
  const data = new Float32Array(dirs.length * d);
  dirs.forEach((v, i) => {
    const n = Math.hypot(...v);
    v.forEach((x, t) => (data[i * d + t] = x / n));
  });
  return { data, n: dirs.length, d };
}

const settings = { minValues: 4, similarity: 0.8, maxClustered: 2000 };
const clusterer = createNnChainClusterer();

describe('value facets', () => {
  const values: FacetValue[] = [
    { text: 'mystery novels', mentions: 3 },
    { text: 'crime novels', mentions: 2 },
    { text: 'a good novel', mentions: 1 },
    { text: 'podcasts about history', mentions: 2 },
    { text: 'true crime podcasts', mentions: 1 },
  ];
  const vectors = matrix([[1, 0.1, 0], [1, 0, 0.1], [1, 0.05, 0.05], [0, 1, 0.1], [0.1, 1, 0]]);

  it('splits a leaf by what its values are about and names each facet by the noun they share', () => {
    const groups = facetValues(values, vectors, 'Reading Preference', clusterer, settings);
    expect(groups).toEqual([
      { label: 'Novel', members: [0, 1, 2] },
      { label: 'Podcast', members: [3, 4] },
    ]);
  });

  it("never names a facet after the leaf's own words", () => {
    const groups = facetValues(values.map((v) => ({ ...v, text: `${v.text} reading` })), vectors, 'Reading Preference', clusterer, settings);
    expect(groups.map((g) => g.label)).not.toContain('Reading');
  });

  it('never splits a statement leaf by its objects: the same values under Personal Goal stay whole', () => {
    const goals = values.map((v) => ({ ...v, text: `read ${v.text}` }));
    expect(facetValues(goals, vectors, 'Personal Goal', clusterer, settings)).toEqual([{ label: 'Personal Goal', members: [0, 1, 2, 3, 4] }]);
    expect(facetValues(goals, vectors, 'Reading Goal', clusterer, settings).length).toBeGreaterThan(1); // the control: any other leaf splits
  });

  it('keeps numeric leaves and leaves with few values whole', () => {
    const ages = ['34', '35', 'thirty', '41', '29'].map((text) => ({ text, mentions: 1 }));
    expect(facetValues(ages, vectors, 'Age', clusterer, settings)).toEqual([{ label: 'Age', members: [0, 1, 2, 3, 4] }]);
    expect(facetValues(values.slice(0, 3), matrix([[1, 0], [0, 1], [1, 1]]), 'Reading Preference', clusterer, settings)).toHaveLength(1);
  });

  it('puts values past the linkage cap into their nearest facet', () => {
    const groups = facetValues(values, vectors, 'Reading Preference', clusterer, { ...settings, maxClustered: 3 });
    // The three most mentioned values are clustered; "a good novel" and "true crime podcasts" join by similarity.
    expect(groups.find((g) => g.label === 'Novel')!.members).toContain(2);
    expect(groups.find((g) => g.label === 'Podcast')!.members).toContain(4);
  });

  it('merges clusters that end up with the same name', () => {
    const twins = matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0.1, 0]]);
    const v = ['jazz music', 'rock music', 'classical music', 'folk music'].map((text) => ({ text, mentions: 1 }));
    expect(facetValues(v, twins, 'Taste', clusterer, settings)).toHaveLength(1);
  });
});
