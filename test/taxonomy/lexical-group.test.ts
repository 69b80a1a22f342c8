import { describe, expect, it } from 'vitest';
import { STATEMENT_ATTRIBUTES } from '../../pipeline/extractors/heuristic/naming.js';
import { defaultWordNet } from '../../pipeline/lexicon/wordnet.js';
import { flatten, pathOf } from '../../pipeline/taxonomy/build.js';
import { groupLexically, rootDomain } from '../../pipeline/taxonomy/lexical-group.js';
import { phraseConcept, stripAffix } from '../../pipeline/taxonomy/phrase-concept.js';
import { supportOf } from '../../pipeline/taxonomy/support.js';
import { axis, build, type Spec } from './synthetic.js';

const wn = defaultWordNet()!;
const HOBBIES = 'Hobbies, Interests, and Lifestyle';
const conceptOf = (text: string, root = HOBBIES) => phraseConcept(wn, text, rootDomain(root));
const names = (text: string, root?: string) => conceptOf(text, root).chain.map((s) => s.words[0]);

describe('phraseConcept', () => {
  it('strips the naming affix and keeps it as the kind', () => {
    expect(stripAffix('popular music preference')).toEqual({ topic: 'popular music', kind: 'preference' });
    expect(stripAffix('owned truck')).toEqual({ topic: 'truck', kind: 'owned' });
    expect(stripAffix('favourite band')).toEqual({ topic: 'band', kind: 'favorite' });
    expect(stripAffix('preference')).toEqual({ topic: 'preference', kind: '' });
  });

  it('finds the topic in WordNet, hypernyms nearest first', () => {
    expect(names('owned truck').slice(0, 3)).toEqual(['truck', 'motor vehicle', 'self-propelled vehicle']);
    expect(names('popular music preference').slice(0, 2)).toEqual(['popular music', 'music genre']);
  });

  it('chooses the sense a composed name means: a dish is food, a conveyance a vehicle', () => {
    expect(names('dish preference')).toContain('food');
    expect(names('conveyance preference')).toContain('instrumentality');
  });

  it('reads a gerund as the noun when WordNet has one, else as its verb', () => {
    const swimming = conceptOf('swimming').chain;
    expect(swimming[0]!.pos).toBe('noun');
    expect(swimming.map((s) => s.words[0])).toContain('sport');
    expect(conceptOf('grabbing').chain[0]!.pos).toBe('verb');
  });

  it("reads the extractor's statement names whole: a habit is a custom, a personal goal a goal", () => {
    expect(names('habit')).toContain('custom');
    expect(names('habit')).not.toContain('clothing');
    expect(names('personal goal')[0]).toBe('goal');
    expect(names('life event')).toContain('happening');
    // Every statement name the extractor composes has its sense here, read whole.
    for (const name of STATEMENT_ATTRIBUTES) {
      expect(conceptOf(name).kind).toBe('');
      expect(conceptOf(name).chain.length).toBeGreaterThan(2);
    }
  });

  it('gives no chain for a word WordNet does not know', () => {
    expect(conceptOf('zorblax preference').chain).toEqual([]);
  });
});

/** Phrases with vectors that say nothing (all alike): any grouping below comes from WordNet. */
function specs(texts: string[], root = HOBBIES): Spec[] {
  return texts.map((text, k) => ({ text, vector: axis(0, 0.01 * k), root, conversations: [2 * k, 2 * k + 1] }));
}

