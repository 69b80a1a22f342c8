/**
 * Open-vocabulary attribute names, taken from the statement itself (the naming rule, also in the
 * README):
 * - an activity with an object is named by its verb: "I collect stamps" → collecting = stamps,
 *   "I volunteer at a food bank" → volunteering = food bank;
 * - a liked or disliked thing is named by its class in WordNet: "I love jazz" → popular music
 *   preference = jazz, "I hate sushi" → dish preference = sushi (polarity says which);
 *   a modified noun that is itself a category keeps it: "horror movies" → movie preference;
 * - a liked activity without an object is a hobby: "I love hiking in the mountains";
 * - a habit without an object is named by its verb and valued by its circumstance:
 *   "I go swimming twice a week" → swimming = twice a week.
 * The topic prior only picks the root and the word sense; it never supplies a name.
 */
import { nounClass, nounEntry, type NounClass } from '../../lexicon/noun-class.js';
import { defaultWordNet } from '../../lexicon/wordnet.js';
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

/** What a name falls back to when neither the verb nor WordNet says anything. Counted as generic. */
export const GENERIC_INTEREST = 'interest';

/** English -ing form of a verb lemma: bake → baking, run → running, lie → lying, see → seeing. */
export function gerund(lemma: string): string {
  const v = lemma.toLowerCase();
  if (v === 'be') return 'being';
  if (/ing$/.test(v) && v.length > 5) return v; // already a gerund ("hiking" left unlemmatised)
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`;
  if (/(?:ee|ye|oe)$/.test(v)) return `${v}ing`;
  if (/[^aeiou]e$/.test(v) || /[aiou]e$/.test(v)) return `${v.slice(0, -1)}ing`;
  // One vowel group ending consonant-vowel-consonant doubles: run, swim, shop (not visit, fix, row).
  if (/^[^aeiou]*[aeiou][bdfgklmnprstvz]$/.test(v)) return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}

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

// Where WordNet's lexicographer class suggests a root when the topic prior has none.
const LEXNAME_ROOT: Readonly<Record<string, RootKey>> = {
  'noun.food': 'hobbies', 'noun.animal': 'hobbies', 'noun.artifact': 'hobbies', 'noun.act': 'hobbies',
  'noun.communication': 'media', 'noun.cognition': 'education', 'noun.person': 'relationships',
  'noun.location': 'demographic', 'noun.group': 'culture', 'noun.body': 'health', 'noun.state': 'health',
  'noun.feeling': 'psychology', 'noun.attribute': 'psychology', 'noun.time': 'routine', 'noun.possession': 'career',
};

/** Verb → domain words that disambiguate its object ("listen to rock" is music, not a stone). */
const VERB_DOMAIN: Readonly<Record<string, readonly string[]>> = {
  eat: ['food', 'dish'], cook: ['food', 'dish'], bake: ['food', 'baked goods'], drink: ['beverage', 'drink'],
  listen: ['music', 'broadcast'], watch: ['show', 'movie', 'broadcast', 'sport'], read: ['writing', 'publication', 'literature'],
  play: ['game', 'sport', 'musical instrument'], wear: ['clothing', 'garment'], drive: ['vehicle'], ride: ['vehicle'],
};

/** Index of the head noun of a noun-phrase span: the last noun before any prepositional tail. */
function headIndex(toks: readonly Tok[], span: Span): number {
  let end = span.end;
  for (let j = span.start + 1; j < span.end; j += 1) {
    const t = toks[j] as Tok;
    // "hands-on activities": a word inside a hyphen compound is not a prepositional tail.
    if (toks[j - 1]?.norm === '-' || toks[j + 1]?.norm === '-') continue;
    if (t.pos === 'ADP' || t.norm === 'that' || t.norm === 'which' || t.norm === 'who' || t.norm === ',') {
      end = j;
      break;
    }
  }
  for (let j = end - 1; j >= span.start; j -= 1) {
    const pos = (toks[j] as Tok).pos;
    if (pos === 'NOUN' || pos === 'PROPN') return j;
  }
  return end - 1;
}

/**
 * Heads that say how, not what ("eco-friendly options", "hands-on approaches"): WordNet's
 * class of them ("legal document" for option) would mislead, so the head itself names it.
 */
const GENERAL_HEADS = new Set([
  'option', 'choice', 'alternative', 'thing', 'stuff', 'type', 'kind', 'sort', 'way', 'approach', 'method', 'style', 'item',
  'product', 'experience', 'activity', 'place', 'area', 'spot', 'setting', 'environment', 'material', 'feature', 'design',
  'element', 'tone', 'version', 'solution', 'service', 'brand', 'selection', 'variety', 'idea', 'one', 'something',
]);

function classOf(toks: readonly Tok[], span: Span, domain: readonly string[]): NounClass | null {
  const wn = defaultWordNet();
  if (!wn) return null;
  const h = headIndex(toks, span);
  const head = toks[h];
  // A capitalised name ("Python", "Queen") is rarely the common noun WordNet lists first.
  if (!head || GENERAL_HEADS.has(head.lemma) || (head.cap && h > 0 && toks[h - 1]?.sent === head.sent)) return null;
  // "sci-fi", "k-pop": a hyphen compound is looked up whole, never by its last piece ("fi").
  if (toks[h - 1]?.norm === '-' && toks[h - 2]) return nounClass(wn, `${(toks[h - 2] as Tok).norm}-${head.norm}`, { domain });
  const multi = h > span.start;
  // A short phrase WordNet knows whole ("rock and roll", "ice cream") is named as one thing.
  if (multi && span.end - span.start <= 4) {
    const whole: string[] = [];
    for (let j = span.start; j < span.end; j += 1) whole.push(j === span.end - 1 ? (toks[j] as Tok).lemma : (toks[j] as Tok).norm);
    const cls = nounClass(wn, whole.join(' '), { domain });
    if (cls) return cls;
  }
  // A two-word compound WordNet knows ("ice cream", "video games") beats its last word.
  const prev = toks[h - 1];
  if (multi && prev && (prev.pos === 'NOUN' || prev.pos === 'ADJ')) {
    const compound = nounClass(wn, `${prev.norm} ${head.lemma}`, { domain, allowSelf: false }) ?? nounClass(wn, `${prev.norm} ${head.norm}`, { domain });
    if (compound) return compound;
  }
  return nounClass(wn, head.lemma, { domain, allowSelf: multi }) ?? (head.norm !== head.lemma ? nounClass(wn, head.norm, { domain, allowSelf: multi }) : null);
}

/** "<class> <suffix>" for a noun-phrase value, or the generic name when nothing names it. */
export function thingName(toks: readonly Tok[], span: Span, suffix: string, verb?: string): { attribute: string; root: RootKey } {
  const words = spanWords(toks, span);
  const topic = topicOf(words);
  const domain = [...(topic?.words ?? []), ...(verb ? VERB_DOMAIN[verb] ?? [] : [])];
  const cls = classOf(toks, span, domain);
  const root = topic?.root ?? (cls ? LEXNAME_ROOT[cls.lexname] : undefined) ?? 'hobbies';
  if (cls) return { attribute: `${cls.name} ${suffix}`, root };
  // A modified common noun names itself ("eco-friendly options" → option preference); only a
  // bare unknown word ("Netflix") is left with the generic name.
  const h = headIndex(toks, span);
  const head = toks[h];
  const piece = toks[h - 1]?.norm === '-'; // "fi" of "sci-fi" names nothing
  if (head && !piece && span.end - span.start > 1 && head.pos === 'NOUN' && /^[a-z][a-z-]+$/.test(head.lemma)) return { attribute: `${head.lemma} ${suffix}`, root };
  return { attribute: suffix === 'preference' ? GENERIC_INTEREST : suffix, root };
}

/**
 * Names a like/dislike/habit value and splits a list into its items ("hiking, fishing and
 * camping" → three values). `span` is the value phrase; when it starts with a verb (the
 * habit's own verb, or a gerund after "love") the activity naming applies; a bare activity is a hobby.
 */
export function nameValues(toks: readonly Tok[], span: Span, suffix = 'preference', verbLead = false): Naming[] {
  let at = span.start;
  const lightNext = toks[at + 1];
  if (LIGHT.has(toks[at]?.lemma ?? '') && lightNext && /ing$/.test(lightNext.norm) && at + 1 < span.end) at += 1;
  // "going to concerts" is about concerts.
  if (LIGHT.has(toks[at]?.lemma ?? '') && toks[at + 1]?.norm === 'to' && OBJECT_START.has(toks[at + 2]?.pos ?? '') && at + 2 < span.end) {
    const obj = { start: Math.min(skipLead(toks, at + 2), span.end - 1), end: span.end };
    return listItems(toks, obj).map((item) => ({ ...thingName(toks, item, suffix), value: item }));
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
  // wink leaves some gerunds unlemmatised ("hiking"); they already are the name.
  const name = /ing$/.test(lead.lemma) && lead.lemma.length > 5 ? lead.lemma : gerund(lead.lemma);
  const root = topicOf(spanWords(toks, span).concat(lead.lemma))?.root ?? 'hobbies';
  let objStart = at + 1;
  if (DROP_PARTICLE.has(toks[objStart]?.norm ?? '') && OBJECT_START.has(toks[objStart + 1]?.pos ?? '')) objStart += 1;
  objStart = Math.min(skipLead(toks, objStart), span.end);
  if (objStart >= span.end) return [{ attribute: 'hobby', value: { start: at, end: span.end }, root, ...(at + 1 === span.end ? { text: name } : {}) }];
  // The object ("stamps", "a food bank") or, for a habit without one, its circumstance ("twice a week").
  return listItems(toks, withoutCircumstance(toks, { start: objStart, end: span.end })).map((item) => ({ attribute: name, value: item, root }));
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
export function statedName(toks: readonly Tok[], lead: number, what: Span, value: Span): { attribute: string; root: RootKey } {
  const words = [(toks[lead] as Tok).norm];
  for (let j = what.start; j < what.end; j += 1) {
    const t = toks[j] as Tok;
    if (t.pos === 'PUNCT' && t.norm !== '-') continue;
    words.push(j === what.end - 1 && (t.pos === 'NOUN' || t.pos === 'PROPN') ? t.lemma : t.norm);
  }
  const topic = topicOf(spanWords(toks, what)) ?? topicOf(spanWords(toks, value));
  const root = topic?.root ?? thingName(toks, value, 'preference').root;
  return { attribute: words.join(' ').replace(/ - /g, '-'), root };
}

/** What WordNet says a possessed noun is: a body feature, a condition, an animal, an object, or nothing known. */
export type PossessionKind = 'body' | 'condition' | 'animal' | 'object' | 'person' | null;

const POSSESSION_KIND: Readonly<Record<string, PossessionKind>> = {
  'noun.body': 'body', 'noun.state': 'condition', 'noun.animal': 'animal', 'noun.artifact': 'object', 'noun.person': 'person',
};

/**
 * Names what "I have / own / I've got X" discloses, from the lexicographer class of X's head:
 * "red hair" → hair, "type 1 diabetes" → health condition, "two huskies" → pet ownership, "a 3d
 * printer" → owned machine. Null when WordNet does not know the head or it is none of these.
 */
export function possessionName(toks: readonly Tok[], span: Span): { attribute: string; root: RootKey; kind: PossessionKind } | null {
  const wn = defaultWordNet();
  const h = headIndex(toks, span);
  const head = toks[h];
  if (!wn || !head || head.pos === 'PROPN' || GENERAL_HEADS.has(head.lemma)) return null;
  const opts = { allowSelf: false, preferLexnames: Object.keys(POSSESSION_KIND).filter((l) => l !== 'noun.person') };
  const cls = nounClass(wn, head.lemma, opts) ?? nounClass(wn, head.norm, opts);
  const kind = cls ? POSSESSION_KIND[cls.lexname] ?? null : null;
  if (!cls || !kind) return null;
  if (kind === 'body') return { attribute: head.lemma, root: 'health', kind };
  if (kind === 'condition') return { attribute: 'health condition', root: 'health', kind };
  if (kind === 'animal') return { attribute: 'pet ownership', root: 'hobbies', kind };
  if (kind === 'person') return null;
  return { attribute: `owned ${cls.name}`, root: 'hobbies', kind };
}

/** WordNet concepts under which a person noun is a line of work ("barista" → worker). */
const WORK_ANCESTORS = new Set([
  'worker', 'professional', 'skilled worker', 'employee', 'expert', 'practitioner', 'specialist', 'creator', 'artist',
  'performer', 'serviceman', 'official', 'scientist', 'technician', 'athlete', 'entertainer', 'musician', 'writer',
  'educator', 'health professional', 'laborer', 'craftsman', 'engineer', 'businessman', 'businessperson', 'merchant',
  'agent', 'servant', 'attendant', 'instructor', 'trainer', 'investigator', 'consultant', 'administrator', 'manager',
]);

/**
 * Whether a noun names a line of work according to WordNet (a person noun under "worker",
 * "professional", "artist" ...): "barista", "paralegal", "beekeeper", "gymnast".
 */
const occupationMemo = new Map<string, boolean>();

export function isOccupationNoun(noun: string): boolean {
  const hit = occupationMemo.get(noun);
  if (hit !== undefined) return hit;
  const answer = occupationOf(noun);
  if (occupationMemo.size > 50_000) occupationMemo.clear();
  occupationMemo.set(noun, answer);
  return answer;
}

function occupationOf(noun: string): boolean {
  const wn = defaultWordNet();
  const entry = wn?.lemma(noun) ?? (wn && /s$/.test(noun) ? wn.lemma(noun.slice(0, -1)) : null);
  if (!wn || !entry) return false;
  return entry.senses.slice(0, 4).some((offset) => {
    const chain = wn.hypernymChain(offset);
    // An instance ("Rice", the dramatist) is a named person, not a kind of worker.
    const named = chain[0]?.pointers.some((p) => p.symbol === '@i');
    return !named && chain[0]?.lexname === 'noun.person' && chain.slice(1).some((s) => s.words.some((w) => WORK_ANCESTORS.has(w)));
  });
}

/** Whether WordNet's most likely sense of a noun is a place ("arizona", "suburb", "countryside"). */
export function isLocationNoun(noun: string): boolean {
  const wn = defaultWordNet();
  if (!wn) return false;
  const cls = nounClass(wn, noun, { allowSelf: true, preferLexnames: ['noun.location'] });
  return cls?.lexname === 'noun.location';
}

/** Whether WordNet's most likely sense of a noun is a person ("clients", "coworkers", "boss"). */
export function isPersonNoun(noun: string): boolean {
  const wn = defaultWordNet();
  if (!wn) return false;
  const entry = nounEntry(wn, noun)?.entry;
  const first = entry?.senses[0];
  return first !== undefined && wn.synset(first).lexname === 'noun.person';
}
