import { describe, expect, it } from 'vitest';
import { assignRoots, nearestRoot } from '../../pipeline/taxonomy/assign-roots.js';
import { flatten, pathOf } from '../../pipeline/taxonomy/build.js';
import { isCleanLabel, titleCase } from '../../pipeline/taxonomy/labels.js';
import { supportOf } from '../../pipeline/taxonomy/support.js';
import type { TaxNode } from '../../pipeline/taxonomy/types.js';
import { axis, build, corpus, makeInput, ROOTS, SETTINGS } from './synthetic.js';

const nodes = (roots: TaxNode[]) => flatten(roots);

describe('buildTaxonomy', () => {
  it('keeps exactly the configured roots, depth 3 under each, every node supported', () => {
    const { phrases, built } = build();
    expect(built.roots.map((r) => r.label)).toEqual(ROOTS);
    for (const node of nodes(built.roots)) {
      expect(supportOf(node, phrases).conversations).toBeGreaterThanOrEqual(SETTINGS.minSupport);
      if (node.children.length === 0) expect(node.depth).toBe(3);
    }
  });

  it('merges a node below min support into its nearest sibling and logs why', () => {
    const { phrases, built } = build();
    const rare = phrases.findIndex((p) => p.text === 'rare hobby');
    const home = nodes(built.roots).find((n) => n.phrases.includes(rare))!;
    expect(home.phrases.map((i) => phrases[i]!.text)).toContain('hiking');
    const entry = built.log.find((m) => m.reason.startsWith('support 1 conversations < minSupport 2'));
    expect(entry).toBeDefined();
    expect(entry!.similarity).toBeGreaterThan(0.5);
  });

  it('gives siblings unique, clean labels and every node a unique path', () => {
    const { built } = build();
    const all = nodes(built.roots);
    for (const node of all) {
      const labels = node.children.map((c) => c.label.toLowerCase());
      expect(new Set(labels).size).toBe(labels.length);
      if (node.depth > 1) expect(isCleanLabel(node.label)).toBe(true);
    }
    const paths = all.map(pathOf);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('Hobbies, Interests, and Lifestyle.Outdoor Activity and Pet Ownership.Pet Ownership');
    expect(paths).toContain('Career and Work Identity.Occupation and Employer.Occupation');
  });

  it('is deterministic: same input, same ids, labels and paths', () => {
    const a = nodes(build().built.roots).map((n) => [n.id, pathOf(n)]);
    const b = nodes(build().built.roots).map((n) => [n.id, pathOf(n)]);
    expect(a).toEqual(b);
  });

  it('carries node ids into a new version by member overlap', () => {
    const first = build().built;
    const previous = nodes(first.roots).map((n) => ({ id: n.id, root: n.root, depth: n.depth, phraseIds: new Set(phraseIdsUnder(n, build().phrases)) }));
    const more = [...corpus(), { text: 'career', vector: axis(0, 0.05), root: ROOTS[0], conversations: [30, 31] }];
    const second = build(more, SETTINGS, previous).built;
    const occupationV1 = nodes(first.roots).find((n) => n.label === 'Occupation')!;
    const occupationV2 = nodes(second.roots).find((n) => n.label === 'Occupation')!;
    expect(occupationV2.id).toBe(occupationV1.id);
    expect(occupationV2.phrases.length).toBe(occupationV1.phrases.length + 1);
  });

  it('merges an internal node with fewer than minChildren children into its nearest sibling', () => {
    const six = ['salary', 'employer', 'commute', 'office', 'career goal', 'industry'].map((text, a) => ({ text, vector: axis(a, 0.2 * (a % 2)), root: ROOTS[0], conversations: [a * 2, a * 2 + 1] }));
    const { built } = build(six, { ...SETTINGS, branching: 2, minChildren: 3 });
    for (const node of nodes(built.roots).filter((n) => n.depth === 2)) {
      const siblings = node.parent!.children.length;
      if (siblings > 1) expect(node.children.length).toBeGreaterThanOrEqual(3);
    }
    expect(built.log.some((m) => /children < minChildren 3/.test(m.reason))).toBe(true);
  });

  it('builds a fourth level when depth is 4', () => {
    const { built } = build(corpus(), { ...SETTINGS, depth: 4, minChildren: 1 });
    for (const leaf of nodes(built.roots).filter((n) => n.children.length === 0)) expect(leaf.depth).toBe(4);
  });
});

describe('root assignment', () => {
  it('uses the extractor hint when it names a configured root, else the nearest exemplar', () => {
    const { phrases, vectors } = makeInput([
      { text: 'a', vector: axis(0), root: ROOTS[2], conversations: [1] },
      { text: 'b', vector: axis(1), root: 'Not A Root', conversations: [1] },
      { text: 'c', vector: axis(2), conversations: [1] },
    ]);
    const exemplars = [[axis(5)], [axis(1), axis(7)], [axis(2, 0.3)]];
    expect(Array.from(assignRoots(phrases, vectors, ROOTS, exemplars))).toEqual([2, 1, 2]);
    expect(nearestRoot(axis(7), exemplars)).toBe(1);
  });
});

describe('labels', () => {
  it('title-cases and refuses numbers, PII and separators', () => {
    expect(titleCase('place of birth')).toBe('Place of Birth');
    expect(isCleanLabel('Pet Ownership')).toBe(true);
    expect(isCleanLabel('Age 34')).toBe(false);
    expect(isCleanLabel('me@example.com')).toBe(false);
    expect(isCleanLabel('A.B')).toBe(false);
  });
});

function phraseIdsUnder(node: TaxNode, phrases: { id: string }[]): string[] {
  return node.children.length === 0 ? node.phrases.map((i) => phrases[i]!.id) : node.children.flatMap((c) => phraseIdsUnder(c, phrases));
}
