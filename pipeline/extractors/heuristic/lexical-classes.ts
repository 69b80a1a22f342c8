/**
 * What WordNet says about the words of a value: the class of a liked thing ("jazz" → popular music),
 * what kind of thing a possession is (a body feature, a condition, an animal, an object), and
 * whether a noun is a line of work, a place or a person. The naming rule (naming.ts) builds
 * attribute names from these answers.
 */
import { nounClass, nounEntry, pluralNoun, type NounClass } from '../../lexicon/noun-class.js';
import { defaultWordNet, type Synset, type WordNet } from '../../lexicon/wordnet.js';
import type { Span } from './phrase.js';
import type { RootKey } from './roots.js';
import { spanWords } from './span-text.js';
import type { Tok } from './tokens.js';
import { topicOf } from './topic-prior.js';
import { wordTable } from '../../core/word-table.js';

/** What a name falls back to when neither the verb nor WordNet says anything. Counted as generic. */
export const GENERIC_INTEREST = 'interest';
/** What "I am a <kind of person that is no line of work>" is named ("a widow", "an introvert"). Counted as generic. */
export const SELF_DESCRIPTION = 'self-description';

// Where WordNet's lexicographer class suggests a root when the topic prior has none.
const LEXNAME_ROOT: Readonly<Record<string, RootKey>> = {
  'noun.food': 'hobbies', 'noun.animal': 'hobbies', 'noun.artifact': 'hobbies', 'noun.act': 'hobbies',
  'noun.communication': 'media', 'noun.cognition': 'education', 'noun.person': 'relationships',
  'noun.location': 'demographic', 'noun.group': 'culture', 'noun.body': 'health', 'noun.state': 'health',
  'noun.feeling': 'psychology', 'noun.attribute': 'psychology', 'noun.time': 'routine', 'noun.possession': 'career',
};

/** Verb → domain words that disambiguate its object ("listen to rock" is music, not a stone). */
const VERB_DOMAIN: Readonly<Record<string, readonly string[]>> = wordTable({
  eat: ['food', 'dish'], cook: ['food', 'dish'], bake: ['food', 'baked goods'], drink: ['beverage', 'drink'],
  listen: ['music', 'broadcast'], watch: ['show', 'movie', 'broadcast', 'sport'], read: ['writing', 'publication', 'literature'],
  play: ['game', 'sport', 'musical instrument'], wear: ['clothing', 'garment'], drive: ['vehicle'], ride: ['vehicle'],
});

/** Index of the head noun of a noun-phrase span: the last noun before any prepositional tail. */
export function headIndex(toks: readonly Tok[], span: Span): number {
  let end = span.end;
  for (let j = span.start + 1; j < span.end; j += 1) {
    const t = toks[j] as Tok;
    // "hands-on activities": a word inside a hyphen compound is not a prepositional tail.
    if (toks[j - 1]?.norm === '-' || toks[j + 1]?.norm === '-') continue;
    // "big, loud dogs": a comma between adjectives is inside the noun phrase.
    const coordinate = t.norm === ',' && toks[j - 1]?.pos === 'ADJ' && ['ADJ', 'ADV'].includes(toks[j + 1]?.pos ?? '');
    if (!coordinate && (t.pos === 'ADP' || t.norm === 'that' || t.norm === 'which' || t.norm === 'who' || t.norm === ',')) {
      end = j;
      break;
    }
  }
  for (let j = end - 1; j >= span.start; j -= 1) {
    const pos = (toks[j] as Tok).pos;
    // "plant-based", "family-friendly": a noun before a hyphen modifies what follows it.
    if ((pos === 'NOUN' || pos === 'PROPN') && !(j + 1 < end && toks[j + 1]?.norm === '-')) return j;
  }
  return end - 1;
}

/**
 * Heads that say how, not what ("eco-friendly options", "hands-on approaches"): WordNet's
 * class of them ("legal document" for option) would mislead, so the head itself names it.
 */
export const GENERAL_HEADS = new Set([
  'option', 'choice', 'alternative', 'thing', 'stuff', 'type', 'kind', 'sort', 'way', 'approach', 'method', 'style', 'item',
  'product', 'experience', 'activity', 'place', 'area', 'spot', 'setting', 'environment', 'material', 'feature', 'design',
  'element', 'tone', 'version', 'solution', 'service', 'brand', 'selection', 'variety', 'idea', 'one', 'something',
]);

/** A domain is its words and a short key naming them exactly (its topic and verb), for the class memo. */
interface Domain {
  words: readonly string[];
  key: string;
}

