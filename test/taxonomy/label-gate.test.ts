import { describe, expect, it } from 'vitest';
import { createNnChainClusterer } from '../../pipeline/cluster/nn-chain.js';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { defaultWordNet } from '../../pipeline/lexicon/wordnet.js';
import { flatten } from '../../pipeline/taxonomy/build.js';
import { judgeAttributeName } from '../../pipeline/taxonomy/label-gate.js';
import { rootDomain } from '../../pipeline/taxonomy/lexical-group.js';
import { placeByLexicon } from '../../pipeline/taxonomy/lexical-root.js';
import { phraseConcept } from '../../pipeline/taxonomy/phrase-concept.js';
import { facetValues } from '../../pipeline/taxonomy/value-facets.js';
import { headNoun, isFragmentValue, labelFits } from '../../pipeline/taxonomy/value-head.js';
import { axis, build, type Spec } from './synthetic.js';

const wn = defaultWordNet()!;
const HOBBIES = 'Hobbies, Interests, and Lifestyle';
const verdict = (text: string) => judgeAttributeName(wn, phraseConcept(wn, text, rootDomain(HOBBIES)));

describe('the attribute-name gate', () => {
  it('passes names of kinds of things, activities and personal attributes', () => {
    for (const name of ['dish preference', 'music preference', 'owned truck', 'hiking', 'swimming', 'age', 'fear', 'health condition', 'zorblax preference']) {
      expect(verdict(name), name).toEqual({ ok: true, reason: '' });
    }
  });

  it('fails preferences among properties, states and upper classes, and verbs made into names', () => {
    expect(verdict('advantage preference').reason).toMatch(/noun\.attribute/);
    expect(verdict('circumstance preference').reason).toMatch(/noun\.state/);
    expect(verdict('happening preference').reason).toMatch(/upper class/);
    expect(verdict('establishing').reason).toMatch(/verb/);
    expect(verdict('working').ok).toBe(false); // only an excavation as a noun
    expect(verdict('bending').ok).toBe(false); // a change done to something
  });

  it('keeps the mentions of a failed name in a generic leaf of its root, and logs why', () => {
    const specs: Spec[] = ['happening preference', 'advantage preference', 'establishing', 'dish preference', 'pizza preference'].map((text, k) => ({
      text, vector: axis(0, 0.01 * k), root: HOBBIES, conversations: [2 * k, 2 * k + 1],
    }));
    const { phrases, built } = build(specs, { depth: 3, branching: 8, minChildren: 2, minSupport: 2, leafSimilarity: 0.99, microClusters: 3000, grouping: 'lexical' });
    const leaves = flatten(built.roots).filter((n) => n.children.length === 0);
    const textsOf = (label: string) => leaves.find((l) => l.label === label)?.phrases.map((i) => phrases[i]!.text).sort();
    expect(textsOf('Other Preferences')).toEqual(['advantage preference', 'happening preference']);
    expect(textsOf('Other Activities')).toEqual(['establishing']);
    expect(leaves.find((l) => l.label === 'Other Preferences')!.generic).toBe(true);
    // Provenance: every phrase is on exactly one leaf.
    expect(leaves.flatMap((l) => l.phrases).sort((a, b) => a - b)).toEqual(phrases.map((_, i) => i));
    expect(built.log.filter((r) => r.reason.startsWith('label gate')).map((r) => r.node).sort()).toEqual(['advantage preference', 'establishing', 'happening preference']);
  });
});

describe('value heads', () => {
  it('finds the head noun of the first noun phrase, across hyphen compounds', () => {
    expect(headNoun('freelance graphic designer')).toBe('designer');
    expect(headNoun('regions with high humidity')).toBe('region');
    expect(headNoun('hands-on activities')).toBe('activity');
    expect(headNoun('better in a coffee shop environment')).toBe('environment');
    expect(headNoun('traditional')).toBeNull();
  });

  it('tells fragments cut out of a sentence from complete values', () => {
    for (const v of ['or biking to get', 'how our choices', 'things at', 'to']) expect(isFragmentValue(v), v).toBe(true);
    for (const v of ['mystery novels', 'parents to read', 'traditional', '34']) expect(isFragmentValue(v), v).toBe(false);
  });

  it('lets a label classify a value only when the head is that noun or a kind of it', () => {
    expect(labelFits(wn, 'Nurse', headNoun('pediatric nurse'))).toBe(true);
    expect(labelFits(wn, 'Dog', headNoun('two poodles'))).toBe(true);
    expect(labelFits(wn, 'Fish', headNoun('snakes'))).toBe(false);
    expect(labelFits(wn, 'Coffee', headNoun('better in a coffee shop environment'))).toBe(false);
  });
});

describe('the facet gate', () => {
  const clusterer = createNnChainClusterer();
  const settings = { minValues: 4, similarity: 0.8, maxClustered: 2000, wordnet: wn };
  const matrix = (dirs: number[][]): Matrix => {
    const data = new Float32Array(dirs.length * 3);
    dirs.forEach((v, i) => v.forEach((x, t) => (data[i * 3 + t] = x / Math.hypot(...v))));
    return { data, n: dirs.length, d: 3 };
  };

  it('sends members a facet label does not classify, and facets below support, to the leaf; fragments nowhere', () => {
    const values = [
      { text: 'golden retriever dogs', mentions: 1 }, // 0: "Dog" cluster
      { text: 'small dogs', mentions: 1 }, //            1: a dog, same cluster
      { text: 'snakes', mentions: 1 }, //                2: in the dog cluster by its vector, not a dog
      { text: 'cats', mentions: 1 }, //                  3: its own cluster, one mention: no facet
      { text: 'or biking to get', mentions: 1 }, //      4: a fragment
    ];
    const vectors = matrix([[1, 0, 0], [1, 0.05, 0], [1, 0, 0.05], [0, 1, 0], [0, 0, 1]]);
    const groups = facetValues(values, vectors, 'Pet Ownership', clusterer, settings);
    expect(groups).toEqual([
      { label: 'Dog', members: [0, 1] },
      { label: 'Pet Ownership', members: [2, 3] },
    ]);
  });

  it('creates no facet whose noun is not the kind of thing the leaf holds', () => {
    const values = [
      { text: 'pediatric nurse', mentions: 2 },
      { text: 'school nurse', mentions: 2 },
      { text: 'accountant', mentions: 2 },
      { text: 'librarian', mentions: 2 },
      { text: 'quiet dinner', mentions: 2 },
    ];
    const vectors = matrix([[1, 0, 0], [1, 0.05, 0], [0, 1, 0], [0, 1, 0.1], [0, 0, 1]]);
    const labels = facetValues(values, vectors, 'Occupation', clusterer, settings).map((g) => g.label);
    expect(labels).toContain('Nurse');
    expect(labels).not.toContain('Dinner');
  });
});

describe('root placement from WordNet', () => {
  const roots = ['Career and Work Identity', HOBBIES, 'Relationships and Social Networks', 'Education and Learning'];
  const domains = roots.map(rootDomain);
  it('moves a phrase whose hinted root its concept does not support, and keeps a supported or unknown one', () => {
    expect(roots[placeByLexicon(wn, 'school preference', 1, domains)]).toBe('Education and Learning');
    expect(roots[placeByLexicon(wn, 'family preference', 1, domains)]).toBe('Relationships and Social Networks');
    expect(roots[placeByLexicon(wn, 'dish preference', 1, domains)]).toBe(HOBBIES);
    expect(roots[placeByLexicon(wn, 'zorblax', 1, domains)]).toBe(HOBBIES);
  });
});
