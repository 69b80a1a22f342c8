/**
 * The topic concept of an attribute phrase in WordNet: "popular music preference" is about
 * popular music, "owned truck" about trucks, "collecting" about collecting. Naming affixes the
 * extractor adds ("X preference", "owned X", "favorite X") are stripped first and kept as the
 * phrase's `kind`, so "truck preference" and "owned truck" share a topic but stay two attributes.
 */
import { nounEntry } from '../lexicon/noun-class.js';
import type { Synset, WordNet } from '../lexicon/wordnet.js';
import { wordTable } from '../core/word-table.js';

export interface PhraseConcept {
  /** The phrase without its naming affix ("popular music"). */
  topic: string;
  /** The affix that was stripped ("preference", "owned", "favorite"), or "" for a bare name. */
  kind: string;
  /** The chosen sense and its first-hypernym ancestors, nearest first; empty when WordNet has no sense. */
  chain: Synset[];
}

const SUFFIXES = ['preference', 'interest', 'ownership', 'habit', 'goal', 'level', 'status', 'style', 'type'];
const PREFIXES = ['owned', 'favorite', 'favourite', 'preferred', 'former', 'aspired', 'planned'];

/** Splits a phrase into its topic and naming affix ("owned truck" → truck, owned). */
export function stripAffix(text: string): { topic: string; kind: string } {
  const words = text.trim().toLowerCase().split(/\s+/);
  if (words.length > 1) {
    const last = words[words.length - 1]!;
    if (SUFFIXES.includes(last)) return { topic: words.slice(0, -1).join(' '), kind: last };
    if (PREFIXES.includes(words[0]!)) return { topic: words.slice(1).join(' '), kind: words[0] === 'favourite' ? 'favorite' : words[0]! };
  }
  return { topic: words.join(' '), kind: '' };
}

/**
 * The concept of a phrase, choosing the WordNet sense with the root's domain words (see
 * noun-class.ts: "chess" under a hobby root is the game, not the grass). A gerund is the noun
 * when WordNet has it ("swimming"), else the verb ("grabbing" → grab). A multi-word topic
 * WordNet does not know falls back to its last word ("vintage car" → car) only when that is a
 * noun, so the phrase still has a place.
 */
/**
 * The extractor's names for statements (naming.ts) are read whole, each as one WordNet sense: the
 * words of "personal goal" or "life event" say nothing about a topic ("personal" is a newspaper
 * item, a "habit" also a nun's attire).
 */
const STATEMENT_SENSES: Readonly<Record<string, readonly [string, number]>> = wordTable({
  habit: ['habit', 0], 'personal goal': ['goal', 0], 'life event': ['experience', 2], goal: ['goal', 0], plan: ['plan', 0], aspiration: ['aspiration', 1],
});

export function phraseConcept(wn: WordNet, text: string, domain: ReadonlySet<string>): PhraseConcept {
  const fixed = STATEMENT_SENSES[text.trim().toLowerCase()];
  const offset = fixed ? wn.lemma(fixed[0])?.senses[fixed[1]] : undefined;
  if (fixed && offset !== undefined) return { topic: fixed[0], kind: '', chain: wn.hypernymChain(offset) };
  const { topic, kind } = stripAffix(text);
  return { topic, kind, chain: topicChain(wn, topic, domain, kind !== '') };
}

function topicChain(wn: WordNet, topic: string, domain: ReadonlySet<string>, named: boolean): Synset[] {
  for (const form of spellings(topic)) {
    const found = nounEntry(wn, form);
    if (found) return bestSense(wn, found.entry, domain, named, !named && /^[a-z]+ing$/.test(form));
  }
  if (/^[a-z]+ing$/.test(topic)) {
    const verb = verbLemma(wn, topic);
    if (verb) return wn.hypernymChain(verb.senses[0]!, 'verb');
  }
  const words = topic.split(' ');
  if (words.length > 1) return topicChain(wn, words[words.length - 1]!, domain, named);
  return [];
}

// Lexicographer files people rarely mean when they describe themselves ("plant" the factory is
// kept: it is an artifact; "plant" the grass-like organism is what noun.plant means).
const UNLIKELY = new Set(['noun.substance', 'noun.shape', 'noun.quantity', 'noun.relation', 'noun.process', 'noun.phenomenon', 'noun.motive', 'noun.body', 'noun.possession']);

/**
 * The sense a phrase means: WordNet's frequency order, a domain word among the ancestors (the
 * root's words: "dish" under a food-minded root is food, not crockery), and, for a name the
 * extractor composed from a class ("dish preference", "conveyance preference"), the sense that
 * is itself a broad class (many hyponyms), because that is how the extractor chose it. A bare
 * gerund prefers an act sense.
 */
function bestSense(wn: WordNet, entry: { senses: number[]; taggedSenses: number }, domain: ReadonlySet<string>, named: boolean, gerund = false): Synset[] {
  let best: Synset[] = [];
  let bestScore = -Infinity;
  entry.senses.slice(0, 12).forEach((offset, i) => {
    const chain = wn.hypernymChain(offset);
    const self = chain[0]!;
    let score = -0.3 * i + (i === 0 && entry.taggedSenses > 0 ? 1 : 0) + (i < entry.taggedSenses ? 0.5 : 0);
    if (UNLIKELY.has(self.lexname)) score -= 1.5;
    if (named) score += 0.4 * Math.log2(1 + self.hyponymCount);
    // A bare gerund names what someone does: "reading" the activity, not a meter's reading.
    if (gerund && self.lexname === 'noun.act') score += 2;
    if (chain.slice(1).some((s) => s.words.some((w) => domain.has(w)))) score += 2;
    if (score > bestScore) {
      best = chain;
      bestScore = score;
    }
  });
  return best;
}

/** "non-fiction" and "nonfiction", "e-mail" and "email", "time period": the forms WordNet may list. */
function spellings(topic: string): string[] {
  const out = [topic];
  if (topic.includes('-')) out.push(topic.replace(/-/g, ''), topic.replace(/-/g, ' '));
  return out;
}

/** The verb of a gerund: "grabbing" → grab, "hiking" → hike, "studying" → study, "controling" → control. */
function verbLemma(wn: WordNet, gerund: string) {
  const stem = gerund.slice(0, -3);
  const candidates = [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')];
  for (const c of candidates) {
    const entry = c.length > 1 ? wn.lemma(c, 'verb') : null;
    if (entry && entry.senses.length > 0) return entry;
  }
  return null;
}
