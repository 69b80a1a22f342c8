/**
 * Names the class a noun belongs to, from WordNet's hypernyms: "jazz" → "popular music", "sushi"
 * → "dish", "guitar" → "stringed instrument", "pickup" → "truck", "nurse" → "professional". The
 * class is the nearest ancestor that is itself a broad category (one with many direct hyponyms),
 * which is where people name things ("a dish", "a sport") rather than where taxonomists do
 * ("placental", "physical entity"). Which sense is meant is guessed from WordNet's own sense
 * frequencies, a domain hint from the context, and the kind of thing people talk about.
 */
import type { Synset, WordNet } from './wordnet.js';

export interface NounClass {
  /** The class name, e.g. "dish". */
  name: string;
  /** The chosen sense's lexicographer file, e.g. "noun.food". */
  lexname: string;
  /** The chosen sense of the noun itself. */
  sense: Synset;
}

/** A category has at least this many direct hyponyms (dish 141, sport 20, beverage 23). */
const CATEGORY_MIN_HYPONYMS = 10;
/** Classes this close to the top ("act", "artifact", "abstraction") say nothing; depth counts from "entity". */
const MIN_DEPTH = 5;

// Lexicographer files of things people rarely mean in chat about themselves: "chess" is a game,
// not a grass; "anime" a cartoon, not a resin.
const UNLIKELY = new Set(['noun.plant', 'noun.substance', 'noun.shape', 'noun.quantity', 'noun.relation', 'noun.Tops', 'noun.process', 'noun.phenomenon', 'noun.motive', 'noun.object']);

export interface ClassOptions {
  /** Words that hint at the domain ("music", "game"): a sense whose ancestors contain one wins. */
  domain?: readonly string[];
  /** Prefer the noun itself when it is already a category ("horror movies" → "movie"). */
  allowSelf?: boolean;
  /** Names `domain` exactly and briefly (for the memo); without it the words themselves are the key. */
  domainKey?: string;
  /** Lexicographer files the context expects (what one owns is an artifact, not a person). */
  preferLexnames?: readonly string[];
}

function senseScore(chain: readonly Synset[], index: number, tagged: number, domain: ReadonlySet<string>, prefer: readonly string[]): number {
  let score = -0.2 * index;
  if (prefer.includes((chain[0] as Synset).lexname)) score += 1.6;
  if (index === 0 && tagged > 0) score += 1.5;
  if (index < tagged) score += 0.5;
  const first = chain[0] as Synset;
  if (UNLIKELY.has(first.lexname)) score -= 2;
  // A named person ("Basil", the saint) is rarely what a common word in chat means; named places
  // ("arizona") often are.
  if (first.lexname === 'noun.person' && first.pointers.some((p) => p.symbol === '@i')) score -= 4;
  // Ancestors only: the noun's own synset lists the noun itself, which the domain may contain too.
  if (domain.size > 0 && chain.slice(1).some((s) => s.words.some((w) => domain.has(w) || w.split(' ').some((p) => domain.has(p))))) score += 3;
  return score;
}

// WordNet's own detachment rules for noun plurals (morphy), tried in order.
const PLURAL_RULES: readonly (readonly [string, string])[] = [['ies', 'y'], ['oes', 'o'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['s', '']];

/** The noun's own index entry, or that of its singular ("dogs" → "dog", "movies" → "movie"). */
export function nounEntry(wn: WordNet, noun: string): { lemma: string; entry: NonNullable<ReturnType<WordNet['lemma']>> } | null {
  const direct = wn.lemma(noun);
  return direct ? { lemma: noun, entry: direct } : singularEntry(wn, noun);
}

/** The entry of a plural's singular ("graders" → grader), or null. */
function singularEntry(wn: WordNet, noun: string): { lemma: string; entry: NonNullable<ReturnType<WordNet['lemma']>> } | null {
  for (const [suffix, base] of PLURAL_RULES) {
    if (!noun.endsWith(suffix) || noun.length <= suffix.length + 1) continue;
    const lemma = noun.slice(0, -suffix.length) + base;
    const entry = wn.lemma(lemma);
    if (entry) return { lemma, entry };
  }
  return null;
}

/**
 * Whether a word is a plural noun by WordNet: its singular is a noun ("graders" → grader), and the
 * word as written is no lemma that people use more than that singular ("bars" and "glasses" are
 * plurals; "physics" beats "physic", "news" and "series" have no singular). Null when WordNet knows
 * neither form (new words: "podcasts"), for the caller to decide.
 */
export function pluralNoun(wn: WordNet, word: string): boolean | null {
  const written = wn.lemma(word);
  if (word.length < 4 || !word.endsWith('s') || word.endsWith('ss')) return written ? false : null;
  const single = singularEntry(wn, word);
  if (!single) return written ? false : null;
  return !written || written.taggedSenses < single.entry.taggedSenses;
}

/** WordNet's taxa of living things are too fine for people's words; its file names are not. */
const LEXNAME_CLASS: Readonly<Record<string, string>> = { 'noun.animal': 'animal', 'noun.plant': 'plant' };

const memo = new WeakMap<WordNet, Map<string, NounClass | null>>();

/** The class of a noun (see the module comment), memoised per WordNet and options. */
export function nounClass(wn: WordNet, noun: string, opts: ClassOptions = {}): NounClass | null {
  let cache = memo.get(wn);
  if (!cache) memo.set(wn, (cache = new Map()));
  // The whole domain is in the key: a shorter key could hand one context's sense to another, and
  // then a turn's names would depend on which turns came before it.
  const key = `${noun}|${opts.allowSelf ? 1 : 0}|${opts.domainKey ?? (opts.domain ?? []).join(',')}|${(opts.preferLexnames ?? []).join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const cls = classify(wn, noun, opts);
  if (cache.size > 100_000) cache.clear();
  cache.set(key, cls);
  return cls;
}

function classify(wn: WordNet, noun: string, opts: ClassOptions): NounClass | null {
  const entry = nounEntry(wn, noun)?.entry;
  if (!entry || entry.senses.length === 0) return null;
  const domain = new Set(opts.domain ?? []);
  let best: Synset[] | null = null;
  let bestScore = -Infinity;
  entry.senses.slice(0, 12).forEach((offset, i) => {
    const chain = wn.hypernymChain(offset);
    const score = senseScore(chain, i, entry.taggedSenses, domain, opts.preferLexnames ?? []);
    if (score > bestScore) {
      best = chain;
      bestScore = score;
    }
  });
  const chain = best as Synset[] | null;
  if (!chain) return null;
  const self = chain[0] as Synset;
  const coarse = LEXNAME_CLASS[self.lexname];
  if (coarse) return { name: coarse, lexname: self.lexname, sense: self };
  // A noun that is itself a broad everyday category ("food", "music") names itself.
  if (opts.allowSelf && self.hyponymCount >= CATEGORY_MIN_HYPONYMS && chain.length - 1 >= MIN_DEPTH - 2) return { name: self.words[0] as string, lexname: self.lexname, sense: self };
  for (let i = 1; i < chain.length && i <= 6; i += 1) {
    const s = chain[i] as Synset;
    const depth = chain.length - 1 - i;
    if (depth < MIN_DEPTH) break;
    if (s.hyponymCount >= CATEGORY_MIN_HYPONYMS) return { name: s.words[0] as string, lexname: self.lexname, sense: self };
  }
  // No broad category below the abstract top: the nearest hypernym is still a truthful class ("seafood" → "food").
  const parent = chain[1];
  return parent && chain.length - 2 >= MIN_DEPTH - 1 ? { name: parent.words[0] as string, lexname: self.lexname, sense: self } : null;
}
