import type { Matrix } from '../cluster/types.js';
import { phrasesOf, supportOf } from './support.js';
import type { MergeRecord, PhraseInput, ShapeSettings, TaxNode } from './types.js';
import { dot, meanOf } from './vectors.js';

/**
 * Enforces minimum support and minimum children: a weak node merges into its most similar
 * sibling, smallest first, until nothing changes (a merge can make a sibling weak or strong
 * again, so one pass is not enough). Every decision is logged with its reason and similarity.
 */
export function prune(root: TaxNode, phrases: readonly PhraseInput[], vectors: Matrix, s: ShapeSettings, log: MergeRecord[]): void {
  const weight = (i: number) => phrases[i]!.mentions;
  // A node's support changes only when content merges into it (merges below it move phrases
  // within it), so it is computed once per node and again only for the nodes a merge grew: without
  // this, every merge re-counted all siblings' conversations (quadratic in a node's children).
  const supportCache = new Map<TaxNode, number>();
  const conversations = (node: TaxNode) => supportCache.get(node) ?? supportCache.set(node, supportOf(node, phrases).conversations).get(node)!;
  for (let changed = true; changed; ) {
    changed = false;
    const visit = (node: TaxNode): void => {
      node.children.forEach(visit);
      while (node.children.length > 1) {
        const weak = node.children
          .map((child) => ({ child, support: conversations(child), why: weakness(child, conversations(child), s) }))
          .filter((w) => w.why !== undefined)
          .sort((a, b) => a.support - b.support || (a.child.key < b.child.key ? -1 : 1))[0];
        if (!weak) break;
        const { target, similarity } = mergeTarget(weak.child, weak.support, node, s);
        for (const grown of mergeInto(weak.child, target, vectors, weight)) supportCache.delete(grown);
        node.children = node.children.filter((c) => c !== weak.child);
        log.push({ node: weak.child.key, into: target.key, level: weak.child.children.length === 0 && weak.child.phrases.length ? 'leaf' : 'internal', reason: weak.why!, similarity });
        changed = true;
      }
    };
    visit(root);
  }
}

function weakness(node: TaxNode, support: number, s: ShapeSettings): string | undefined {
  if (support < s.minSupport) return `support ${support} conversations < minSupport ${s.minSupport}`;
  const isLeaf = node.children.length === 0;
  if (!isLeaf && node.children.length < s.minChildren) return `${node.children.length} children < minChildren ${s.minChildren}`;
  return undefined;
}

/**
 * Where a weak node goes: its nearest sibling, except a rare leaf unlike every sibling, which joins
 * (or opens) its parent's generic leaf: "favorite moves" said once is not a "Favorite Place".
 */
function mergeTarget(weak: TaxNode, support: number, parent: TaxNode, s: ShapeSettings): { target: TaxNode; similarity: number } {
  const nearest = nearestSibling(weak, parent.children);
  const rare = support < s.minSupport && weak.children.length === 0 && !weak.generic;
  if (!rare || s.rareSimilarity === undefined || nearest.similarity >= s.rareSimilarity || nearest.target.generic) return nearest;
  let generic = parent.children.find((c) => c.generic && c.children.length === 0);
  if (!generic) {
    generic = { key: `${parent.key}/rare`, id: '', root: parent.root, depth: weak.depth, label: '', parent, children: [], phrases: [], centroid: weak.centroid, given: 'Other Attributes', generic: true };
    parent.children.push(generic);
  }
  return { target: generic, similarity: Number(dot(weak.centroid, generic.centroid).toFixed(6)) };
}

function nearestSibling(node: TaxNode, siblings: TaxNode[]): { target: TaxNode; similarity: number } {
  let best: TaxNode | undefined;
  let bestSim = -Infinity;
  for (const other of siblings) {
    if (other === node) continue;
    const sim = dot(node.centroid, other.centroid);
    if (sim > bestSim || (sim === bestSim && best && other.key < best.key)) {
      best = other;
      bestSim = sim;
    }
  }
  return { target: best!, similarity: Number(bestSim.toFixed(6)) };
}

/** Moves a node's content into a sibling: leaves pool phrases, inner nodes adopt children. Returns the nodes that grew. */
function mergeInto(node: TaxNode, target: TaxNode, vectors: Matrix, weight: (i: number) => number): TaxNode[] {
  const grown = [target];
  if (target.children.length === 0 && node.children.length === 0) {
    target.phrases = [...target.phrases, ...node.phrases].sort((a, b) => a - b);
  } else if (target.children.length > 0 && node.children.length > 0) {
    for (const child of node.children) child.parent = target;
    target.children = [...target.children, ...node.children];
  } else {
    // A leaf meeting an inner node (uneven depths never occur in one build; kept safe): pool into the inner node's nearest leaf.
    const leaf = target.children.length > 0 ? nearestSibling(node, target.children).target : target;
    leaf.phrases = [...leaf.phrases, ...phrasesOf(node)].sort((a, b) => a - b);
    grown.push(leaf);
  }
  const all = phrasesOf(target);
  target.centroid = meanOf(vectors, all, weight);
  return grown;
}
