import type { Store } from '../store/store.js';

/** One node of a version as the diff sees it: identity, place, and the phrases under it. */
export interface DiffNode {
  id: string;
  parentId: string | null;
  label: string;
  path: string;
  depth: number;
  root: string;
  /** Phrase ids of every leaf under the node (a leaf's own members). */
  members: readonly string[];
}

export interface NodeRef {
  id: string;
  path: string;
}

/** A node that kept its id but changed its label (renamed) or, label kept, its parent (moved). */
export interface NodeChange {
  id: string;
  from: { label: string; path: string };
  to: { label: string; path: string };
}

/** `share` = fraction of the v1 node's members that sit in the v2 node. */
export interface MergeEntry {
  into: NodeRef;
  from: (NodeRef & { share: number })[];
}

export interface SplitEntry {
  from: NodeRef;
  into: (NodeRef & { share: number })[];
}

export interface TaxonomyDiff {
  /** New ids that are neither a merge result nor a split part. */
  added: NodeRef[];
  /** Old ids that are gone and were neither merged nor split. */
  retired: NodeRef[];
  renamed: NodeChange[];
  moved: NodeChange[];
  merged: MergeEntry[];
  split: SplitEntry[];
  /**
   * Same id, label and parent. Its path can still differ through a renamed or moved ancestor:
   * each change is reported once, at the node where it happened.
   */
  unchanged: number;
}

/** A v2 node holding at least this share of a v1 node's members absorbed it. */
export const MERGE_SHARE = 0.5;
/** A v1 node is split when at least two v2 nodes each hold this share of its members. */
export const SPLIT_SHARE = 0.25;

const ref = (n: DiffNode): NodeRef => ({ id: n.id, path: n.path });
const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Compares two versions by node id (ids persist across versions by member overlap, see
 * stable-ids.ts) and, for ids that did not persist, by member overlap at the same depth: an
 * ancestor always contains its descendants' members, so comparing across depths would call
 * every leaf "merged into its root". Pure, so it is testable without a store.
 */
export function diffNodes(before: readonly DiffNode[], after: readonly DiffNode[]): TaxonomyDiff {
  const oldById = new Map(before.map((n) => [n.id, n]));
  const newById = new Map(after.map((n) => [n.id, n]));
  const diff: TaxonomyDiff = { added: [], retired: [], renamed: [], moved: [], merged: [], split: [], unchanged: 0 };
  for (const n of [...after].sort(byPath)) {
    const o = oldById.get(n.id);
    if (!o) continue;
    const change = { id: n.id, from: { label: o.label, path: o.path }, to: { label: n.label, path: n.path } };
    if (o.label !== n.label) diff.renamed.push(change);
    else if (o.parentId !== n.parentId) diff.moved.push(change);
    else diff.unchanged++;
  }
  const { shares, sharesOf } = overlaps(before, after);
  const merged = new Set<string>();
  const mergedInto = new Set<string>();
  for (const n of after) {
    // A source is a v1 node that lost its id, or the one whose id this node carries on; a v1
    // node that lives on elsewhere was not absorbed here.
    const from = [...(sharesOf.get(n) ?? [])]
      .filter(([o, share]) => (o.id === n.id || !newById.has(o.id)) && share >= MERGE_SHARE)
      .map(([o, share]) => ({ ...ref(o), share: round(share) }))
      .sort(byPath);
    if (from.length < 2) continue;
    diff.merged.push({ into: ref(n), from });
    mergedInto.add(n.id);
    for (const f of from) merged.add(f.id);
  }
  const split = new Set<string>();
  const splitParts = new Set<string>();
  for (const o of before) {
    // Symmetric: a part is a new id, or the node that kept this one's id.
    const into = [...(shares.get(o) ?? [])]
      .filter(([n, share]) => (n.id === o.id || !oldById.has(n.id)) && share >= SPLIT_SHARE)
      .map(([n, share]) => ({ ...ref(n), share: round(share) }))
      .sort(byPath);
    if (into.length < 2) continue;
    diff.split.push({ from: ref(o), into });
    split.add(o.id);
    for (const p of into) splitParts.add(p.id);
  }
  diff.added = after.filter((n) => !oldById.has(n.id) && !mergedInto.has(n.id) && !splitParts.has(n.id)).map(ref).sort(byPath);
  diff.retired = before.filter((o) => !newById.has(o.id) && !merged.has(o.id) && !split.has(o.id)).map(ref).sort(byPath);
  diff.merged.sort((a, b) => byPath(a.into, b.into));
  diff.split.sort((a, b) => byPath(a.from, b.from));
  return diff;
}

