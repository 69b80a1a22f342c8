/**
 * Statements whose value comes before the verb: "Breaking Bad is my favorite show", "woodworking
 * is my thing", "planks are my go-to moves", "honesty is very important to me", "snakes give me
 * the creeps". The value is read backwards from the verb (backwardPhrase).
 */
import { nounEntry } from '../../lexicon/noun-class.js';
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import { FAMILY } from './lexicon-people.js';
import { nameValues, namingText, statedName } from './naming.js';
import type { Span } from './phrase.js';
import { CHAT_NOUNS, FAVORITE, NP_STOP } from './possessive-words.js';
import { spanText } from './span-text.js';

/** Content words just before token `k` ("Breaking Bad" in "Breaking Bad is my favorite show"). */
function backwardPhrase(ctx: Ctx, k: number): Span | null {
  let j = k;
  const sent = ctx.toks[k]?.sent;
  while (j > 0 && k - j < 5) {
    const t = ctx.toks[j - 1];
    if (!t || t.sent !== sent || !['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(t.pos) && !(t.pos === 'VERB' && /ing$/.test(t.norm))) break;
    j -= 1;
  }
  return j < k ? { start: j, end: k } : null;
}

/** "X is my favorite band", "honesty is very important to me" */
export function backwardCopula(ctx: Ctx, k: number): Draft[] {
  const span = backwardPhrase(ctx, k);
  if (!span) return [];
  const value = spanText(ctx.text, ctx.toks, span);
  // "X is hands down my all time favorite Y": evaluative fillers between "is" and "my".
  let m = k + 1;
  while (m < k + 5 && !['my', 'our'].includes(norm(ctx, m)) && ['hands', 'down', 'def', 'definitely', 'probably', 'easily', 'by', 'far', 'still', 'really', 'just', 'also', 'honestly', 'totally', 'always'].includes(norm(ctx, m))) m += 1;
  const a = norm(ctx, m);
  let fav = m + 1;
  while (['all', 'time', 'all-time', '-', 'absolute', 'very', 'most', 'personal', 'ultimate', 'number', 'one', '#1', 'top'].includes(norm(ctx, fav)) && fav < m + 5) fav += 1;
  if ((a === 'my' || a === 'our') && FAVORITE.has(norm(ctx, fav))) {
    const what = valueAt(ctx, fav + 1, { max: 3, stop: NP_STOP });
    if (!what) return [];
    const named = statedName(ctx.toks, fav, what.span, span);
    return [draft(named.attribute, value, named.root, span.start, what.span.end, 0.75, 'positive')];
  }
  // "woodworking is my thing", "self help books are kind of my jam"
  let t = k + 1;
  if ((norm(ctx, t) === 'kind' || norm(ctx, t) === 'sort') && norm(ctx, t + 1) === 'of') t += 2;
  if ((norm(ctx, t) === 'my' || norm(ctx, t) === 'our') && /^(?:thing|jam|passion|obsession|life|weakness|favorite|favourite|religion)$/.test(norm(ctx, t + 1))) {
    return thingDrafts(ctx, span, t + 2, 'positive');
  }
  // "chopin is my go to": a go-to is a favourite.
  const to = norm(ctx, t + 2) === '-' ? t + 3 : t + 2; // "go to", "go-to"
  // The word after may be a mis-tagged noun ("my go-to exercise"), never a verb of its own ("my go to sleep").
  const after = ctx.toks[to + 1];
  if (norm(ctx, t) === 'my' && norm(ctx, t + 1) === 'go' && norm(ctx, to) === 'to' && (after?.pos !== 'VERB' || (norm(ctx, t + 2) === '-' && isNoun(after.norm)))) {
    // "planks are my go-to exercise" states a favourite exercise, as "my favorite exercise" would.
    const what = after && after.sent === ctx.toks[t]?.sent && after.pos !== 'PUNCT' ? valueAt(ctx, to + 1, { max: 3, stop: NP_STOP }) : null;
    if (what) {
      const named = statedName(ctx.toks, to, what.span, span, 'favorite');
      return [draft(named.attribute, value, named.root, span.start, what.span.end, 0.75, 'positive')];
    }
    return thingDrafts(ctx, span, to + 1, 'positive');
  }
  // "sushi is life", "coffee is everything": the whole clause says it.
  if (/^(?:life|everything|love|bae|goals)$/.test(norm(ctx, t)) && (ctx.toks[t + 1] === undefined || ctx.toks[t + 1]?.pos === 'PUNCT' || ctx.toks[t + 1]?.sent !== ctx.toks[t]?.sent)) {
    return thingDrafts(ctx, span, t + 1, 'positive');
  }
  if (norm(ctx, t) === 'my' && /^(?:nightmare|phobia|fear|kryptonite)$/.test(norm(ctx, t + 1))) {
    return [draft('fear', value, 'psychology', span.start, t + 2, 0.7, 'negative')];
  }
  // "english is my second language", "chopin is my go-to": the speaker names the attribute after "my".
  if (a === 'my' && k - span.start <= 4) {
    const what = valueAt(ctx, m + 1, { max: 3, stop: NP_STOP });
    const head = what ? ctx.toks[what.span.end - 1] : undefined;
    const closes = what && (ctx.toks[what.span.end] === undefined || ctx.toks[what.span.end]?.pos === 'PUNCT' || ctx.toks[what.span.end]?.sent !== ctx.toks[k]?.sent);
    if (what && head && closes && head.pos === 'NOUN' && !CHAT_NOUNS.has(head.lemma) && !FAMILY.has(head.norm)) {
      const named = statedName(ctx.toks, m + 1, { start: m + 2, end: what.span.end }, span);
      const words = named.attribute.split(' ');
      // statedName puts the first word of the noun phrase first; here that word is part of the name itself.
      return [draft(words.length > 1 ? named.attribute : norm(ctx, m + 1), value, named.root, span.start, what.span.end, 0.6, 'positive')];
    }
  }
  let j = k + 1;
  while (['very', 'really', 'so', 'extremely', 'super', 'incredibly', 'quite'].includes(norm(ctx, j))) j += 1;
  if (norm(ctx, j) === 'important' && norm(ctx, j + 1) === 'to' && norm(ctx, j + 2) === 'me') {
    return [draft('values', value, 'values', span.start, j + 3, 0.7, 'positive')];
  }
  return [];
}

/** A liked thing read backwards from "X is my thing": named like any liked thing or activity. */
function thingDrafts(ctx: Ctx, span: Span, end: number, polarity: 'positive' | 'negative'): Draft[] {
  return nameValues(ctx.toks, span).map((named) => draft(named.attribute, namingText(ctx.text, ctx.toks, named), named.root, span.start, end, 0.7, polarity));
}

/** "snakes give me the creeps", "thunderstorms make me so nervous", "the dark scares me" */
export function fearOf(ctx: Ctx, k: number): Draft[] {
  const n = norm(ctx, k);
  let before = k;
  while (before > 0 && ctx.toks[before - 1]?.pos === 'ADV') before -= 1; // "the dark still scares me"
  const span = backwardPhrase(ctx, before);
  if (!span) return [];
  let end = k + 1;
  if (norm(ctx, end) !== 'me') return [];
  end += 1;
  if (n === 'give' || n === 'gives') {
    if (!/^(?:creeps|chills|anxiety|nightmares|panic|heebie|willies)$/.test(norm(ctx, end + 1)) && !/^(?:creeps|anxiety|nightmares)$/.test(norm(ctx, end))) return [];
    end += 2;
  } else if (n === 'make' || n === 'makes') {
    while (['so', 'really', 'super', 'very', 'kinda', 'extremely'].includes(norm(ctx, end))) end += 1;
    if (!/^(?:nervous|anxious|uneasy|scared|panic|sick|uncomfortable)$/.test(norm(ctx, end))) return [];
    end += 1;
  }
  return [draft('fear', spanText(ctx.text, ctx.toks, span), 'psychology', span.start, end, 0.7, 'negative')];
}

const isNoun = (word: string): boolean => {
  const wn = defaultWordNet();
  return wn !== null && nounEntry(wn, word) !== null;
};