function classOf(toks: readonly Tok[], span: Span, d: Domain): NounClass | null {
  const domain = d.words;
  const domainKey = d.key;
  const wn = defaultWordNet();
  if (!wn) return null;
  const h = headIndex(toks, span);
  const head = toks[h];
  // A capitalised name ("Python", "Queen") is rarely the common noun WordNet lists first.
  if (!head || GENERAL_HEADS.has(head.lemma) || (head.cap && h > 0 && toks[h - 1]?.sent === head.sent)) return null;
  // "sci-fi", "k-pop": a hyphen compound is looked up whole, never by its last piece ("fi").
  if (toks[h - 1]?.norm === '-' && toks[h - 2]) return nounClass(wn, `${(toks[h - 2] as Tok).norm}-${head.norm}`, { domain, domainKey });
  // No noun, no class: WordNet's noun senses of "quiet" or "updated" (weather, information) are not what was meant.
  if (head.pos !== 'NOUN' && head.pos !== 'PROPN') return null;
  const multi = h > span.start;
  // A short phrase WordNet knows whole ("rock and roll", "ice cream") is named as one thing.
  if (multi && span.end - span.start <= 4) {
    const whole: string[] = [];
    for (let j = span.start; j < span.end; j += 1) whole.push(j === span.end - 1 ? (toks[j] as Tok).lemma : (toks[j] as Tok).norm);
    const cls = nounClass(wn, whole.join(' '), { domain, domainKey });
    if (cls) return cls;
  }
  // A two-word compound WordNet knows ("ice cream", "video games") beats its last word.
  const prev = toks[h - 1];
  if (multi && prev && (prev.pos === 'NOUN' || prev.pos === 'ADJ')) {
    const compound = nounClass(wn, `${prev.norm} ${head.lemma}`, { domain, domainKey, allowSelf: false }) ?? nounClass(wn, `${prev.norm} ${head.norm}`, { domain, domainKey });
    if (compound) return compound;
  }
  return nounClass(wn, head.lemma, { domain, domainKey, allowSelf: multi }) ?? (head.norm !== head.lemma ? nounClass(wn, head.norm, { domain, domainKey, allowSelf: multi }) : null);
}

/** "<class> <suffix>" for a noun-phrase value, or the generic name when nothing names it. */
export function thingName(toks: readonly Tok[], span: Span, suffix: string, verb?: string): { attribute: string; root: RootKey } {
  const words = spanWords(toks, span);
  const topic = topicOf(words);
  const domain = { words: [...(topic?.words ?? []), ...(verb ? VERB_DOMAIN[verb] ?? [] : [])], key: `${topic?.words[0] ?? ''}|${verb ?? ''}` };
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
  if (kind === 'condition') return healthState(wn, cls.sense) ? { attribute: 'health condition', root: 'health', kind } : null;
  if (kind === 'animal') return { attribute: 'pet ownership', root: 'hobbies', kind };
  if (kind === 'person') return null;
  return { attribute: `owned ${cls.name}`, root: 'hobbies', kind };
}

/**
 * noun.state holds "connection", "debt" and "problem" as well as "asthma": a health condition is
 * a state under a physical or psychological condition, a symptom or a sensitivity (allergies).
 */
const HEALTH_STATES = new Set(['physical condition', 'psychological state', 'symptom', 'sensitivity']);
const healthState = (wn: WordNet, sense: Synset): boolean => wn.hypernymChain(sense.offset).some((s) => HEALTH_STATES.has(s.words[0] ?? ''));

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

const PET_ANCESTORS = new Set(['domestic animal', 'pet', 'dog', 'domestic cat', 'house cat', 'horse', 'rabbit', 'parrot', 'goldfish', 'hamster', 'guinea pig', 'cavy']);

/** Whether WordNet files a noun's first animal sense under a kept animal ("huskies" → dog → domestic animal). */
export function isPetNoun(noun: string): boolean {
  const wn = defaultWordNet();
  const entry = wn ? nounEntry(wn, noun)?.entry : undefined;
  if (!wn || !entry) return false;
  // The animal sense must be what the word usually means ("my head" is not a head of cattle):
  // its first sense, or its only kind of sense ("corgi", "tabby"); common pet words are in PETS.
  const at = entry.senses.findIndex((o) => wn.synset(o).lexname === 'noun.animal');
  const onlyAnimal = entry.senses.every((o) => wn.synset(o).lexname === 'noun.animal');
  if (at < 0 || (!onlyAnimal && at > 0)) return false;
  return wn.hypernymChain(entry.senses[at]!).some((s) => s.words.some((w) => PET_ANCESTORS.has(w)));
}

/** Whether a noun's most likely sense is an activity or a field of knowledge ("sales", "nursing", "the trades"), not a place or thing. */
export function isFieldNoun(noun: string): boolean {
  const wn = defaultWordNet();
  const entry = wn ? nounEntry(wn, noun)?.entry : undefined;
  const first = entry?.senses[0];
  return wn !== null && first !== undefined && ['noun.act', 'noun.cognition'].includes(wn.synset(first).lexname);
}

/**
 * Whether a value ends in a plural noun ("10th graders", "young professionals"): a job is held one
 * at a time, so a plural is the people someone works with, not the speaker's occupation. Plural
 * means WordNet knows the word only through its singular ("sales", "physics" are nouns as they are).
 */
export function endsInPlural(value: string): boolean {
  const wn = defaultWordNet();
  const last = value.toLowerCase().match(/[a-z]+$/)?.[0] ?? '';
  // Stricter than pluralNoun: a word WordNet lists as written ("sales", "arms") may be a line of work.
  return wn !== null && !wn.lemma(last) && pluralNoun(wn, last) === true;
}
