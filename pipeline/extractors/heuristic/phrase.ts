/**
 * Cuts the value phrase that follows a trigger ("I love | hiking in the mountains | because ..."):
 * a noun or gerund phrase with short prepositional tails, ending at punctuation, clause
 * connectives, a new subject or a finite verb. POS tags guide it; word lists catch what the
 * lite tagger gets wrong on messy chat text.
 */
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { frequencyEnd } from './frequency.js';
import type { Tok } from './tokens.js';

export interface Span {
  /** First token index (inclusive). */
  start: number;
  /** Last token index + 1. */
  end: number;
}

export interface PhraseOptions {
  /** Maximum tokens in the value. */
  max?: number;
  /** Allow a verb as the first word ("run in the morning"). */
  verbStart?: boolean;
  /** Extra words that end the phrase (e.g. "over" / "to" after "prefer"). */
  stop?: ReadonlySet<string>;
  /** Keep a short relative clause after the head noun ("places that are famous for loud music"). */
  relative?: boolean;
  /** End at the first verb after a noun: "my son | started kindergarten" (a subject, not an object). */
  nounOnly?: boolean;
}

const RELATIVE_START = new Set(['that', 'which', 'where', 'who']);
const RELATIVE_END = new Set(['because', 'since', 'so', 'but', 'i', 'while', 'although', 'though', 'if', 'when', 'as', 'especially', 'unless', 'instead', 'rather']);

