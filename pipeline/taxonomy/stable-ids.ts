import { hashJson, stableId } from '../core/hash.js';
import { phrasesOf } from './support.js';
import type { PhraseInput, TaxNode } from './types.js';

/** A node of an earlier version, by its members, for carrying ids across versions. */
export interface PreviousNode {
  id: string;
  root: string;
  depth: number;
  phraseIds: Set<string>;
}

/** The overlap at which a node of the new version is "the same node" as one of the old. */
export const PERSIST_JACCARD = 0.5;

export const rootNodeId = (root: string): string => stableId('node', 'root', root);

/**
 * Ids come from content (root, depth, member phrases), so the same input always gives the same
 * ids; a node that overlaps an earlier version's node by Jaccard ≥ 0.5 (best pairs first) keeps
 * that node's id, so a refresh does not renumber the taxonomy.
 */
export function assignIds(roots: TaxNode[], phrases: readonly PhraseInput[], previous: readonly PreviousNode[] = []): void {
  const all = roots.flatMap(function walk(n: TaxNode): TaxNode[] {
    return [n, ...n.children.flatMap(walk)];
  });
  const members = new Map(all.map((n) => [n, new Set(phrasesOf(n).map((i) => phrases[i]!.id))]));
  for (const node of all) {
    node.id = node.depth === 1 ? rootNodeId(node.root) : stableId('node', node.root, node.depth, hashJson([...members.get(node)!].sort()));
  }
  const pairs: { node: TaxNode; old: PreviousNode; score: number }[] = [];
  for (const old of previous) {
    if (old.depth === 1) continue;
    for (const node of all) {
      if (node.depth !== old.depth || node.root !== old.root) continue;
      const score = jaccard(members.get(node)!, old.phraseIds);
      if (score >= PERSIST_JACCARD) pairs.push({ node, old, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || (a.old.id < b.old.id ? -1 : 1) || (a.node.id < b.node.id ? -1 : 1));
  const taken = new Set<string>();
  const matched = new Set<TaxNode>();
  for (const { node, old } of pairs) {
    if (taken.has(old.id) || matched.has(node)) continue;
    node.id = old.id;
    taken.add(old.id);
    matched.add(node);
  }
  // A fresh content id can only equal a retired one by having its exact members; keep ids unique regardless.
  const seen = new Set<string>();
  for (const node of all) {
    if (seen.has(node.id)) node.id = stableId('node', node.id, node.key);
    seen.add(node.id);
  }
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}
