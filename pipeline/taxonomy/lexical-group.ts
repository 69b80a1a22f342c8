/**
 * The lexical grouper: one root's attribute phrases grouped by what WordNet knows about their
 * topics, behind the same Group interface as the vector grouper (group-phrases.ts). Each
 * attribute (phrases with the same WordNet sense and the same naming affix: "truck preference"
 * and "trucks preference" are one, "owned truck" another) is a leaf; leaves sharing a specific
 * hypernym hang under it ("Motor Vehicle" over Car Preference and Owned Truck), and such
 * categories sharing a hypernym hang under that (depth 4). Inner nodes are named after their
 * synset, never after a member word. A phrase WordNet cannot place joins the lexical category
 * whose centroid is nearest (cosine ≥ leafSimilarity), else hangs directly under the root.
 */
import type { Matrix } from '../cluster/types.js';
import type { Synset, WordNet } from '../lexicon/wordnet.js';
import type { Group } from './group-phrases.js';
import { genericLabel, judgeAttributeName } from './label-gate.js';
import { phraseConcept } from './phrase-concept.js';
import type { PhraseInput, ShapeSettings } from './types.js';
import { dot, meanOf } from './vectors.js';
import { wordTable } from '../core/word-table.js';

/** Words whose presence among a sense's ancestors says it is the root's kind of thing. */
const ROOT_DOMAINS: Readonly<Record<string, string>> = wordTable({
  'Demographic Information': 'geographical area age gender ethnic group nation',
  'Physical and Health Characteristics': 'body health illness disease food organ physical condition symptom',
  'Psychological and Cognitive Aspects': 'feeling emotion trait cognition attitude disposition personality temperament',
  'Cultural and Social Context': 'social group society culture custom religion nation language',
  'Relationships and Social Networks': 'relative person kin friend family spouse',
  'Career and Work Identity': 'occupation work business professional worker employment',
  'Education and Learning': 'education learning knowledge domain discipline skill ability school',
  'Hobbies, Interests, and Lifestyle': 'diversion game sport art food vehicle animal',
  'Lifestyle and Daily Routine': 'food meal beverage habit housing dwelling travel clothing',
  'Core Values, Beliefs, and Philosophy': 'belief doctrine value attitude religion principle',
  'Emotional and Relational Skills': 'feeling skill ability communication social relation',
  'Media Consumption and Engagement': 'communication music writing show broadcast movie publication game',
});

/** Synsets too general to say what a group is about ("act", "artifact", "state"). */
const TOO_GENERAL = new Set([
  'entity', 'physical entity', 'abstraction', 'object', 'whole', 'thing', 'matter', 'substance', 'psychological feature', 'event', 'act',
  'action', 'artifact', 'communication', 'cognition', 'content', 'attribute', 'state', 'condition', 'property', 'quality', 'group',
  'social group', 'process', 'relation', 'part', 'location', 'instrumentality', 'organism', 'living thing', 'happening', 'change',
  'idea', 'concept', 'measure', 'causal agent', 'natural object', 'unit', 'collection', 'message', 'written communication', 'writing',
  'creation', 'product', 'work', 'activity', 'person', 'region', 'structure', 'device', 'covering', 'commodity', 'article', 'area',
  'organization', 'possession', 'transferred property', 'natural process', 'physical process', 'higher cognitive process', 'basic cognitive process',
]);
/**
 * Verb hierarchies are shallow and their upper verbs ("make", "change", "better", "evaluate")
 * gather unrelated gerunds: a verb is never a category, so a gerund WordNet knows only as a verb
 * is a leaf of its own.
 */
export const isGeneralSynset = (s: Synset, depth: number): boolean => s.pos === 'verb' || TOO_GENERAL.has(s.words[0]!) || depth < 2;

export const rootDomain = (root: string): Set<string> =>
  new Set((ROOT_DOMAINS[root] ?? root.toLowerCase().replace(/[^a-z ]/g, ' ')).split(/\s+/).filter((w) => w.length > 2));

interface Unit {
  phrases: number[];
  /** Specific-enough ancestors, nearest first (the sense itself included), as `pos:offset` keys. */
  ancestors: string[];
  strong: boolean;
}

export interface LexicalContext {
  wn: WordNet;
  phrases: readonly PhraseInput[];
  vectors: Matrix;
  root: string;
  /** Receives each phrase whose name failed the label gate (label-gate.ts) and the generic leaf it joined. */
  gated?: (phrase: number, into: string, reason: string) => void;
}

