import { containsPii } from '../privacy/pii-scrubber.js';
import type { Matrix } from '../cluster/types.js';
import { byMentions, phrasesOf } from './support.js';
import type { MergeRecord, PhraseInput, TaxNode } from './types.js';
import { dot, row } from './vectors.js';

const SMALL = new Set(['and', 'or', 'of', 'in', 'on', 'to', 'the', 'a', 'an', 'for', 'with', 'at', 'by']);
/** Words too generic to name a group on their own. */
const GENERIC = new Set(['preference', 'general', 'personal', 'favorite', 'favourite', 'type', 'status', 'level', 'other', 'thing', 'kind', 'interest', 'habit', 'detail', 'info', 'information', ...SMALL]);

export const titleCase = (text: string): string =>
  text.split(/\s+/).filter(Boolean).map((w, i) => (i > 0 && SMALL.has(w) ? w : w[0]!.toUpperCase() + w.slice(1))).join(' ');

/** A label may hold no number, no PII and no path separator: labels are shown and exported. */
export const isCleanLabel = (label: string): boolean => label.length > 0 && label.length <= 60 && !/[\d.@/\\]/.test(label) && !containsPii(label);

/** Leaf candidates: member phrases, most frequent and most central first. */
function leafCandidates(node: TaxNode, phrases: readonly PhraseInput[], vectors: Matrix): string[] {
  return node.phrases
    .map((i) => ({ text: phrases[i]!.text, score: phrases[i]!.mentions * (0.5 + 0.5 * dot(row(vectors, i), node.centroid)) }))
    .sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1))
    .map((c) => titleCase(c.text));
}

/**
 * Inner-node candidates: a word most of its children share ("Work" over Work Schedule, Work
 * Habit), else its two best-supported children's names joined ("Pet Ownership and Hiking"),
 * then its most frequent words.
 */
function innerCandidates(node: TaxNode, phrases: readonly PhraseInput[]): string[] {
  const weights = new Map<string, number>();
  const spread = new Map<string, number>();
  // A generic leaf ("Other Attributes") holds what fits nowhere: it never names its parent.
  const named = node.children.filter((c) => !c.generic);
  for (const child of named) {
    const seen = new Set<string>();
    for (const i of phrasesOf(child)) {
      for (const word of phrases[i]!.text.split(/\s+/)) {
        if (GENERIC.has(word) || word.length <= 2) continue;
        weights.set(word, (weights.get(word) ?? 0) + phrases[i]!.mentions);
        seen.add(word);
      }
    }
    for (const word of seen) spread.set(word, (spread.get(word) ?? 0) + 1);
  }
  const byWeight = [...weights.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const shared = byWeight.filter((w) => (spread.get(w) ?? 0) >= Math.max(2, Math.ceil(named.length / 2)));
  const bySupport = byMentions(named, phrases, (a, b) => (a.label < b.label ? -1 : 1));
  const joined = bySupport.length >= 2 ? [`${bySupport[0]!.label} and ${bySupport[1]!.label}`] : [];
  return [...shared.map(titleCase), ...joined, ...byWeight.map(titleCase)];
}

/**
 * Labels every node below the roots, bottom-up: a parent is named after its children are, and
 * never repeats a child's name. Siblings are named in order of support so the best-supported
 * sibling gets the best name; siblings never share a label: a node with no free clean candidate
 * merges into the sibling that holds its best name (logged).
 */
export function labelTree(root: TaxNode, phrases: readonly PhraseInput[], vectors: Matrix, log: MergeRecord[], preferred: ReadonlyMap<string, string> = new Map()): void {
  const visit = (node: TaxNode): void => {
    node.children.forEach(visit);
    const order = byMentions(node.children, phrases, (a, b) => (a.key < b.key ? -1 : 1));
    const used = new Map<string, TaxNode>();
    for (const child of order) {
      const own = child.children.length === 0 ? leafCandidates(child, phrases, vectors) : innerCandidates(child, phrases);
      // A name the grouper knows (a WordNet synset's) comes before any name made from member words.
      const computed = child.given ? [titleCase(child.given), ...own] : own;
      // A refreshed node keeps its old name while that name still describes it (is one of its candidates).
      const old = preferred.get(child.key);
      const named = old && computed.includes(old) ? [old, ...computed] : computed;
      const taken = new Set([node.label, ...child.children.map((c) => c.label)].map((l) => l.toLowerCase()));
      const candidates = [...named.filter(isCleanLabel), 'Other'];
      const free = candidates.find((c) => !used.has(c.toLowerCase()) && !taken.has(c.toLowerCase()));
      if (free) {
        child.label = free;
        used.set(free.toLowerCase(), child);
        continue;
      }
      const owner = used.get(candidates[0]!.toLowerCase()) ?? used.values().next().value;
      if (!owner) {
        child.label = 'Other';
        continue;
      }
      absorb(owner, child);
      node.children = node.children.filter((c) => c !== child);
      log.push({ node: child.key, into: owner.key, level: child.children.length ? 'internal' : 'leaf', reason: 'no unique clean label among siblings', similarity: Number(dot(child.centroid, owner.centroid).toFixed(6)) });
    }
  };
  visit(root);
}

function absorb(owner: TaxNode, child: TaxNode): void {
  if (owner.children.length === 0) owner.phrases = [...owner.phrases, ...phrasesOf(child)].sort((a, b) => a - b);
  else {
    for (const c of child.children) c.parent = owner;
    owner.children = [...owner.children, ...child.children];
  }
}
