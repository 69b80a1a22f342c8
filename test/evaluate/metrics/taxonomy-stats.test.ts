import { describe, expect, it } from 'vitest';
import { duplicateSiblingLabels, labelPiiCheck, taxonomyStats, type TaxonomyNodeRow } from '../../../pipeline/evaluate/metrics/taxonomy-stats.js';
import { containsPii, scrubPii } from '../../../pipeline/privacy/pii-scrubber.js';

const row = (node_id: string, parent_id: string | null, label: string, depth: number, root: string, is_leaf: boolean, support_conversations: number): TaxonomyNodeRow =>
  ({ node_id, parent_id, label, depth, root, is_leaf, support_conversations });

const nodes: TaxonomyNodeRow[] = [
  row('rA', null, 'Lifestyle', 1, 'A', false, 10),
  row('a1', 'rA', 'Pets', 2, 'A', false, 6),
  row('a11', 'a1', 'Dog', 3, 'A', true, 4),
  row('a12', 'a1', 'dogs', 3, 'A', true, 2),
  row('a2', 'rA', 'pet', 2, 'A', true, 1),
  row('rB', null, 'Contact', 1, 'B', false, 9),
  row('b1', 'rB', 'Dog', 2, 'B', true, 3),
  row('b2', 'rB', 'Email me at jane.doe@example.com', 2, 'B', true, 0),
  row('b3', 'rB', 'dog', 2, 'B', true, 1),
  row('b4', 'rB', 'Dogs!', 2, 'B', true, 5),
];

describe('taxonomy stats', () => {
  it('counts, depth and support quantiles', () => {
    // All supports sorted: 0 1 1 2 3 4 5 6 9 10 → median (3+4)/2 = 3.5; p90: h = 8.1 → 9 + .1·1 = 9.1.
    // Leaf supports sorted: 0 1 1 2 3 4 5 → median 2; p90: h = 5.4 → 4 + .4·1 = 4.4.
    // ≥ 3: nodes 10, 6, 4, 9, 3, 5 → 6/10; leaves 4, 3, 5 → 3/7.
    const s = taxonomyStats(nodes, 3);
    expect(s).toEqual({
      nodes: 10,
      leaves: 7,
      maxDepthByRoot: { A: 3, B: 2 },
      support: { min: 0, median: 3.5, p90: expect.closeTo(9.1, 12), max: 10 },
      leafSupport: { min: 0, median: 2, p90: expect.closeTo(4.4, 12), max: 5 },
      minSupport: 3,
      shareAtLeastK: 0.6,
      leafShareAtLeastK: 3 / 7,
    });
    expect(taxonomyStats(nodes, 11).shareAtLeastK).toBe(0);
    expect(taxonomyStats([nodes[0]!], 1)).toMatchObject({ leaves: 0, leafSupport: null, leafShareAtLeastK: null });
    expect(() => taxonomyStats([], 3)).toThrow(RangeError);
  });

  it('duplicate sibling labels, normalised', () => {
    // Under a1: Dog/dogs → 1 pair; under rA: Pets/pet → 1 pair; under rB: Dog/dog/Dogs! → 3 pairs.
    // b1 "Dog" and a11 "Dog" have different parents: not siblings.
    const d = duplicateSiblingLabels(nodes);
    expect(d.pairs).toBe(5);
    expect(d.groups).toEqual([
      { parentId: 'a1', normalised: 'dog', nodeIds: ['a11', 'a12'] },
      { parentId: 'rA', normalised: 'pet', nodeIds: ['a1', 'a2'] },
      { parentId: 'rB', normalised: 'dog', nodeIds: ['b1', 'b3', 'b4'] },
    ]);
    // Case-only folding (the labeller's own rule) sees fewer: Dog/dog under rB only.
    expect(duplicateSiblingLabels(nodes, (l) => l.toLowerCase()).pairs).toBe(1);
    // Roots are siblings of each other.
    expect(duplicateSiblingLabels([row('r1', null, 'Health', 1, 'H', false, 1), row('r2', null, 'health', 1, 'H2', false, 1)]).pairs).toBe(1);
    expect(duplicateSiblingLabels([])).toEqual({ pairs: 0, groups: [] });
  });

  it('label PII check with the real detectors and a custom one', () => {
    expect(labelPiiCheck(nodes, containsPii)).toEqual({ checked: 10, flagged: [{ nodeId: 'b2', label: nodes[7]!.label, kinds: [] }], share: 0.1 });
    expect(labelPiiCheck(nodes, scrubPii).flagged).toEqual([{ nodeId: 'b2', label: nodes[7]!.label, kinds: ['EMAIL'] }]);
    const report = labelPiiCheck(nodes, (l) => /dog/i.test(l));
    expect(report.flagged.map((f) => f.nodeId)).toEqual(['a11', 'a12', 'b1', 'b3', 'b4']);
    expect(report.share).toBe(0.5);
    expect(() => labelPiiCheck([], containsPii)).toThrow(RangeError);
  });
});
