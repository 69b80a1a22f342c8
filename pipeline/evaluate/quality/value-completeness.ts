import { defaultWordNet } from '../../lexicon/wordnet.js';
import { type PersonaSet, type QualityMetric, notApplicable } from './persona-set.js';
import { STOPWORDS, singular, tokens } from './text.js';
import { tagWords, type TaggedWord } from './value-tags.js';
import { LIGHT_VERBS, isEmptyVerb, isGeneralNoun, nounSenses } from './vague-words.js';

/**
 * Value completeness: is a value a complete phrase that says something, or junk? The rules, in
 * order (the first that fires names the reason):
 *  1. `empty`: no letter or digit at all.
 *  2. `unbalanced`: brackets ( ) [ ] { } that do not pair up, an odd number of straight double
 *     quotes, or unequal counts of “ and ”.
 *  3. `cut-punctuation`: ends in , ; : - – — / & + or an ellipsis ("..." / "…"), or starts with
 *     one of , ; : - – — / & + before a letter ("-wheel drive options"): the marks a cut leaves.
 *  4. `bare-function-word`: every word is a function word or a filler ("the", "seems", "things").
 *  5. `empty-verb`: one verb (or "to" + verb) that is a light verb or a verb with no noun
 *     reading ("get", "set" tagged as a verb, "to make"); gerunds ("fishing") are activities and
 *     participles ("engaged", "retired") are states.
 *  6. `general-noun`: one noun (determiners and possessives aside) too general to say anything
 *     about a person ("space", "areas", "the way"; vague-words.ts: WordNet depth and polysemy,
 *     plus a short list of shell nouns).
 *  7. `echo`: every content word of the value restates a word of the labels above it (the path
 *     without its last key) or a WordNet synonym of one ("Child › Kid = kids"). The last key is
 *     left out because a set may name it after the value itself (our value facets: "Hobby ›
 *     Fishing = fishing" is a fine value). Synonyms are first senses only; a value with a negation
 *     ("No marketing experience") says something and is never an echo.
 *  8. `dangling-end`: the last word needs a following word: a preposition, article, possessive,
 *     conjunction, relative pronoun ("professionals who"), an auxiliary or "to" + light verb
 *     ("hotels that are", "biking to get"), unless the ending is a phrasal verb ("log in").
 *  9. `headless-adjective`: ends in an adjective right after a preposition, article or
 *     possessive, so its noun is missing ("local businesses with fresh"), unless the adjective is
 *     also a noun ("in French", "june to august") or the last two words are a WordNet phrase
 *     ("for free", "in general").
 * 10. `starts-with-conjunction`: begins with a conjunction that joins to something missing
 *     ("and a dog", "because it is cheap").
 * Numbers, names and short real words ("42", "Toronto", "jazz", "nurse", "vegan") pass every
 * rule. Rules 1–3 hold for any script; 4–10 use English word lists, wink-nlp's English tagger and
 * WordNet, and a word WordNet does not know never fires 5, 6 or 9.
 */

export type IncompleteReason =
  | 'empty' | 'unbalanced' | 'cut-punctuation' | 'bare-function-word' | 'empty-verb' | 'general-noun' | 'echo'
  | 'dangling-end' | 'headless-adjective' | 'starts-with-conjunction';
export const INCOMPLETE_REASONS: readonly IncompleteReason[] = [
  'empty', 'unbalanced', 'cut-punctuation', 'bare-function-word', 'empty-verb', 'general-noun', 'echo',
  'dangling-end', 'headless-adjective', 'starts-with-conjunction',
];

/** Words that say nothing on their own; a value made only of these is a filler. */
const FILLERS = new Set(
  ('thing things stuff something anything everything nothing someone somebody etc other others kind sort lot lots way ways ' +
    'seem seems seemed get gets got go goes make makes made take takes put set use used want wants need needs like likes ' +
    'yes yeah ok okay well maybe sure one ones bit part stuff none all both either neither n na nil null').split(' '),
);