/**
 * For every (v1, v2) pair at the same depth sharing a phrase: the share of the v1 node's members
 * in the v2 node, indexed both ways. A phrase → v2 nodes index keeps this linear in members.
 */
function overlaps(before: readonly DiffNode[], after: readonly DiffNode[]) {
  const index = new Map<string, DiffNode[]>();
  for (const n of after) {
    for (const p of new Set(n.members)) {
      const key = `${n.depth}|${p}`;
      index.set(key, [...(index.get(key) ?? []), n]);
    }
  }
  const shares = new Map<DiffNode, Map<DiffNode, number>>();
  const sharesOf = new Map<DiffNode, Map<DiffNode, number>>();
  for (const o of before) {
    const members = new Set(o.members);
    const counts = new Map<DiffNode, number>();
    for (const p of members) for (const n of index.get(`${o.depth}|${p}`) ?? []) counts.set(n, (counts.get(n) ?? 0) + 1);
    for (const [n, count] of counts) {
      const share = count / members.size;
      shares.set(o, (shares.get(o) ?? new Map()).set(n, share));
      sharesOf.set(n, (sharesOf.get(n) ?? new Map()).set(o, share));
    }
  }
  return { shares, sharesOf };
}

/** Ids of either version that no category of the diff names: both lists are empty for a sound diff. */
export function unaccounted(diff: TaxonomyDiff, before: readonly DiffNode[], after: readonly DiffNode[]): { v1: string[]; v2: string[] } {
  const afterIds = new Set(after.map((n) => n.id));
  const v1 = new Set([
    ...before.filter((o) => afterIds.has(o.id)).map((o) => o.id), // unchanged, renamed or moved
    ...diff.retired.map((r) => r.id),
    ...diff.merged.flatMap((m) => m.from.map((f) => f.id)),
    ...diff.split.map((s) => s.from.id),
  ]);
  const beforeIds = new Set(before.map((n) => n.id));
  const v2 = new Set([
    ...after.filter((n) => beforeIds.has(n.id)).map((n) => n.id),
    ...diff.added.map((a) => a.id),
    ...diff.merged.map((m) => m.into.id),
    ...diff.split.flatMap((s) => s.into.map((p) => p.id)),
  ]);
  return { v1: before.filter((o) => !v1.has(o.id)).map((o) => o.id), v2: after.filter((n) => !v2.has(n.id)).map((n) => n.id) };
}

/** Every node of a version with the phrases of the leaves under it (node_closure + node_members). */
export async function loadDiffNodes(store: Store, versionId: number): Promise<DiffNode[]> {
  const rows = await store.all<{ node_id: string; parent_id: string | null; label: string; path: string; depth: number; root: string; members: string[] }>(
    `SELECT n.node_id, n.parent_id, n.label, n.path, n.depth, n.root,
            coalesce(list(DISTINCT nm.phrase_id ORDER BY nm.phrase_id) FILTER (WHERE nm.phrase_id IS NOT NULL), []) AS members
     FROM taxonomy_nodes n
     LEFT JOIN node_closure c ON c.version_id = n.version_id AND c.ancestor_id = n.node_id
     LEFT JOIN node_members nm ON nm.version_id = n.version_id AND nm.node_id = c.leaf_id
     WHERE n.version_id = $1 GROUP BY ALL ORDER BY n.path, n.node_id`,
    [versionId],
  );
  return rows.map((r) => ({ id: r.node_id, parentId: r.parent_id, label: r.label, path: r.path, depth: Number(r.depth), root: r.root, members: r.members }));
}

export async function diffVersions(store: Store, v1: number, v2: number): Promise<TaxonomyDiff & { v1: number; v2: number }> {
  const [before, after] = [await loadDiffNodes(store, v1), await loadDiffNodes(store, v2)];
  return { v1, v2, ...diffNodes(before, after) };
}
