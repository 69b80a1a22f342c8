import { describe, expect, it } from 'vitest';
import { diffNodes, unaccounted, type DiffNode, type TaxonomyDiff } from '../../pipeline/taxonomy/diff.js';

/**
 * A version from its leaves: `[id, path, members]`. Inner nodes get their members from the
 * leaves under them and the id `n:<path>` unless `ids` names one, so the same inner path keeps
 * its id across versions, as stable ids do.
 */
function version(leaves: [string, string, string[]][], ids: Record<string, string> = {}): DiffNode[] {
  const nodes = new Map<string, DiffNode & { members: string[] }>();
  for (const [id, path, members] of leaves) {
    const parts = path.split('.');
    parts.forEach((_, i) => {
      const at = parts.slice(0, i + 1).join('.');
      const leaf = i === parts.length - 1;
      const parentId = i === 0 ? null : nodes.get(parts.slice(0, i).join('.'))!.id;
      const node = nodes.get(at) ?? { id: leaf ? id : ids[at] ?? `n:${at}`, parentId, label: parts[i]!, path: at, depth: i + 1, root: parts[0]!, members: [] };
      node.members.push(...members);
      nodes.set(at, node);
    });
  }
  return [...nodes.values()];
}

const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

function expectAccounted(diff: TaxonomyDiff, before: DiffNode[], after: DiffNode[]): void {
  expect(unaccounted(diff, before, after)).toEqual({ v1: [], v2: [] });
}