/** Words a noun must follow: prepositions, articles, possessives. */
const BEFORE_HEAD = new Set(
  ('of to in at for with from by about into onto toward towards than through upon without within between among across via per ' +
    'a an the my your our their its his her every each such').split(' '),
);
const CONJUNCTIONS = new Set('and or but nor because although whereas if'.split(' '));
const RELATIVES = new Set('who whom whose which'.split(' '));
/** Auxiliaries that need a complement ("hotels that are"); "do"/"have" are left out ("things I have"). */
const OPEN_AUX = new Set('is are was were be been will would can could should shall must'.split(' '));
/** A value that negates its label ("No marketing experience") says something; it is no echo. */
const NEGATIONS = new Set('no not none never without non'.split(' '));

const JOINING_START = new Set(['and', 'or', 'but', 'nor', 'because', 'although', 'whereas', 'though']);

/** English phrasal verbs whose particle ends a complete phrase. */
const PHRASAL_ENDS = new Set(
  ['log in', 'sign in', 'fit in', 'check in', 'plug in', 'built in', 'opt in', 'all in', 'drop in', 'walk in', 'move in', 'stay in', 'tune in', 'fill in', 'sleep in', 'eat in', 'dine in', 'take in', 'work with', 'deal with', 'come with', 'play with', 'live with', 'stick with', 'put up with'],
);

const PAIRS: [string, string][] = [['(', ')'], ['[', ']'], ['{', '}']];
const FUNCTION_POS = new Set(['DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'AUX']);

function unbalanced(value: string): boolean {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of value) {
      if (ch === open) depth++;
      else if (ch === close && --depth < 0) return true;
    }
    if (depth !== 0) return true;
  }
  const count = (c: string) => value.split(c).length - 1;
  return count('"') % 2 === 1 || count('“') !== count('”');
}

/** The one word of a value once determiners and pronouns (and a leading "to") are set aside, if there is exactly one. */
function soleWord(words: readonly TaggedWord[]): TaggedWord | null {
  const rest = words.filter((w, i) => !(w.pos === 'DET' || w.pos === 'PRON' || (i === 0 && w.word === 'to')));
  return rest.length === 1 ? rest[0]! : null;
}

/** Label words and their lemmas/singulars, to tell when a value only restates its labels. */
function labelWords(labels: readonly string[]): { words: Set<string>; senses: Set<number> } {
  const words = new Set<string>();
  const senses = new Set<number>();
  for (const w of tagWords(labels.join(' . ').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))) {
    if (STOPWORDS.has(w.word)) continue;
    for (const form of [w.word, w.lemma, singular(w.word)]) words.add(form);
    for (const s of nounSenses(w.lemma).slice(0, 1)) senses.add(s);
  }
  return { words, senses };
}

function isEcho(words: readonly TaggedWord[], labels: readonly string[]): boolean {
  const content = words.filter((w) => !STOPWORDS.has(w.word) && w.pos !== 'NUM' && !/\d/.test(w.word));
  if (content.length === 0 || labels.length === 0 || words.some((w) => NEGATIONS.has(w.word))) return false;
  const label = labelWords(labels);
  return content.every((w) => label.words.has(w.word) || label.words.has(w.lemma) || label.words.has(singular(w.word)) || nounSenses(w.lemma).slice(0, 1).some((s) => label.senses.has(s)));
}

function danglingEnd(toks: readonly string[], words: readonly TaggedWord[]): boolean {
  const last = toks[toks.length - 1]!;
  const tail = (n: number) => toks.slice(-n).join(' ');
  if (PHRASAL_ENDS.has(tail(2)) || PHRASAL_ENDS.has(tail(3))) return false;
  if (BEFORE_HEAD.has(last) || CONJUNCTIONS.has(last)) return true;
  if (toks.length < 2) return false;
  if (RELATIVES.has(last) || OPEN_AUX.has(last)) return true;
  const end = words[words.length - 1];
  return toks[toks.length - 2] === 'to' && !!end && end.pos === 'VERB' && LIGHT_VERBS.has(end.lemma) && end.lemma !== 'go' && end.lemma !== 'come';
}

function headlessAdjective(toks: readonly string[], words: readonly TaggedWord[]): boolean {
  const end = words[words.length - 1];
  if (toks.length < 2 || !end || end.pos !== 'ADJ' || !BEFORE_HEAD.has(toks[toks.length - 2]!)) return false;
  const wn = defaultWordNet();
  // An adjective that is also a noun may be the head itself ("in French", "for calm", "june to august").
  if (!wn || !wn.lemma(end.word, 'adj') || wn.lemma(end.word, 'noun')) return false;
  const pair = toks.slice(-2).join(' ');
  return !(['noun', 'adj', 'adv'] as const).some((pos) => wn.lemma(pair, pos));
}

