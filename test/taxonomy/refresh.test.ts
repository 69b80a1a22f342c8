import { describe, expect, it } from 'vitest';
import { assignRoots } from '../../pipeline/taxonomy/assign-roots.js';
import { flatten } from '../../pipeline/taxonomy/build.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import type { PreviousVersion } from '../../pipeline/taxonomy/previous-version.js';
import { refreshTaxonomy } from '../../pipeline/taxonomy/refresh.js';
import { phrasesOf } from '../../pipeline/taxonomy/support.js';
import { axis, build, corpus, makeInput, ROOTS, SETTINGS, type Spec } from './synthetic.js';

function asPrevious(): PreviousVersion {
  const { phrases, built } = build();
  return {
    versionId: 1,
    embedderId: 'test',
    nodes: flatten(built.roots).map((n) => ({
      id: n.id, parentId: n.parent?.id ?? null, root: n.root, depth: n.depth, label: n.label, isLeaf: n.children.length === 0,
      centroid: n.centroid, phraseIds: new Set(phrasesOf(n).map((i) => phrases[i]!.id)),
    })),
  };
}

function refresh(specs: Spec[], previous: PreviousVersion) {
  const { phrases, vectors } = makeInput(specs);
  const rootOf = assignRoots(phrases, vectors, ROOTS, ROOTS.map(() => [axis(11)]));
  return { phrases, built: refreshTaxonomy({ phrases, vectors, roots: ROOTS, rootOf, settings: SETTINGS, seed: 42 }, defaultClusterers(), previous, 0.9) };
}

describe('refreshTaxonomy (incremental)', () => {
  it('with no new data, keeps every id, label and member', () => {
    const previous = asPrevious();
    const { phrases, built } = refresh(corpus(), previous);
    const now = flatten(built.roots).map((n) => [n.id, n.label, phrasesOf(n).map((i) => phrases[i]!.id).sort()]);
    const before = previous.nodes.map((n) => [n.id, n.label, [...n.phraseIds].sort()]);
    expect(now.sort()).toEqual(before.sort());
  });

  it('puts a close new phrase in the existing leaf and clusters only the far ones into new leaves', () => {
    const previous = asPrevious();
    const specs = [
      ...corpus(),
      { text: 'profession', vector: axis(0, 0.05), root: ROOTS[0], conversations: [40, 41] },
      { text: 'salary', vector: axis(2), root: ROOTS[0], conversations: [42, 43] },
      { text: 'pay', vector: axis(2, 0.1), root: ROOTS[0], conversations: [44] },
    ];
    const { phrases, built } = refresh(specs, previous);
    const all = flatten(built.roots);
    const leafWith = (text: string) => all.find((n) => n.children.length === 0 && n.phrases.some((i) => phrases[i]!.text === text))!;
    const occupation = previous.nodes.find((n) => n.isLeaf && n.phraseIds.has('ph_occupation'))!;
    expect(leafWith('profession').id).toBe(occupation.id);
    expect(leafWith('salary')).toBe(leafWith('pay'));
    expect(previous.nodes.some((n) => n.id === leafWith('salary').id)).toBe(false);
    expect(built.log.some((m) => m.reason === 'new phrase assigned to the nearest existing leaf')).toBe(true);
    for (const n of previous.nodes) expect(all.some((x) => x.id === n.id)).toBe(true);
  });
});
