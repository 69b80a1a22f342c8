/**
 * Does a value answer the attribute that holds it? The extractor names many attributes by the
 * WordNet class of what was said ("Motor Vehicle Preference", "Computer Preference"), choosing the
 * class from WordNet's first sense, and WordNet 3.1's sense order is arbitrary for words nobody
 * tagged: "amphibian" is first a vehicle, "jazz" first empty talk. So "endangered amphibians"
 * lands under Motor Vehicle Preference although it is an animal there. A value fits a class name
 * when the sense its own words choose (simplified Lesk with vectors: the sense whose gloss and
 * hypernyms lie nearest the value's vector) is the class or a kind of it. Values that do not fit
 * stay evidence of their leaf but are never drawn (build-facets.ts): a persona should not be
 * told it prefers "endangered amphibians" as a motor vehicle.
 */
import { nounEntry } from '../lexicon/noun-class.js';
import type { Synset, WordNet } from '../lexicon/wordnet.js';
import { stripAffix } from './phrase-concept.js';
import { dot } from './vectors.js';

/** Naming affixes that make the topic a class of the values ("X preference": the values are kinds of X). */
const CLASS_KINDS = new Set(['preference', 'interest', 'favorite', 'preferred']);
/** How far above a value's sense the class may sit ("pediatric nurse" → … → "professional"). */
const MAX_STEPS = 8;
/** Senses read per word: WordNet lists the rare ones last. */
const MAX_SENSES = 8;

export interface ClassTopic {
  /** The class noun's WordNet lemma ("motor vehicle"). */
  lemma: string;
  /** Words of the class's own senses' near hypernyms: a value naming one of them is the class said loosely ("music" under Popular Music Preference). */
  broader: Set<string>;
}

/** The class a leaf label names for its values, or null when the label is no class name ("Occupation", "Owned Car"). */
export function classTopic(wn: WordNet, label: string): ClassTopic | null {
  const { topic, kind } = stripAffix(label.toLowerCase());
  if (!CLASS_KINDS.has(kind)) return null;
  const found = nounEntry(wn, topic);
  if (!found) return null;
  // The class's own head word is the class said loosely too ("music" under Popular Music Preference).
  const broader = new Set<string>([found.lemma.split(' ').pop()!]);
  for (const o of found.entry.senses.slice(0, MAX_SENSES)) for (const s of wn.hypernymChain(o).slice(1, 3)) s.words.forEach((w) => broader.add(w));
  return { lemma: found.lemma, broader };
}

/** Whether a sense is the class or a kind of it. */
const under = (wn: WordNet, offset: number, lemma: string): boolean => wn.hypernymChain(offset).slice(0, MAX_STEPS + 1).some((s) => s.words.includes(lemma));

export type Fit = 'fits' | 'misfit' | 'unknown' | 'ambiguous';

/**
 * The verdict from WordNet alone: fits when the head is the class noun, a near hypernym of it, or
 * shares its stem ("diet" under Dietary Preference), or every read sense is under the class;
 * misfit when none is; ambiguous when some are (the value's words decide, `senseByContext`);
 * unknown when WordNet does not know the head.
 */
export function fitByLexicon(wn: WordNet, topic: ClassTopic, head: string): Fit {
  const entry = nounEntry(wn, head);
  const lemma = entry?.lemma ?? head;
  if (lemma === topic.lemma || topic.broader.has(lemma) || sharesStem(lemma, topic.lemma)) return 'fits';
  if (!entry) return 'unknown';
  const senses = entry.entry.senses.slice(0, MAX_SENSES);
  const fitting = senses.filter((o) => under(wn, o, topic.lemma)).length;
  return fitting === 0 ? 'misfit' : fitting === senses.length ? 'fits' : 'ambiguous';
}

/** "diet" / "dietary", "cook" / "cookery": one word derived from the other (4+ shared letters, whole shorter word). */
function sharesStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && !short.includes(' ') && long.startsWith(short);
}

/** The text that stands for a sense: its gloss's definition and its two nearest hypernyms, without the word itself. */
export function senseSignature(synset: Synset, chain: readonly Synset[], word: string): string {
  const definition = synset.gloss.split(/;|"/)[0] ?? '';
  const text = [definition, ...chain.slice(1, 3).map((s) => s.words[0] ?? '')].join(' ');
  return text.replace(new RegExp(`\\b${word.replace(/[^a-z ]/g, '')}\\w*`, 'gi'), ' ').replace(/\s+/g, ' ').trim();
}

/** The signatures of a head's read senses, in WordNet order (what `signatureVectors` embeds). */
export function signaturesOf(wn: WordNet, head: string): string[] {
  const entry = nounEntry(wn, head);
  if (!entry) return [];
  return entry.entry.senses.slice(0, MAX_SENSES).map((o) => {
    const chain = wn.hypernymChain(o);
    return senseSignature(chain[0]!, chain, entry.lemma);
  });
}

/**
 * Whether the sense a value's own words choose is under the class: the sense whose signature
 * vector is nearest the value's vector (ties go to WordNet's order). `signatures` are the unit
 * vectors of `signaturesOf(head)`, in the same order.
 */
export function fitsInContext(wn: WordNet, topic: ClassTopic, head: string, value: Float32Array, signatures: readonly Float32Array[]): boolean {
  const senses = nounEntry(wn, head)?.entry.senses.slice(0, MAX_SENSES) ?? [];
  let best = -1;
  let bestScore = -Infinity;
  senses.forEach((_, i) => {
    const sig = signatures[i];
    const score = sig ? dot(value, sig) : -Infinity;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best >= 0 && under(wn, senses[best]!, topic.lemma);
}
