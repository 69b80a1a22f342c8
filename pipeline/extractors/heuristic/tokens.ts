/**
 * Tokenising and normalising a turn with wink-nlp. Every token keeps its JS string offsets into
 * the ORIGINAL text, so a mention's quote can always be sliced back out verbatim. Contractions
 * and common chat spellings ("im", "i'm", "id love", "dont", "teh") are expanded into separate
 * normalised tokens that share the source token's offsets.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { isLocationNoun } from './lexical-classes.js';
import { wordTable } from '../../core/word-table.js';

export interface Tok {
  /** Lower-case normal form after contraction expansion and spelling fixes. */
  norm: string;
  /** wink lemma (lower case); equals `norm` for expanded tokens. */
  lemma: string;
  /** Universal POS tag from wink ("NOUN", "VERB", "PUNCT", "SPACE", ...). */
  pos: string;
  start: number;
  end: number;
  /** Sentence index within the turn. */
  sent: number;
  /** The source token starts with an upper-case letter (titles: "The Office"). */
  cap?: boolean;
}

// Only sentence splitting and POS are needed; skipping NER/sentiment roughly halves tagging time.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

/** Cheap fixes for frequent chat misspellings; only unambiguous ones. */
const SPELLING: Readonly<Record<string, string>> = wordTable({
  teh: 'the', hte: 'the', becuase: 'because', becasue: 'because', beacuse: 'because', realy: 'really',
  reallly: 'really', freind: 'friend', freinds: 'friends', favourite: 'favorite', favorit: 'favorite',
  fav: 'favorite', fave: 'favorite', favourites: 'favorites', prefere: 'prefer', perfer: 'prefer',
  hubby: 'husband', wifey: 'wife', kiddos: 'kids', kiddo: 'kid', alergic: 'allergic', allergick: 'allergic',
  vegeterian: 'vegetarian', vegitarian: 'vegetarian', definately: 'definitely', usualy: 'usually',
  ususally: 'usually', allways: 'always', studing: 'studying', u: 'you', ur: 'your', luv: 'love',
  wanna: 'want', gonna: 'going', beleive: 'believe', belive: 'believe', nite: 'night', tonite: 'tonight', ppl: 'people', bc: 'because', cuz: 'because', coz: 'because',
});

/** Whole-token contractions wink leaves as one token (mostly lower-case or apostrophe-less). */
const EXPAND: Readonly<Record<string, readonly [string, string]>> = wordTable({
  "i'm": ['i', 'am'], im: ['i', 'am'], "i've": ['i', 'have'], ive: ['i', 'have'],
  "i'll": ['i', 'will'], "i'd": ['i', 'would'], "we're": ['we', 'are'], "we've": ['we', 'have'],
});

const AUX_NORMS: Readonly<Record<string, string>> = wordTable({ "'m": 'am', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would' });

// "id" is a real word ("my id is"), so it only becomes "i would" right before a liking verb.
const ID_NEXT = new Set(['love', 'like', 'prefer', 'rather', 'enjoy']);

function pushExpanded(out: Tok[], parts: readonly [string, string], start: number, end: number, sent: number): void {
  out.push({ norm: parts[0], lemma: parts[0], pos: 'PRON', start, end, sent, cap: undefined });
  const aux = parts[1];
  const lemma = aux === 'am' || aux === 'are' ? 'be' : aux;
  out.push({ norm: aux, lemma, pos: 'AUX', start, end, sent, cap: undefined });
}

/**
 * Undoes chat's stretched letters: "waaay" → "way", "sooo" → "so", "cooool" → "cool". A run of
 * three or more becomes two when WordNet knows that spelling, else one.
 */
function squeeze(word: string): string {
  if (!stretched(word)) return word;
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const wn = defaultWordNet();
  if (wn && (wn.lemma(two) || wn.lemma(two, 'verb'))) return two;
  return word.replace(/(\p{L})\1{2,}/gu, '$1');
}

const QUOTE_MARK = /[’‘`]/;
const QUOTE_MARKS = /[’‘`]/g;

/** A letter three times in a row ("sooo", "LOOOVE"); the cheap test first, as most words have no run at all. */
function stretched(word: string): boolean {
  const lower = word.toLowerCase();
  return /(.)\1\1/u.test(lower) && /(\p{L})\1\1/u.test(lower);
}

function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(word);
}

/** Tokenises `text` (which may have masked regions blanked with spaces, same length as the original); `base` is its offset in the turn. */
export function tokenise(text: string, base = 0): Tok[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const normals = tokens.out(its.normal) as string[];
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  // wink's .d.ts types lemma and precedingSpaces with signatures `out` rejects; they are token its.
  const spaces = tokens.out(its.precedingSpaces as unknown as typeof its.value) as string[];
  const sentOf = new Int32Array(values.length);
  const spans = doc.sentences().out(its.span) as unknown as number[][];
  spans.forEach((span, s) => {
    const [a = 0, b = -1] = span;
    for (let k = a; k <= b && k < sentOf.length; k += 1) sentOf[k] = s;
  });

  const out: Tok[] = [];
  let cursor = 0;
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k] ?? '';
    cursor += (spaces[k] ?? '').length;
    // wink is lossless in practice; the indexOf fallback keeps offsets exact if it ever is not.
    let start = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    if (start < 0) start = cursor;
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    const sent = sentOf[k] ?? 0;
    let norm = (normals[k] ?? value).toLowerCase();
    if (QUOTE_MARK.test(norm)) norm = norm.replace(QUOTE_MARKS, "'");
    norm = SPELLING[norm] ?? squeeze(norm);
    const expanded = EXPAND[norm];
    if (expanded) {
      pushExpanded(out, expanded, start, end, sent);
      continue;
    }
    // "ill be 50 next month": "ill" before a verb is "I'll"; elsewhere it means sick.
    if (norm === 'ill' && /^(?:be|have|go|get|start|try|never|always|probably|definitely|just)$/.test((normals[k + 1] ?? '').toLowerCase()) && (k === 0 || /^[.!?,;]$|^(?:and|but|so|lol|haha)$/.test(normals[k - 1] ?? '.'))) {
      pushExpanded(out, ['i', 'will'], start, end, sent);
      continue;
    }
    if (norm === 'id' && ID_NEXT.has((normals[k + 1] ?? '').toLowerCase())) {
      pushExpanded(out, ['i', 'would'], start, end, sent);
      continue;
    }
    // "i m conservative": the apostrophe dropped and the contraction split by a space.
    const auxNorm = AUX_NORMS[norm] ?? (norm === 'm' && out.at(-1)?.norm === 'i' ? 'am' : undefined);
    if (auxNorm) {
      out.push({ norm: auxNorm, lemma: auxNorm === 'am' || auxNorm === 'are' ? 'be' : auxNorm, pos: 'AUX', start, end, sent, cap: undefined });
      continue;
    }
    const tag = tags[k] ?? 'X';
    // A squeezed spelling ("loooove" -> "love") has no wink lemma of its own: the word is its lemma.
    const lemma = stretched(value) ? norm : (lemmas[k] ?? norm).toLowerCase();
    // One object shape for every token (a spread of an optional key made two, and was a fifth of the time here).
    const spelled = SPELLING[lemma] ?? lemma;
    const cap = startsUpper(value) || undefined;
    out.push({ norm, lemma: spelled, pos: norm === 'i' ? 'PRON' : tag, start, end, sent, cap });
  }
  // A window of a longer turn: offsets into the whole turn.
  if (base !== 0) for (const t of out) (t.start += base), (t.end += base);
  repairTags(out);
  return out;
}