/**
 * Why a value is not a complete phrase, or null when it is. `labels` are the path keys above
 * the value (root first, without the last key), for the echo rule; omit them to skip it.
 */
export function incompleteReason(value: string, labels: readonly string[] = []): IncompleteReason | null {
  const text = value.normalize('NFKC').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return 'empty';
  if (unbalanced(text)) return 'unbalanced';
  if (/([,;:\-–—/&+]|\.\.\.|…)$/u.test(text) || /^[,;:\-–—/&+]\s*\p{L}/u.test(text)) return 'cut-punctuation';
  // A hyphenated compound is one word here: "well-being" is not "well" + the auxiliary "being".
  const toks = tokens(text.replace(/(\p{L})-(?=\p{L})/gu, '$1'));
  if (toks.every((t) => STOPWORDS.has(t) || FILLERS.has(t))) return 'bare-function-word';
  const words = tagWords(text);
  if (words.length > 0 && words.every((w) => FUNCTION_POS.has(w.pos) && STOPWORDS.has(w.word))) return 'bare-function-word';
  const sole = soleWord(words);
  if (sole && (sole.pos === 'VERB' || sole.pos === 'AUX') && !/(ing|ed)$/.test(sole.word) && isEmptyVerb(sole.lemma)) return 'empty-verb';
  if (sole && sole.pos === 'NOUN' && isGeneralNoun(sole.lemma)) return 'general-noun';
  if (isEcho(words, labels)) return 'echo';
  if (danglingEnd(toks, words)) return 'dangling-end';
  if (headlessAdjective(toks, words)) return 'headless-adjective';
  if (JOINING_START.has(toks[0]!)) return 'starts-with-conjunction';
  return null;
}

/** Up to `n` items spread evenly over a list, so examples are not all from the first persona. */
const spread = <T>(items: readonly T[], n: number): T[] => (items.length <= n ? [...items] : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!));

/** Share of all values that are incomplete, with the count, share and a few distinct examples per reason. */
export function valueCompleteness(set: PersonaSet): QualityMetric[] {
  const description = 'share of attribute values that are fragments, bare function/filler words, empty verbs, general nouns, echoes of their labels or cut mid-phrase (lower is better)';
  const counts = new Map<IncompleteReason, number>(INCOMPLETE_REASONS.map((r) => [r, 0]));
  const seen = new Map<IncompleteReason, Map<string, string>>(INCOMPLETE_REASONS.map((r) => [r, new Map()]));
  let total = 0;
  for (const p of set.personas) {
    for (const a of p.attributes) {
      total++;
      const reason = incompleteReason(a.value, a.path.slice(0, -1));
      if (!reason) continue;
      counts.set(reason, counts.get(reason)! + 1);
      const distinct = seen.get(reason)!;
      const key = `${a.path.join('\u001f')}\u001f${a.value}`;
      if (!distinct.has(key)) distinct.set(key, `${reason}: ${a.path.join(' › ')} = ${JSON.stringify(a.value)}`);
    }
  }
  if (total === 0) return [notApplicable('values.incompleteShare', description, 'the set has no attribute values')];
  const bad = [...counts.values()].reduce((s, n) => s + n, 0);
  const examplesOf = (r: IncompleteReason, n: number) => spread([...seen.get(r)!.values()], n);
  return [
    { metric: 'values.incompleteShare', description, value: bad / total, applicable: true, note: `${bad} of ${total} values`, examples: INCOMPLETE_REASONS.flatMap((r) => examplesOf(r, 2)) },
    ...INCOMPLETE_REASONS.flatMap((r): QualityMetric[] => [
      { metric: `values.incomplete.${r}`, description: `values judged incomplete by the "${r}" rule`, value: counts.get(r)!, applicable: true, examples: examplesOf(r, 4) },
      { metric: `values.incompleteShare.${r}`, description: `share of all values judged incomplete by the "${r}" rule`, value: counts.get(r)! / total, applicable: true },
    ]),
  ];
}