export function groupLexically(ctx: LexicalContext, members: readonly number[], s: ShapeSettings): Group[] {
  const { wn, phrases, vectors } = ctx;
  const weight = (i: number) => phrases[i]!.mentions;
  const domain = rootDomain(ctx.root);
  const synsets = new Map<string, Synset>();
  const byKey = new Map<string, { phrases: number[]; ancestors: string[] }>();
  const unplaced: number[] = [];
  const generic = new Map<string, number[]>();
  for (const i of members) {
    const concept = phraseConcept(wn, phrases[i]!.text, domain);
    const verdict = judgeAttributeName(wn, concept);
    if (!verdict.ok) {
      // A name that names no attribute keeps its mentions in a generic leaf of the root, by kind.
      const label = genericLabel(wn, concept);
      generic.set(label, [...(generic.get(label) ?? []), i]);
      ctx.gated?.(i, label, verdict.reason);
      continue;
    }
    if (concept.chain.length === 0) {
      unplaced.push(i);
      continue;
    }
    const ancestors: string[] = [];
    concept.chain.forEach((syn, k) => {
      const key = `${syn.pos}:${syn.offset}`;
      synsets.set(key, syn);
      // A class no one uses in running text ("Change of State", "Language Unit") groups nothing a reader would recognise.
      if (!isGeneralSynset(syn, concept.chain.length - 1 - k) && wn.inUse(syn)) ancestors.push(key);
    });
    const key = `${concept.chain[0]!.pos}:${concept.chain[0]!.offset}|${concept.kind}`;
    const unit = byKey.get(key) ?? { phrases: [], ancestors };
    unit.phrases.push(i);
    byKey.set(key, unit);
  }
  const units: Unit[] = [...byKey.values()].map((u) => ({ ...u, strong: conversations(phrases, u.phrases) >= s.minSupport }));
  // A unit's category is its nearest specific ancestor that at least two well-supported units share.
  const strongCount = countBy(units.filter((u) => u.strong).map((u) => u.ancestors));
  const categoryOf = units.map((u) => u.ancestors.find((a) => (strongCount.get(a) ?? 0) >= 2));
  const leafGroups = units.map((u) => leafGroup(vectors, u.phrases, weight));
  const categories = new Map<string, Group[]>();
  const loose: Group[] = [];
  const direct: Group[] = [];
  units.forEach((_, k) => {
    const cat = categoryOf[k];
    if (!cat) return void direct.push(leafGroups[k]!);
    const list = categories.get(cat);
    if (list) list.push(leafGroups[k]!);
    else categories.set(cat, [leafGroups[k]!]);
  });
  for (const i of unplaced) loose.push(leafGroup(vectors, [i], weight));
  const catGroups = new Map([...categories].map(([key, children]) => [key, innerGroup(children, synsets.get(key)!, vectors, weight, wn)]));
  // What WordNet cannot place at all joins the nearest lexical category when close enough, else
  // stands under the root. (A placed attribute with no sibling stays under the root: vectors are
  // the tie-breaker, not a second opinion against WordNet.)
  const catList = [...catGroups.values()];
  for (const leaf of loose) {
    const near = nearest(leaf.centroid, catList);
    if (near && near.similarity >= s.leafSimilarity) near.group.children.push(leaf);
    else direct.push(leaf);
  }
  const above = new Map<string, string[]>();
  for (const u of units) u.ancestors.forEach((a, k) => above.has(a) || above.set(a, u.ancestors.slice(k + 1)));
  const genericGroups = [...generic].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, ids]) => ({ ...leafGroup(vectors, ids, weight), label, generic: true }));
  return [...superCategories(catGroups, above, synsets, vectors, weight, wn), ...direct, ...genericGroups];
}

/**
 * Categories sharing a specific ancestor (two or more of them) hang under it: the fourth level.
 * `above` holds each category's specific ancestors strictly above it, nearest first.
 */
function superCategories(cats: Map<string, Group>, above: Map<string, string[]>, synsets: Map<string, Synset>, vectors: Matrix, weight: (i: number) => number, wn: WordNet): Group[] {
  const count = countBy([...cats.keys()].map((k) => above.get(k) ?? []));
  const out: Group[] = [];
  const supers = new Map<string, Group[]>();
  for (const [key, group] of cats) {
    const parent = (above.get(key) ?? []).find((a) => (count.get(a) ?? 0) >= 2 && !cats.has(a));
    if (parent) supers.set(parent, [...(supers.get(parent) ?? []), group]); // few categories per root: copying is cheap
    else out.push(group);
  }
  for (const [key, children] of supers) out.push(innerGroup(children, synsets.get(key)!, vectors, weight, wn));
  return out;
}

function leafGroup(vectors: Matrix, phraseIds: number[], weight: (i: number) => number): Group {
  const sorted = [...phraseIds].sort((a, b) => a - b);
  return { phrases: sorted, children: [], centroid: meanOf(vectors, sorted, weight) };
}

function innerGroup(children: Group[], syn: Synset, vectors: Matrix, weight: (i: number) => number, wn: WordNet): Group {
  const all = children.flatMap(function under(g: Group): number[] {
    return g.children.length ? g.children.flatMap(under) : g.phrases;
  });
  return { phrases: [], children, centroid: meanOf(vectors, all, weight), label: synsetLabel(syn, wn) };
}

/**
 * A synset's name as a label: its first lemma people use in this sense ("nutrition" before
 * "nutriment", "style" before "expressive style"), a verb as its -ing form ("hike" → "hiking").
 */
export function synsetLabel(syn: Synset, wn?: WordNet): string {
  const word = wn?.usedWords(syn)[0] ?? syn.words[0]!;
  if (syn.pos !== 'verb') return word;
  const [head, ...rest] = word.split(' ');
  const ing = head!.endsWith('ie') ? `${head!.slice(0, -2)}ying` : head!.endsWith('e') && !head!.endsWith('ee') ? `${head!.slice(0, -1)}ing` : `${head}ing`;
  return [ing, ...rest].join(' ');
}

function nearest(v: Float32Array, groups: readonly Group[]): { group: Group; similarity: number } | undefined {
  let best: { group: Group; similarity: number } | undefined;
  for (const group of groups) {
    const similarity = dot(v, group.centroid);
    if (!best || similarity > best.similarity) best = { group, similarity };
  }
  return best;
}

function countBy(lists: readonly string[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) for (const key of new Set(list)) out.set(key, (out.get(key) ?? 0) + 1);
  return out;
}

function conversations(phrases: readonly PhraseInput[], ids: readonly number[]): number {
  const seen = new Set<number>();
  for (const i of ids) for (const c of phrases[i]!.conversations) seen.add(c);
  return seen.size;
}

