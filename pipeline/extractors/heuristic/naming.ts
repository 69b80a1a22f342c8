/**
 * Open-vocabulary attribute names, taken from the statement itself (the full rule, with examples,
 * is in docs/extraction.md):
 * - an activity with an object is named by its verb: "I collect stamps" → collecting = stamps,
 *   "I volunteer at a food bank" → volunteering = food bank;
 * - a liked or disliked thing is named by its class in WordNet: "I love jazz" → popular music
 *   preference = jazz, "I hate sushi" → dish preference = sushi (polarity says which);
 *   a modified noun that is itself a category keeps it: "horror movies" → movie preference;
 * - a liked activity without an object is a hobby: "I like hiking, fishing and camping";
 * - a habit without an object is named by its verb and valued by its circumstance:
 *   "I go swimming twice a week" → swimming = twice a week;
 * - a stated attribute keeps the speaker's words: "my favorite band is queen" → favorite band.
 * The topic prior only picks the root and the word sense; it never supplies a name.
 */
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { gerund } from './gerund.js';
import { isPursuit } from './pursuit.js';
import { GENERAL_HEADS, GENERIC_INTEREST, thingName } from './lexical-classes.js';
import { skipLead, type Span } from './phrase.js';
import type { RootKey } from './roots.js';
import { spanText, spanWords } from './span-text.js';
import type { Tok } from './tokens.js';
import { topicOf } from './topic-prior.js';

export interface Naming {
  attribute: string;
  /** The value's token span (a sub-span of the phrase: the object of an activity). */
  value: Span;
  root: RootKey;
  /** The value's text when it is not the span's own words: a bare "i knit" is the hobby "knitting". */
  text?: string;
}

/** The value text of a naming: its own text, else the words of its span. */
export function namingText(text: string, toks: readonly Tok[], named: Naming): string {
  return named.text ?? spanText(text, toks, named.value);
}


export { gerund } from './gerund.js';

/** Particles that belong to the verb, not the value: "listen to jazz", "volunteer at a food bank". */
const DROP_PARTICLE = new Set(['to', 'at', 'for', 'up', 'out', 'off']);
const OBJECT_START = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'DET', 'PRON']);
/** Verbs whose object carries the whole meaning: "go hiking" is hiking. */
const LIGHT = new Set(['go', 'do']);
/**
 * Verbs too general to name an attribute ("I prefer using Python", "I like to keep things
 * simple"): the object's class names it instead, as for a liked thing.
 */
const VAGUE = new Set([
  'use', 'take', 'keep', 'get', 'have', 'make', 'bring', 'include', 'incorporate', 'find', 'try', 'stay', 'rely', 'focus',
  'work', 'improve', 'choose', 'pick', 'select', 'opt', 'go', 'stick', 'avoid', 'add', 'see', 'give', 'put', 'spend',
  'start', 'support', 'explore', 'learn', 'experiment', 'discover', 'know', 'understand', 'engage', 'consider', 'look',
]);

/**
 * Names a like/dislike/habit value and splits a list into its items ("hiking, fishing and
 * camping" → three values). `span` is the value phrase; when it starts with a verb (the
 * habit's own verb, or a gerund after "love") the activity naming applies; a bare activity is a hobby.
 */
