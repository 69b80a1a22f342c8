import { groupPhrases, type Clusterers, type Group } from './group-phrases.js';
import { labelTree } from './labels.js';
import type { PreviousVersion } from './previous-version.js';
import { prune } from './prune.js';
import { assignIds } from './stable-ids.js';
import { phrasesOf, supportOf } from './support.js';
import type { BuildInput, MergeRecord, TaxNode } from './types.js';
import type { BuiltTaxonomy } from './build.js';
import { dot, meanOf, row } from './vectors.js';

/**
 * Incremental refresh: the current version's leaves keep their phrases; a new phrase joins the
 * nearest leaf of its root when at least `assign` similar, and only the rest are clustered, each
 * new leaf hung under the nearest existing parent of leaves. Shape rules, labels (old names kept
 * while they still fit) and id carry-over then run as in a full build.
 */
export function refreshTaxonomy(input: BuildInput, clusterers: Clusterers, previous: PreviousVersion, assign: number): BuiltTaxonomy {
  const { phrases, vectors, settings } = input;
  const weight = (i: number) => phrases[i]!.mentions;
  const log: MergeRecord[] = [];
  const byId = new Map(previous.nodes.map((n) => [n.id, { node: n, tax: toNode(n) }]));
  for (const { node, tax } of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId)?.tax : undefined;
    if (parent) {
      tax.parent = parent;
      parent.children.push(tax);
    }
  }
  const leafOfPhrase = new Map<string, TaxNode>();
  for (const { node, tax } of byId.values()) if (node.isLeaf) for (const p of node.phraseIds) leafOfPhrase.set(p, tax);
  const roots = new Map([...byId.values()].filter(({ node }) => node.depth === 1).map(({ tax }) => [tax.root, tax]));
  const fresh = new Map<number, number[]>();
  phrases.forEach((p, i) => {
    const leaf = leafOfPhrase.get(p.id);
    if (leaf) return void leaf.phrases.push(i);
    const root = input.roots[input.rootOf[i]!]!;
    const nearest = nearestLeaf(roots.get(root), row(vectors, i));
    if (nearest && nearest.similarity >= assign) {
      nearest.leaf.phrases.push(i);
      log.push({ node: p.id, into: nearest.leaf.key, level: 'leaf', reason: 'new phrase assigned to the nearest existing leaf', similarity: Number(nearest.similarity.toFixed(6)) });
    } else fresh.set(input.rootOf[i]!, [...(fresh.get(input.rootOf[i]!) ?? []), i]);
  });
  for (const [r, members] of fresh) {
    const rootName = input.roots[r]!;
    const root = roots.get(rootName) ?? newNode(rootName, rootName, 1, undefined);
    roots.set(rootName, root);
    const groups = groupPhrases(vectors, members, weight, settings, clusterers, input.seed + r);
    if (root.children.length === 0) root.children = groups.map((g, i) => fromGroup(g, `new/${rootName}/${i}`, rootName, 2, root));
    else groups.flatMap(leafGroups).forEach((g, i) => attachLeaf(root, fromGroup(g, `new/${rootName}/leaf${i}`, rootName, settings.depth, undefined)));
  }
  const kept: TaxNode[] = [];
  for (const root of [...roots.values()].sort((a, b) => input.roots.indexOf(a.root) - input.roots.indexOf(b.root))) {
    dropEmpty(root);
    if (root.children.length === 0) continue;
    recentre(root, vectors, weight);
    prune(root, phrases, vectors, settings, log);
    if (supportOf(root, phrases).conversations < settings.minSupport) continue;
    labelTree(root, phrases, vectors, log, new Map(previous.nodes.map((n) => [n.id, n.label])));
    kept.push(root);
  }
  assignIds(kept, phrases, previous.nodes);
  return { roots: kept, log };
}

function nearestLeaf(root: TaxNode | undefined, v: Float32Array): { leaf: TaxNode; similarity: number } | undefined {
  let best: { leaf: TaxNode; similarity: number } | undefined;
  const walk = (n: TaxNode) => {
    if (n.children.length === 0 && n.depth > 1) {
      const similarity = dot(v, n.centroid);
      if (!best || similarity > best.similarity || (similarity === best.similarity && n.key < best.leaf.key)) best = { leaf: n, similarity };
    }
    n.children.forEach(walk);
  };
  if (root) walk(root);
  return best;
}

/** Hangs a new leaf under the existing parent-of-leaves whose centroid is nearest. */
function attachLeaf(root: TaxNode, leaf: TaxNode): void {
  const parents: TaxNode[] = [];
  const walk = (n: TaxNode) => (n.children.some((c) => c.children.length === 0) ? parents.push(n) : n.children.forEach(walk));
  walk(root);
  const target = parents.sort((a, b) => dot(leaf.centroid, b.centroid) - dot(leaf.centroid, a.centroid) || (a.key < b.key ? -1 : 1))[0] ?? root;
  leaf.parent = target;
  leaf.depth = target.depth + 1;
  target.children.push(leaf);
}

const leafGroups = (g: Group): Group[] => (g.children.length === 0 ? [g] : g.children.flatMap(leafGroups));

function dropEmpty(node: TaxNode): void {
  node.children.forEach(dropEmpty);
  node.children = node.children.filter((c) => (c.children.length === 0 ? c.phrases.length > 0 : c.children.length > 0) || c.depth === 1);
}

function recentre(node: TaxNode, vectors: BuildInput['vectors'], weight: (i: number) => number): void {
  node.children.forEach((c) => recentre(c, vectors, weight));
  node.phrases.sort((a, b) => a - b);
  node.centroid = meanOf(vectors, phrasesOf(node), weight);
}

function fromGroup(group: Group, key: string, root: string, depth: number, parent: TaxNode | undefined): TaxNode {
  const node = newNode(key, root, depth, parent);
  node.centroid = group.centroid;
  node.phrases = [...group.phrases];
  node.children = group.children.map((g, i) => fromGroup(g, `${key}/${i}`, root, depth + 1, node));
  return node;
}

function toNode(n: PreviousVersion['nodes'][number]): TaxNode {
  const node = newNode(n.id, n.root, n.depth, undefined);
  node.label = n.label;
  node.centroid = n.centroid;
  return node;
}

function newNode(key: string, root: string, depth: number, parent: TaxNode | undefined): TaxNode {
  return { key, id: '', root, depth, label: depth === 1 ? root : '', parent, children: [], phrases: [], centroid: new Float32Array(0) };
}
