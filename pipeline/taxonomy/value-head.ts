/**
 * What a value is, read from its words: its head noun ("freelance graphic designer" → designer,
 * "regions with high humidity" → region), whether a facet label classifies it (the head is the
 * label's noun or a kind of it in WordNet), and whether it is a fragment the extractor cut out of
 * a sentence ("or biking to get", "how our choices") that should not be shown as an example.
 */
import { tokenise, type Tok } from '../extractors/heuristic/tokens.js';
import { singularWord } from '../embed/normalise-phrase.js';
import { nounEntry } from '../lexicon/noun-class.js';
import type { WordNet } from '../lexicon/wordnet.js';

/** Tags that end the first noun phrase: the head is the last noun before them. */
const PHRASE_END = new Set(['ADP', 'PART', 'CCONJ', 'SCONJ', 'AUX', 'PUNCT', 'PRON']);
/** A value starting with one of these continues a sentence it was cut from. */
const CONTINUES = new Set(['CCONJ', 'SCONJ', 'ADP', 'PART', 'AUX']);
/** A value ending with one of these stops before its object. */
const DANGLES = new Set(['ADP', 'PART', 'CCONJ', 'SCONJ', 'DET', 'AUX']);
const WH = new Set(['how', 'what', 'why', 'when', 'where', 'which', 'who', 'whether']);
const CONTENT = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM', 'ADV']);

const words = (text: string): Tok[] => tokenise(text).filter((t) => t.pos !== 'SPACE');

/** The head noun of a value's first noun phrase, singular, lower case; an -ing activity when there is no noun; null for none. */
export function headNoun(text: string): string | null {
  let head: string | null = null;
  let activity: string | null = null;
  let joined = false;
  for (const t of words(text)) {
    // A hyphen joins the next word to the compound ("hands-on activities", "self-published books").
    if (t.norm === '-') {
      joined = true;
      continue;
    }
    if (joined) {
      joined = false;
      if (t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
    }
    if (PHRASE_END.has(t.pos) && (head || activity)) break;
    if (t.pos === 'VERB' && !t.norm.endsWith('ing') && (head || activity)) break;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') head = t.norm;
    else if (t.pos === 'VERB' && t.norm.endsWith('ing')) activity = t.norm;
  }
  const word = head ?? activity;
  return word && /^\p{L}[\p{L}'-]*$/u.test(word) ? singularWord(word) : null;
}

/**
 * A fragment: starts by continuing a sentence ("or biking to get", "to read"), is a bare wh-clause
 * with no verb ("how our choices"), ends before its object ("things at"), or has no content word.
 */
export function isFragmentValue(text: string): boolean {
  const toks = words(text).filter((t) => t.pos !== 'PUNCT');
  if (toks.length === 0) return true;
  if (!toks.some((t) => CONTENT.has(t.pos))) return true;
  if (toks.length > 1 && CONTINUES.has(toks[0]!.pos)) return true;
  if (toks.length > 1 && DANGLES.has(toks[toks.length - 1]!.pos)) return true;
  return WH.has(toks[0]!.norm) && !toks.slice(1).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

/** How many hypernym steps above a value's head a facet's concept may sit ("nurse" → "health professional" → "professional"). */
const MAX_STEPS = 8;

/**
 * Whether a facet label classifies a value: the value's head noun is the label's noun, or one of
 * the head's senses has the label among its hypernyms within MAX_STEPS ("snakes" is not a kind of
 * "fish"; "pediatric nurse" is a "nurse", "labrador" a "dog"). A value without a head fits nothing.
 */
export function labelFits(wn: WordNet, label: string, head: string | null): boolean {
  if (!head) return false;
  const target = label.toLowerCase();
  const targetLemma = nounEntry(wn, target)?.lemma ?? singularWord(target);
  if (head === target || head === targetLemma) return true;
  const entry = nounEntry(wn, head);
  if (!entry) return false;
  if (entry.lemma === targetLemma) return true;
  return entry.entry.senses.some((offset) => wn.hypernymChain(offset).slice(1, MAX_STEPS + 1).some((s) => s.words.includes(targetLemma)));
}

/**
 * Nouns that name no kind of thing on their own: "places", "minor stuff", "ways to help" say
 * nothing about a person whatever attribute holds them. A closed list on purpose: WordNet files
 * these under ordinary classes ("place" is a location, "way" a manner), so no depth rule finds
 * them without also catching "music" or "food".
 */
const GENERAL_NOUNS = new Set(['thing', 'stuff', 'way', 'place', 'kind', 'sort', 'type', 'lot', 'part', 'bit', 'piece', 'one', 'something', 'anything', 'everything', 'matter', 'aspect', 'option', 'item']);

/** First-person words ("us" is left out: it is also the country). */
const FIRST_PERSON = new Set(['i', 'im', 'me', 'my', 'mine', 'myself', 'we', 'our', 'ours', 'ourselves']);

/**
 * A value in the speaker's own first person ("classical music for my patients", "pottery business
 * separate from my teaching career"): on a persona it reads as someone else's words and carries that
 * speaker's job, family or plans along with the preference.
 */
export function isFirstPersonValue(text: string): boolean {
  return words(text).some((t) => FIRST_PERSON.has(t.norm));
}

/** A value whose only noun is a general one ("places", "minor stuff", "everyday stuff"). */
export function isGeneralValue(text: string): boolean {
  const nouns = words(text).filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
  return nouns.length > 0 && nouns.every((t) => GENERAL_NOUNS.has(singularWord(t.norm)));
}