export function nameValues(toks: readonly Tok[], span: Span, suffix = 'preference', verbLead = false, framing: Framing = 'habit'): Naming[] {
  let at = span.start;
  const lightNext = toks[at + 1];
  if (LIGHT.has(toks[at]?.lemma ?? '') && lightNext && /ing$/.test(lightNext.norm) && at + 1 < span.end) at += 1;
  // "going to concerts" is about concerts.
  if (LIGHT.has(toks[at]?.lemma ?? '') && toks[at + 1]?.norm === 'to' && OBJECT_START.has(toks[at + 2]?.pos ?? '') && at + 2 < span.end) {
    const obj = { start: Math.min(skipLead(toks, at + 2), span.end - 1), end: span.end };
    return listItems(toks, obj).map((item) => ({ ...thingName(toks, item, suffix), value: item }));
  }
  // "go for a run", "go for a long walk": the noun is the activity.
  if (toks[at]?.lemma === 'go' && toks[at + 1]?.norm === 'for') {
    const noun = toks.slice(at + 2, span.end).find((t) => t.pos === 'NOUN');
    if (noun && isPursuit(noun.lemma)) return [{ attribute: 'hobby', value: { start: at, end: span.end }, root: topicOf([noun.lemma])?.root ?? 'hobbies', text: gerund(noun.lemma) }];
  }
  const lead = toks[at];
  if (!lead) return [];
  const verbLed = verbLead || lead.pos === 'VERB' || (/ing$/.test(lead.norm) && lead.pos !== 'PROPN' && toks[at + 1]?.pos !== 'NOUN');
  if (!verbLed) return listItems(toks, span).map((item) => ({ ...thingName(toks, item, suffix), value: item }));
  const items = listItems(toks, { start: at, end: span.end });
  // A list of activities ("hiking, fishing and camping") is a list of hobbies.
  if (items.length > 1) return items.map((item) => ({ attribute: 'hobby', value: item, root: topicOf(spanWords(toks, item))?.root ?? 'hobbies' }));
  if (VAGUE.has(lead.lemma)) {
    let obj = at + 1;
    while (obj < span.end && (DROP_PARTICLE.has((toks[obj] as Tok).norm) || ['on', 'with', 'in', 'into', 'about'].includes((toks[obj] as Tok).norm))) obj += 1;
    obj = Math.min(skipLead(toks, obj), span.end);
    if (obj < span.end && OBJECT_START.has((toks[obj] as Tok).pos)) return listItems(toks, { start: obj, end: span.end }).map((item) => ({ ...thingName(toks, item, suffix), value: item }));
  }
  let objStart = at + 1;
  if (DROP_PARTICLE.has(toks[objStart]?.norm ?? '') && OBJECT_START.has(toks[objStart + 1]?.pos ?? '')) objStart += 1;
  objStart = Math.min(skipLead(toks, objStart), span.end);
  const { attribute: name, root } = activityName(toks, lead, { start: objStart, end: span.end });
  if (objStart >= span.end) return [{ attribute: 'hobby', value: { start: at, end: span.end }, root, ...(at + 1 === span.end ? { text: name } : {}) }];
  // A circumstance cut before its relative clause ("dining | in places | that ...") says nothing.
  if ((toks[objStart] as Tok).pos === 'ADP' && span.end - objStart <= 3 && GENERAL_HEADS.has((toks[span.end - 1] as Tok).lemma)) return [];
  const object = withoutCircumstance(toks, { start: objStart, end: span.end });
  const practice = practiceName(toks, lead, object, name, framing);
  if (practice) return [{ ...practice, value: { start: at, end: object.end } }];
  // The object ("stamps", "a food bank") or, for a habit without one, its circumstance ("twice a week").
  return listItems(toks, object).map((item) => ({ attribute: name, value: item, root }));
}

/**
 * Attributes whose values are things done or wanted, said as verb phrases ("squeeze in some
 * exercise", "open a bakery"): the taxonomy neither splits them by their objects' nouns nor reads
 * a topic out of their names' words.
 */
export const STATEMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['habit', 'personal goal', 'life event', 'aspiration', 'plan', 'goal']);

/** How a statement about doing something is framed: trying, done once in the past, or generally. */
export type Framing = 'effort' | 'event' | 'habit';

/**
 * A verb that is no pursuit names no attribute ("striking = balance", "emphasizing = importance of
 * sleep"): the statement is a habit, a personal goal after "try to", or a life event in the past,
 * valued by its verb phrase ("strike a balance", "bought my first house"). Null when the name stands.
 */
export function practiceName(toks: readonly Tok[], verb: Tok, object: Span, name: string, framing: Framing): { attribute: string; root: RootKey } | null {
  if (name !== gerund(verb.lemma) && name !== verb.lemma) return null; // named by the object's class
  if (isPursuit(verb.lemma)) return null;
  // The object's topic picks the root when it has one ("reduce my sugar intake" is health), else the framing does.
  const root = topicOf(spanWords(toks, object))?.root ?? FRAMING_ROOT[framing];
  return { attribute: framing === 'effort' ? 'personal goal' : framing === 'event' ? 'life event' : 'habit', root };
}

const FRAMING_ROOT: Readonly<Record<Framing, RootKey>> = { effort: 'values', event: 'demographic', habit: 'routine' };

/**
 * The name of an activity with an object: the verb's -ing form ("collecting"), or for a verb too
 * general to name anything ("stick with", "use") the object's class, as for a liked thing.
 * `object` is the object's span (for the class and the root).
 */