describe('diffNodes', () => {
  const v1 = version([
    ['keep', 'R.Work.Occupation', ['a', 'b']],
    ['ren', 'R.Work.Job Title', ['c']],
    ['mv', 'R.Work.Schedule', ['d']],
    ['dogs', 'R.Pets.Dogs', ['p1', 'p2']],
    ['cats', 'R.Pets.Cats', ['p3', 'p4']],
    ['food', 'R.Home.Food', ['q1', 'q2', 'q3', 'q4']],
    ['gone', 'R.Home.Gone', ['x1']],
    ['music', 'R.Media.Music', ['z1', 'z2']],
    ['songs', 'R.Media.Songs', ['z3']],
    ['house', 'R.Media.House', ['w1', 'w2', 'w3', 'w4']],
  ]);
  const v2 = version([
    ['keep', 'R.Work.Occupation', ['a', 'b']],
    ['ren', 'R.Work.Role', ['c']],
    ['mv', 'R.Home.Schedule', ['d']],
    ['pets', 'R.Pets.Pets', ['p1', 'p2', 'p3', 'p4']],
    ['diet', 'R.Home.Diet', ['q1', 'q2']],
    ['cuisine', 'R.Home.Cuisine', ['q3', 'q4']],
    ['new', 'R.Home.New', ['y1']],
    ['music', 'R.Media.Music', ['z1', 'z2', 'z3']],
    ['house', 'R.Media.House', ['w1', 'w2']],
    ['flat', 'R.Media.Flat', ['w3', 'w4']],
  ]);
  const diff = diffNodes(v1, v2);

  it('finds each kind of change', () => {
    expect(diff.renamed).toEqual([{ id: 'ren', from: { label: 'Job Title', path: 'R.Work.Job Title' }, to: { label: 'Role', path: 'R.Work.Role' } }]);
    expect(diff.moved).toEqual([{ id: 'mv', from: { label: 'Schedule', path: 'R.Work.Schedule' }, to: { label: 'Schedule', path: 'R.Home.Schedule' } }]);
    expect(ids(diff.added)).toEqual(['new']);
    expect(ids(diff.retired)).toEqual(['gone']);
    expect(diff.merged).toEqual([
      { into: { id: 'music', path: 'R.Media.Music' }, from: [{ id: 'music', path: 'R.Media.Music', share: 1 }, { id: 'songs', path: 'R.Media.Songs', share: 1 }] },
      { into: { id: 'pets', path: 'R.Pets.Pets' }, from: [{ id: 'cats', path: 'R.Pets.Cats', share: 1 }, { id: 'dogs', path: 'R.Pets.Dogs', share: 1 }] },
    ]);
    expect(diff.split).toEqual([
      { from: { id: 'food', path: 'R.Home.Food' }, into: [{ id: 'cuisine', path: 'R.Home.Cuisine', share: 0.5 }, { id: 'diet', path: 'R.Home.Diet', share: 0.5 }] },
      // The half that kept the id is one part, the new node the other.
      { from: { id: 'house', path: 'R.Media.House' }, into: [{ id: 'flat', path: 'R.Media.Flat', share: 0.5 }, { id: 'house', path: 'R.Media.House', share: 0.5 }] },
    ]);
    // Root, the four categories, Occupation, Music and House keep id, label and path.
    expect(diff.unchanged).toBe(8);
  });

  it('accounts for every node of both versions', () => {
    expectAccounted(diff, v1, v2);
    // And notices when a category drops one.
    expect(unaccounted({ ...diff, retired: [] }, v1, v2)).toEqual({ v1: ['gone'], v2: [] });
    expect(unaccounted({ ...diff, split: diff.split.slice(1) }, v1, v2)).toEqual({ v1: ['food'], v2: ['diet', 'cuisine'] });
  });

  it('reports a renamed parent once: a child that kept its parent is unchanged though its path changed', () => {
    const before = version([['x', 'R.Old.X', ['1']], ['y', 'R.Old.Y', ['2']]], { 'R.Old': 'cat' });
    const after = version([['x', 'R.New.X', ['1']], ['y', 'R.Other.Y', ['2']]], { 'R.New': 'cat' });
    const d = diffNodes(before, after);
    expect(d.renamed).toEqual([{ id: 'cat', from: { label: 'Old', path: 'R.Old' }, to: { label: 'New', path: 'R.New' } }]);
    expect(d.moved).toEqual([{ id: 'y', from: { label: 'Y', path: 'R.Old.Y' }, to: { label: 'Y', path: 'R.Other.Y' } }]);
    expect(d.unchanged).toBe(2); // R, and X under the renamed category
    // Half the category went to the new R.Other: a split, not an unexplained addition.
    expect(d.split).toEqual([{ from: { id: 'cat', path: 'R.Old' }, into: [{ id: 'cat', path: 'R.New', share: 0.5 }, { id: 'n:R.Other', path: 'R.Other', share: 0.5 }] }]);
    expect(d.added).toEqual([]);
    expectAccounted(d, before, after);
  });

  it('compares only nodes at the same depth: a root holding every phrase merges nothing', () => {
    expect(diff.merged.every((m) => m.into.path.split('.').length === 3)).toBe(true);
    const flat = diffNodes(version([['a', 'R.A.X', ['1']], ['b', 'R.A.Y', ['2']]]), version([['c', 'R.B.Z', ['1', '2']]]));
    // The new category B absorbs nothing at depth 2 (A kept nothing); at depth 3 Z merges X and Y.
    expect(flat.merged).toEqual([{ into: { id: 'c', path: 'R.B.Z' }, from: [{ id: 'a', path: 'R.A.X', share: 1 }, { id: 'b', path: 'R.A.Y', share: 1 }] }]);
    expect(ids(flat.added)).toEqual(['n:R.B']);
    expect(ids(flat.retired)).toEqual(['n:R.A']);
  });

  it('applies the share thresholds: under 50% is no merge, under 25% is no split part', () => {
    const before = version([['a', 'R.C.A', ['1', '2', '3']], ['b', 'R.C.B', ['4', '5']], ['s', 'R.C.S', ['6', '7', '8', '9', '10']]]);
    const after = version([['m', 'R.C.M', ['1', '4', '5']], ['r', 'R.C.Rest', ['2', '3']], ['t', 'R.C.T', ['6', '7', '8', '9']], ['u', 'R.C.U', ['10']]]);
    const d = diffNodes(before, after);
    expect(d.merged).toEqual([]); // A has only a third in M: B alone is no merge
    expect(d.split).toEqual([{ from: { id: 'a', path: 'R.C.A' }, into: [{ id: 'm', path: 'R.C.M', share: 0.3333 }, { id: 'r', path: 'R.C.Rest', share: 0.6667 }] }]);
    expect(ids(d.retired)).toEqual(['b', 's']); // S keeps 80% in T and 20% (< 25%) in U: not a split
    expect(ids(d.added)).toEqual(['t', 'u']);
    expectAccounted(d, before, after);
  });

  it('reports identical versions as unchanged and nothing else', () => {
    const d = diffNodes(v1, v1);
    expect(d).toEqual({ added: [], retired: [], renamed: [], moved: [], merged: [], split: [], unchanged: v1.length });
  });

  it('accounts for every node of randomly reshuffled versions', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const phrases = Array.from({ length: 30 }, (_, i) => `p${i}`);
      const random = (tag: string) => {
        const leaves = new Map<string, string[]>();
        for (const p of phrases) {
          if (rand() < 0.1) continue; // phrases come and go between versions
          const leaf = `L${Math.floor(rand() * 8)}`;
          leaves.set(leaf, [...(leaves.get(leaf) ?? []), p]);
        }
        // Some leaves keep an id seen in the other version, some get fresh ones.
        return version([...leaves].map(([leaf, members]) => [rand() < 0.5 ? `id-${leaf}` : `${tag}-${leaf}`, `R.C${leaf.charCodeAt(1) % 3}.${leaf}${rand() < 0.2 ? '!' : ''}`, members]));
      };
      const [before, after] = [random('v1'), random('v2')];
      expectAccounted(diffNodes(before, after), before, after);
    }
  });
});