/** End (exclusive) of a relative clause starting at `k`, or `k` when there is none worth keeping. */
function relativeEnd(toks: readonly Tok[], k: number, sent: number): number {
  let j = k + 1;
  for (; j < toks.length && j - k <= 10; j += 1) {
    const t = toks[j] as Tok;
    if (t.sent !== sent || t.pos === 'SPACE' || RELATIVE_END.has(t.norm)) break;
    if ((t.norm === 'and' || t.norm === 'or') && toks[j + 1]?.pos === 'PRON') break;
    if (t.pos === 'PUNCT' && !/^[-/']$/.test(t.norm)) break;
  }
  while (j > k + 1 && ['ADP', 'DET', 'CCONJ', 'SCONJ', 'PART', 'AUX', 'PRON', 'PUNCT'].includes((toks[j - 1] as Tok).pos)) j -= 1;
  return j - k >= 3 ? j : k;
}

/**
 * A VERB tag where the phrase still wants its head is a mis-tagged noun: after a determiner or an
 * adjective ("a good | read") when WordNet knows the word as a noun, and an -ing form right after
 * an inner preposition is its object ("the cost of | living").
 */
function awaitedHead(toks: readonly Tok[], k: number): boolean {
  const t = toks[k] as Tok;
  const prev = toks[k - 1];
  if (t.pos !== 'VERB' || !prev || prev.sent !== t.sent) return false;
  if (prev.pos === 'ADP') return INNER_ADP.has(prev.norm) && /[a-z]ing$/.test(t.norm);
  const isNoun = () => defaultWordNet()?.lemma(t.norm) != null;
  if (prev.pos === 'DET' || prev.pos === 'ADJ') return isNoun();
  // "a retro | look ,": a determiner, a modifier the tagger called a noun, and the phrase's last word.
  const next = toks[k + 1];
  const last = next === undefined || next.sent !== t.sent || ['PUNCT', 'CCONJ', 'ADP'].includes(next.pos);
  return prev.pos === 'NOUN' && toks[k - 2]?.pos === 'DET' && last && t.norm === t.lemma && !/s$/.test(t.norm) && isNoun();
}

/** A VERB tag on a plural after a noun, before a boundary, is usually a mis-tagged noun ("reality shows or ..."). */
function pluralNoun(toks: readonly Tok[], k: number): boolean {
  const t = toks[k] as Tok;
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (t.pos !== 'VERB' || !/[^s]s$/.test(t.norm) || !prev || !['NOUN', 'ADJ', 'PROPN'].includes(prev.pos)) return false;
  return next === undefined || next.sent !== t.sent || ['PUNCT', 'CCONJ', 'ADP', 'SCONJ'].includes(next.pos) || RELATIVE_START.has(next.norm);
}

const CLAUSE_END = new Set([
  'because', 'since', 'so', 'but', 'though', 'although', 'while', 'when', 'whenever', 'where', 'which',
  'who', 'that', 'if', 'unless', 'until', 'than', 'rather', 'instead', 'as', 'especially', 'except',
  'plus', 'also', 'too', 'now', 'then', 'lately', 'anyway', 'though', 'yet', 'whereas', 'whether',
  'i', 'you', 'he', 'she', 'we', 'they', 'it', 'there', 'etc', 'any', 'please', 'thanks', 'right',
  // Time adverbials are circumstance, not value: "I moved to Seattle | last year".
  'last', 'next', 'ago', 'yesterday', 'today', 'tomorrow', 'tonight', 'recently', 'soon', 'already', 'lately',
  'someday', 'eventually', 'sometime', 'til', 'till',
  'due', 'much', 'such', 'all', 'whatever', 'whenever', 'via', 'given', 'alot',
  // Chat fillers tagged as nouns: "I'm a software engineer btw".
  'btw', 'lol', 'haha', 'tbh', 'imo', 'imho', 'fyi', 'lmao', 'pls', 'plz', 'thx', 'ok', 'okay', 'though',
]);

/** Words that make a value uninformative when it starts with them ("I love that", "I like your idea"). */
const DEICTIC_START = new Set([
  'it', 'this', 'that', 'these', 'those', 'them', 'your', 'you', 'yours', 'its', 'here', 'there', 'what',
  'how', 'when', 'which', 'who', 'if', 'whether', 'something', 'anything', 'everything', 'nothing',
  'one', 'him', 'her', 'me', 'myself', 'yourself', 'idea', 'suggestion', 'suggestions', 'advice', 'way',
  'thought', 'sound', 'name', 'question', 'answer', 'response', 'help', 'tip', 'tips', 'option', 'options',
  'ones', 'stuff', 'things', 'thing', 'same', 'rest', 'most', 'much', 'others', 'other', 'kind', 'sort', 'type',
]);

/** Things a chat produces; liking "the X" of these is feedback, not taste. */
const CHAT_ARTIFACTS = new Set([
  'draft', 'layout', 'offer', 'opportunity', 'version', 'response', 'answer', 'format', 'list', 'plan', 'idea',
  'suggestion', 'example', 'approach', 'structure', 'tone', 'result', 'output', 'code', 'script', 'title', 'outline',
  'summary', 'explanation', 'recommendation', 'name', 'names', 'option', 'paragraph', 'sentence', 'intro', 'introduction',
  'ending', 'conclusion', 'point', 'concept', 'story', 'poem', 'song', 'lyric', 'way', 'change', 'edit', 'solution', 'one',
  'world', 'character', 'characters', 'setting', 'game', 'prompt', 'message', 'email', 'letter', 'post', 'article',
]);

/** Quantity heads skipped with their "of": "a lot of jazz", "all kinds of music". */
const QUANTITY = new Set(['lot', 'lots', 'bit', 'variety', 'kinds', 'types', 'sorts', 'plenty', 'couple', 'bunch', 'range', 'mix', 'number', 'few']);

const SKIP_LEAD = new Set(['a', 'an', 'the', 'some', 'my', 'our', 'to', 'of', 'about', 'with', 'more', 'doing', 'having', 'getting']);
const DEGREE = new Set(['pretty', 'really', 'very', 'super', 'quite', 'kinda', 'totally', 'fairly', 'extremely', 'rather', 'incredibly', 'seriously']);
const INNER_ADP = new Set(['of', 'in', 'on', 'at', 'with', 'without', 'for', 'from', 'like', 'around', 'near', 'during', 'by', 'into', 'to', 'outside', 'inside', 'through', 'thru']);
const INNER_DET = new Set(['a', 'an', 'the', 'my', 'our', 'their', 'his', 'her', 'any', 'some', 'every', 'each']);
const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'VERB']);
const TRIM_TAIL = new Set(['ADP', 'DET', 'CCONJ', 'SCONJ', 'PART', 'PRON', 'AUX', 'ADV', 'PUNCT', 'SPACE', 'SYM', 'INTJ', 'X']);

function isContent(t: Tok): boolean {
  return CONTENT.has(t.pos) && !CLAUSE_END.has(t.norm);
}

/** Whether a verb token can sit inside a noun phrase (gerund / participle modifiers). */
function nominalVerb(t: Tok): boolean {
  return /(?:ing|ed|en)$/.test(t.norm);
}