export function activityName(toks: readonly Tok[], verb: Tok, object: Span): { attribute: string; root: RootKey } {
  if (VAGUE.has(verb.lemma) && object.end > object.start && (toks[object.start] as Tok).pos !== 'ADP') {
    // Only when WordNet does name the object; else the verb is still the better name.
    const thing = thingName(toks, object, 'preference');
    if (thing.attribute !== GENERIC_INTEREST) return thing;
  }
  // wink leaves some gerunds unlemmatised ("hiking"); they already are the name.
  const attribute = /ing$/.test(verb.lemma) && verb.lemma.length > 5 ? verb.lemma : gerund(verb.lemma);
  return { attribute, root: topicOf(spanWords(toks, object).concat(verb.lemma))?.root ?? 'hobbies' };
}

/** Prepositions that carry what the object is about; the others add where, when, with whom. */
const TOPICAL_ADP = new Set(['of', 'about', 'on']);

/**
 * An activity's object without its circumstances: "guitar | in a garage band with some buddies",
 * "weddings | on the side for extra cash", "stamps | from every country". A value that starts with
 * a preposition is itself a circumstance ("in the morning") and stays whole.
 */
export function withoutCircumstance(toks: readonly Tok[], span: Span): Span {
  if ((toks[span.start] as Tok | undefined)?.pos === 'ADP') return span;
  for (let j = span.start + 1; j < span.end; j += 1) {
    const t = toks[j] as Tok;
    if (toks[j - 1]?.norm === '-' || toks[j + 1]?.norm === '-') continue;
    if (t.pos === 'ADP' && !TOPICAL_ADP.has(t.norm)) return { start: span.start, end: j };
  }
  return span;
}

const LIST_SEP = new Set([',', 'and', 'or', '&', '/']);

/**
 * The items of a coordinated list inside a value span, or the span itself. Only short items of
 * one shape are split, and never a pair WordNet knows as one thing ("rock and roll",
 * "fish and chips"), so "black and white photography" stays whole.
 */
export function listItems(toks: readonly Tok[], span: Span): Span[] {
  const items: Span[] = [];
  let from = span.start;
  for (let j = span.start; j <= span.end; j += 1) {
    if (j < span.end && !LIST_SEP.has((toks[j] as Tok).norm)) continue;
    if (j > from) items.push({ start: from, end: j });
    from = j + 1;
  }
  if (items.length < 2 || items.some((it) => it.end - it.start > 4)) return [span];
  const shape = (it: Span) => ((toks[it.start] as Tok).pos === 'VERB' || /ing$/.test((toks[it.start] as Tok).norm) ? 'verb' : 'noun');
  const ends = items.every((it) => ['NOUN', 'PROPN', 'VERB', 'NUM'].includes((toks[it.end - 1] as Tok).pos) || /ing$/.test((toks[it.end - 1] as Tok).norm));
  if (!ends || new Set(items.map(shape)).size > 1) return [span];
  const wn = defaultWordNet();
  if (items.length === 2 && wn) {
    const words: string[] = [];
    for (let j = span.start; j < span.end; j += 1) words.push((toks[j] as Tok).norm);
    if (wn.lemma(words.join(' ').replace(/ & /g, ' and '))) return [span];
  }
  return items.map((it) => ({ start: skipLead(toks, it.start) < it.end ? skipLead(toks, it.start) : it.start, end: it.end }));
}

/**
 * "my favorite band is X" / "X is my favourite band": the statement names its attribute
 * ("favorite band", singular, spelling normalised); the value's class only picks the root.
 */
export function statedName(toks: readonly Tok[], lead: number, what: Span, value: Span, leadWord = (toks[lead] as Tok).norm): { attribute: string; root: RootKey } {
  const words = [leadWord];
  for (let j = what.start; j < what.end; j += 1) {
    const t = toks[j] as Tok;
    if (t.pos === 'PUNCT' && t.norm !== '-') continue;
    words.push(j === what.end - 1 && (t.pos === 'NOUN' || t.pos === 'PROPN') ? t.lemma : t.norm);
  }
  const topic = topicOf(spanWords(toks, what)) ?? topicOf(spanWords(toks, value));
  const root = topic?.root ?? thingName(toks, value, 'preference').root;
  return { attribute: words.join(' ').replace(/ - /g, '-'), root };
}