const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'some', 'this', 'that', 'no']);

/**
 * The lite tagger often calls a noun phrase after a determiner adverbs in lower-case chat ("a
 * bad back" as DET ADV ADV). Between a determiner and the phrase's end, an -ly-less adverb is a
 * modifier (ADJ) before another word of the phrase, else its head (NOUN).
 */
function repairTags(toks: Tok[]): void {
  for (let k = 1; k < toks.length; k += 1) {
    const t = toks[k] as Tok;
    // "moving to japan": the tagger reads a lower-case place after "to" as a verb; WordNet knows no such verb.
    if (t.pos === 'VERB' && toks[k - 1]?.norm === 'to' && t.lemma === t.norm && placeNotVerb(t.norm)) t.pos = 'PROPN';
    // "so french was my first language": a word before "was"/"is" is its subject, not a verb nobody uses.
    if (t.pos === 'VERB' && t.lemma === t.norm && /^(?:is|was|are|were)$/.test(toks[k + 1]?.norm ?? '') && unusedVerb(t.norm)) t.pos = 'NOUN';
    // "learning piano": a noun the tagger calls an adverb, which WordNet knows only as a noun.
    if (t.pos === 'ADV' && !/ly$/.test(t.norm) && t.norm.length > 2 && nounNotAdverb(t.norm)) t.pos = 'NOUN';
    // "a senior in high school", "a regular": an adjective with nothing to modify is a noun.
    const closes = !toks[k + 1] || ['ADP', 'PUNCT', 'CCONJ'].includes((toks[k + 1] as Tok).pos) || toks[k + 1]?.sent !== t.sent;
    if (t.pos === 'ADJ' && closes && /^(?:a|an)$/.test((toks[k - 1] as Tok).norm)) t.pos = 'NOUN';
    if (t.pos !== 'ADV' || /ly$/.test(t.norm) || !DETERMINERS.has((toks[k - 1] as Tok).norm) && (toks[k - 1] as Tok).pos !== 'ADJ') continue;
    if ((toks[k - 1] as Tok).pos === 'ADJ' && !DETERMINERS.has(toks[k - 2]?.norm ?? '')) continue;
    const next = toks[k + 1];
    t.pos = next && next.sent === t.sent && (next.pos === 'ADV' || next.pos === 'NOUN') && !/ly$/.test(next.norm) ? 'ADJ' : 'NOUN';
  }
}

/** A verb sense nobody used in WordNet's tagged corpus ("to japan", to lacquer) loses to a used noun or adjective sense. */
function unusedVerb(word: string): boolean {
  const wn = defaultWordNet();
  if (!wn) return false;
  const verb = wn.lemma(word, 'verb');
  const other = Math.max(wn.lemma(word)?.taggedSenses ?? 0, wn.lemma(word, 'adj')?.taggedSenses ?? 0);
  return verb === null ? other > 0 || wn.lemma(word) !== null : verb.taggedSenses === 0 && other > 0;
}

function placeNotVerb(word: string): boolean {
  return unusedVerb(word) && isLocationNoun(word);
}

function nounNotAdverb(word: string): boolean {
  const wn = defaultWordNet();
  if (!wn) return false;
  // An adverb sense nobody used ("piano", softly) loses to a used noun sense.
  const adverb = wn.lemma(word, 'adv');
  return (adverb === null || adverb.taggedSenses === 0) && (wn.lemma(word)?.taggedSenses ?? 0) > 0;
}