export function skipLead(toks: readonly Tok[], from: number): number {
  let k = from;
  for (;;) {
    const n = toks[k]?.norm ?? '';
    // A capitalised "The" mid-sentence starts a title ("The Office"): keep it.
    if (n === 'the' && toks[k]?.cap && toks[k - 1]?.sent === toks[k]?.sent) return k;
    if (SKIP_LEAD.has(n) || n === 'all' && toks[k + 1]?.norm !== 'of') k += 1;
    else if (QUANTITY.has(n) && toks[k + 1]?.norm === 'of') k += 2;
    // "way too much diet coke", "so many books"
    else if ((n === 'way' || n === 'too' || n === 'so') && ['too', 'much', 'many'].includes(toks[k + 1]?.norm ?? '')) k += 1;
    else if ((n === 'much' || n === 'many') && toks[k + 1]?.pos === 'NOUN') k += 1;
    // "pretty bad asthma", "like 9 earrings": how much or roughly how many is no part of the value.
    else if (DEGREE.has(n) && ['ADJ', 'ADV'].includes(toks[k + 1]?.pos ?? '') && toks[k + 2]?.sent === toks[k]?.sent && isContent(toks[k + 2] ?? toks[k]!)) k += 1;
    else if ((n === 'like' || n === 'about' || n === 'around' || n === 'roughly') && toks[k + 1]?.pos === 'NUM' && toks[k + 2] !== undefined) k += 1;
    else if (n === 'something' && toks[k + 1]?.norm === 'like' && toks[k + 2]?.pos === 'NUM') k += 2; // "something like 30 cousins"
    else return k;
  }
}

/**
 * Whether the comma at `k` is inside a real list, one closed by "and"/"or" later in the sentence
 * ("pizza, pasta and sushi"); "walmart , electronics section" and "the city , tiny apartment" are not.
 */
function listCloses(toks: readonly Tok[], k: number, sent: number): boolean {
  for (let j = k + 1; j < toks.length && j <= k + 8; j += 1) {
    const t = toks[j] as Tok;
    if (t.sent !== sent || (t.pos === 'PUNCT' && t.norm !== ',')) return false;
    if (t.norm === 'and' || t.norm === 'or' || t.norm === '&') return true;
  }
  return false;
}