describe('groupLexically', () => {
  const lexical = { depth: 3 as const, branching: 8, minChildren: 2, minSupport: 2, leafSimilarity: 0.99, microClusters: 3000, grouping: 'lexical' as const };

  it('makes each attribute a leaf and hangs leaves under the hypernym they share, named after it', () => {
    const { built } = build(specs(['owned truck', 'car preference', 'sushi preference', 'dish preference', 'pizza preference']), lexical);
    const paths = flatten(built.roots).map(pathOf);
    expect(paths).toContain(`${HOBBIES}.Vehicle.Owned Truck`);
    expect(paths).toContain(`${HOBBIES}.Vehicle.Car Preference`);
    const leaves = flatten(built.roots).filter((n) => n.children.length === 0);
    expect(leaves).toHaveLength(5);
    expect(leaves.find((l) => l.label === 'Sushi Preference')!.parent!.label).toBe(leaves.find((l) => l.label === 'Pizza Preference')!.parent!.label);
  });

  it('names and forms categories only from classes people use: "motor vehicle" (untagged in SemCor) gives way to "vehicle"', () => {
    const motor = wn.synset(wn.lemma('motor vehicle')!.senses[0]!);
    expect(wn.inUse(motor)).toBe(false);
    expect(wn.inUse(wn.synset(wn.lemma('vehicle')!.senses[0]!))).toBe(true);
    const labels = flatten(build(specs(['owned truck', 'car preference']), lexical).built.roots).map((n) => n.label);
    expect(labels).toContain('Vehicle');
    expect(labels).not.toContain('Motor Vehicle');
  });

  it('merges spelling variants of one attribute into one leaf', () => {
    const { phrases, built } = build(specs(['nonfiction preference', 'non-fiction preference', 'novel preference']), lexical);
    const leaves = flatten(built.roots).filter((n) => n.children.length === 0);
    const merged = leaves.find((l) => l.phrases.length === 2)!;
    expect(merged.phrases.map((i) => phrases[i]!.text).sort()).toEqual(['non-fiction preference', 'nonfiction preference']);
  });

  it('leaves an attribute with no lexical sibling directly under the root, never under a general class', () => {
    const { built } = build(specs(['fear', 'owned truck', 'car preference']), lexical);
    const fear = flatten(built.roots).find((n) => n.label === 'Fear')!;
    expect(fear.depth).toBe(2);
    for (const n of flatten(built.roots)) expect(['Entity', 'Act', 'Artifact', 'Abstraction', 'Object']).not.toContain(n.label);
  });

  it('keeps min support: a one-conversation attribute merges into a sibling', () => {
    const rare = { text: 'owned car', vector: axis(0), root: HOBBIES, conversations: [99] };
    const { phrases, built } = build([...specs(['owned truck', 'bicycle preference']), rare], lexical);
    for (const node of flatten(built.roots)) expect(supportOf(node, phrases).conversations).toBeGreaterThanOrEqual(2);
    expect(built.log.some((m) => m.reason.startsWith('support 1 conversations'))).toBe(true);
  });

  it('puts a rare attribute unlike every sibling in a generic leaf, never under another name', () => {
    // Two rare attributes, each said once: together their generic leaf has the support a node needs.
    const rare = { text: 'favorite moves', vector: axis(7), root: HOBBIES, conversations: [99] };
    const other = { text: 'zorblax', vector: axis(9), root: HOBBIES, conversations: [98] };
    const { phrases, built } = build([...specs(['owned truck', 'car preference', 'favorite place']), rare, other], { ...lexical, rareSimilarity: 0.9 });
    const holder = flatten(built.roots).find((n) => n.phrases.some((i) => phrases[i]!.text === 'favorite moves'))!;
    expect(holder.generic).toBe(true);
    expect(holder.label).toBe('Other Attributes');
    expect(flatten(built.roots).find((n) => n.label === 'Favorite Place')!.phrases.map((i) => phrases[i]!.text)).toEqual(['favorite place']);
    // Without the setting it merges into its nearest sibling, as it always did.
    const old = build([...specs(['owned truck', 'car preference', 'favorite place']), rare, other], lexical);
    expect(flatten(old.built.roots).find((n) => n.phrases.some((i) => old.phrases[i]!.text === 'favorite moves'))!.generic).toBeFalsy();
  });

  it('is deterministic', () => {
    const texts = ['owned truck', 'car preference', 'sushi preference', 'dish preference', 'hiking', 'swimming', 'sport preference'];
    const a = flatten(build(specs(texts), lexical).built.roots).map((n) => [n.id, pathOf(n)]);
    const b = flatten(build(specs(texts), lexical).built.roots).map((n) => [n.id, pathOf(n)]);
    expect(a).toEqual(b);
  });

  it('places a phrase WordNet cannot read under the nearest lexical category when its vector is close', () => {
    const { phrases, vectors } = { phrases: [], vectors: { data: new Float32Array(0), n: 0, d: 0 } };
    expect(groupLexically({ wn, phrases, vectors, root: HOBBIES }, [], lexical)).toEqual([]);
    const withUnknown = [...specs(['owned truck', 'car preference']), { text: 'zorblax', vector: axis(0, 0.005), root: HOBBIES, conversations: [50, 51] }];
    const { built } = build(withUnknown, { ...lexical, leafSimilarity: 0.9 });
    expect(pathOf(flatten(built.roots).find((n) => n.label === 'Zorblax')!)).toBe(`${HOBBIES}.Vehicle.Zorblax`);
  });
});