export function phrase(toks: readonly Tok[], from: number, opts: PhraseOptions = {}): Span | null {
  const max = opts.max ?? 8;
  let k = skipLead(toks, from);
  const first = toks[k];
  // "type 1 diabetes" is not "type of", and "one cat" is a count, not "the one".
  const counted = (first?.norm === 'type' && toks[k + 1]?.pos === 'NUM') || (first?.norm === 'one' && toks[k + 1]?.pos === 'NOUN');
  if (first === undefined || (DEICTIC_START.has(first.norm) && !counted)) return null;
  const definite = ['the', 'this', 'your', 'that'].includes(toks[k - 1]?.norm ?? '');
  const sent = first.sent;
  const start = k;
  let seenContent = false;
  let seenNoun = false;
  let seenAdp = false;
  for (; k < toks.length && k - start < max; k += 1) {
    const t = toks[k] as Tok;
    const next = toks[k + 1];
    if (t.sent !== sent || t.pos === 'SPACE') break;
    if (opts.relative && seenNoun && RELATIVE_START.has(t.norm)) {
      const r = relativeEnd(toks, k, sent);
      if (r > k) k = r;
      break;
    }
    if (opts.stop?.has(t.norm) || CLAUSE_END.has(t.norm)) break;
    if ((t.norm === 'one' || t.norm === 'some') && next?.norm === 'day') break; // "a doctor | one day"
    if (t.norm === 'way' && (next?.norm === 'too' || next?.norm === 'more') && seenContent) break; // "video games | way too much"
    if (seenContent && frequencyEnd(toks, k) > k) break; // "migraines | a few times a month"
    if (seenNoun && pluralNoun(toks, k)) continue;
    if (t.pos === 'PUNCT' || t.pos === 'SYM') {
      // Keep tight hyphens/slashes/apostrophes ("plant-based", "sci-fi", "mom's") and list commas between adjectives.
      const tight = next !== undefined && t.start === (toks[k - 1]?.end ?? -1) && next.start === t.end;
      if (tight && /^[-/'&+]$/.test(t.norm)) {
        k += 1; // the word after a tight hyphen belongs to the compound whatever its tag ("stand-up")
        seenContent = true;
        continue;
      }
      // List commas: "quieter, more intimate activities", "pizza, pasta and sushi".
      const listy = next !== undefined && (isContent(next) || next.norm === 'more' || next.norm === 'less') && next.pos !== 'VERB';
      // After a prepositional tail a comma ends the value: "own beer in the garage | , ipa mostly".
      if (t.norm === ',' && seenContent && listy && !seenAdp && toks[k + 2]?.pos !== 'AUX' && listCloses(toks, k, sent)) continue;
      // Coordinate adjectives before their noun: "breathable, synthetic materials", "quieter, more intimate activities".
      if (t.norm === ',' && toks[k - 1]?.pos === 'ADJ' && listy && nounWithin(toks, k + 1, sent, 3)) continue;
      break;
    }
    if (t.norm === "'s" && seenContent) continue;
    if (k > start && seenContent && awaitedHead(toks, k)) {
      seenNoun = true;
      continue;
    }
    if (t.pos === 'VERB' || t.pos === 'AUX') {
      const atStart = k === start;
      if (opts.nounOnly && seenNoun) break;
      // "learn | to swim": an infinitive after a verb-led value belongs to it.
      if (opts.verbStart && k > start && toks[k - 1]?.norm === 'to' && toks[k - 1]?.pos === 'PART') continue;
      if (t.pos === 'AUX' && !atStart) break;
      if (!(atStart && opts.verbStart) && !nominalVerb(t) && seenContent) break;
      // A gerund right after a noun opens a new clause: "a consulting background having studied ...".
      if (!atStart && seenNoun && /(?:ing|ed)$/.test(t.norm) && next?.pos !== 'NOUN') break;
      if (!atStart && !seenContent && !opts.verbStart && !nominalVerb(t)) break;
    }
    if (t.pos === 'ADP' || t.pos === 'SCONJ') {
      if (!INNER_ADP.has(t.norm) || !seenContent || next === undefined) break;
      seenAdp = true;
      if (/^(?:19|20)\d\d$/.test(next.norm)) break; // "MIT | in 2010"
      continue;
    }
    if (t.pos === 'DET' || t.pos === 'PRON') {
      if (k === start && t.norm === 'the') continue; // title kept by skipLead
      if (!INNER_DET.has(t.norm) || !seenContent) break;
      continue;
    }
    if (t.pos === 'CCONJ') {
      if (!(t.norm === 'and' || t.norm === 'or' || t.norm === '&') || next === undefined || !isContent(next)) break;
      // "retire early | and travel around": a second verb starts a second statement.
      if (next.pos === 'VERB' && !/ing$/.test(next.norm) && seenContent && opts.verbStart) break;
      // "technical books | and practice coding exercises": a base verb after a noun starts a clause.
      if (next.pos === 'VERB' && next.norm === next.lemma && !/ing$/.test(next.norm) && seenNoun && toks[k - 1]?.pos === 'NOUN') break;
      continue;
    }
    if (t.pos === 'PART') {
      if (t.norm === 'to' && opts.verbStart && toks[k + 1]?.pos === 'VERB') continue;
      if (t.norm === 'not') break;
      continue;
    }
    if (t.pos === 'ADV' && !seenContent) continue;
    if (t.pos === 'ADV' && /ly$/.test(t.norm) === false && seenNoun) break;
    if (isContent(t)) {
      seenContent = true;
      if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM') seenNoun = true;
    }
  }
  let end = k;
  while (end > start && TRIM_TAIL.has((toks[end - 1] as Tok).pos)) end -= 1;
  if (end <= start) return null;
  end = withoutCutTail(toks, start, end, k - start >= max);
  if (end <= start) return null;
  // "I like the layout" / "I love the first draft" react to the chat's own output.
  if (definite && CHAT_ARTIFACTS.has((toks[end - 1] as Tok).lemma)) return null;
  for (let j = start; j < end; j += 1) if (isContent(toks[j] as Tok)) return { start, end };
  return null;
}

const NOUNISH = new Set(['NOUN', 'PROPN', 'NUM']);

/**
 * A prepositional tail cut before its noun ("shoes with breathable | , synthetic materials", "a
 * team on a big branding | campaign" at the length limit) is dropped, and the value ends before its
 * preposition ("shoes"). Without a preposition to fall back to, a value cut mid-phrase is no value.
 */
function withoutCutTail(toks: readonly Tok[], start: number, end: number, atLimit: boolean): number {
  const last = toks[end - 1] as Tok;
  const next = toks[end];
  const continues = atLimit && next !== undefined && next.sent === last.sent && (NOUNISH.has(next.pos) || next.pos === 'ADJ');
  const dangling = !NOUNISH.has(last.pos) && !/ing$/.test(last.norm);
  if (!continues && !dangling) return end;
  let adp = -1;
  for (let j = end - 1; j > start; j -= 1) {
    const t = toks[j] as Tok;
    if (NOUNISH.has(t.pos) && !continues && j < end - 1) return end; // a noun after the preposition: the tail is whole
    if (t.pos === 'ADP') {
      adp = j;
      break;
    }
  }
  if (adp > start) return adp;
  return continues ? start : end;
}

/** Whether a noun comes within `n` tokens from `k`, in the same sentence, after only modifiers. */
function nounWithin(toks: readonly Tok[], k: number, sent: number, n: number): boolean {
  for (let j = k; j < k + n + 1 && j < toks.length; j += 1) {
    const t = toks[j] as Tok;
    if (t.sent !== sent) return false;
    if (t.pos === 'NOUN') return true;
    if (t.pos !== 'ADJ' && t.pos !== 'ADV' && t.norm !== '-') return false;
  }
  return false;
}
