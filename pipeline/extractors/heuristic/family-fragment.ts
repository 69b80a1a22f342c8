/**
 * Verbless fragments, as chat writes them: "single , one cat , tiny apartment in brooklyn",
 * "part time barista , full time student", "recovering alcoholic here", "bad knees", "divorced
 * , 2 kids". A short chunk that fills a whole clause is read as if "I am" or "I have" stood
 * before it, but only when it names something those families already recognise (a state, a
 * role, a counted pet or relative, a described body part), and only in short turns.
 */
import { coordinatedSubject, type Chain } from './clause.js';
import { draft, valueAt, type Ctx, type Draft } from './draft.js';
import { copulaFamily } from './family-copula.js';
import { haveObject } from './family-have.js';
import { identityNounPhrase } from './family-identity.js';
import { frequencyEnd } from './frequency.js';
import { spanWords } from './span-text.js';
import type { Tok } from './tokens.js';
import { topicOf } from './topic-prior.js';

const MAX_TURN = 300;
const OPENERS = new Set([',', '.', '!', ';', ':', '(', '-', '…', 'lol', 'haha', 'yeah', 'yes', 'nope', 'no', 'well', 'and', 'also', 'but']);
const CLOSERS = new Set([',', '.', '!', ';', '(', ')', 'here', 'lol', 'haha', 'and', 'but', 'so', 'for', 'now', 'tbh', 'right', 'atm', 'rn', 'currently', 'again']);
/** What a bare noun phrase may say about its speaker; anything else is too often a heading. */
const KEPT = new Set(['occupation', 'family role', 'religion', 'nationality', 'education level', 'gender', 'self-description', 'birth order']);
const STOP = new Set([',', 'and', 'but', 'so', 'for', 'here', 'now', 'with', 'who', 'that', 'because', 'since']);

/** A described body feature ("curly brown hair", "bad knees") is the one thing an adjective-led fragment may have. */
function possessionBody(d: Draft): boolean {
  return !d.attribute.includes(' ') && !['children', 'partner', 'siblings', 'parents'].includes(d.attribute) && d.root === 'health';
}

function fakeChain(k: number, copula: boolean): Chain {
  return { quoteStart: k, subject: 'i', neg: false, habitual: false, modal: null, past: false, perfect: false, progressive: false, effort: false, copula, head: k };
}

/**
 * "gym 5 days a week", "pottery on thursdays", "red wine with dinner most nights": a bare noun
 * phrase with a frequency is a habit, named "activity" as "I do X" is.
 */
function habitFragment(ctx: Ctx, k: number, end: number, text: string): Draft | null {
  const t = ctx.toks[k] as Tok;
  if (t.pos !== 'NOUN' && t.pos !== 'ADJ') return null;
  const sent = t.sent;
  // The frequency may follow the phrase directly or after a short "with my dad" tail.
  for (let j = end; j < end + 6 && ctx.toks[j]?.sent === sent && ctx.toks[j]?.norm !== ','; j += 1) {
    const f = frequencyEnd(ctx.toks, j);
    if (f > j) return draft('activity', text, topicOf(spanWords(ctx.toks, { start: k, end }))?.root ?? 'hobbies', k, f, 0.5, 'positive');
  }
  return null;
}

/** "currently unemployed", "still single": a time adverb before a fragment. */
const TIME_LEAD = new Set(['currently', 'still', 'now', 'recently', 'newly', 'happily', 'proudly', 'officially']);

/**
 * A bare number is an age only when something says so: "52 this year", "29 here", "31 yo", or
 * when it opens a turn that lists facts about the speaker ("35 , married , two kids").
 */
function statedAge(ctx: Ctx, k: number): boolean {
  const next = ctx.toks[k + 1]?.norm ?? '';
  if (/^(?:years?|yrs?|yo|y\/o|this|here|now|turning|next|soon)$/.test(next)) return true;
  const sent = ctx.toks[k]?.sent;
  const commas = ctx.toks.filter((t) => t.sent === sent && t.norm === ',').length;
  return k === 0 && next === ',' && commas >= 2;
}

export function fragmentFamily(ctx: Ctx, k: number): Draft[] {
  if (ctx.text.length > MAX_TURN) return [];
  if (TIME_LEAD.has(ctx.toks[k]?.norm ?? '') && ctx.toks[k + 1]?.sent === ctx.toks[k]?.sent) return [];
  const t = ctx.toks[k];
  const prev = TIME_LEAD.has(ctx.toks[k - 1]?.norm ?? '') ? ctx.toks[k - 2] : ctx.toks[k - 1];
  // "not a coffee drinker", "not much of a reader": a negated identity is kept only as a dislike.
  if (t?.norm === 'not' && (prev === undefined || prev.sent !== t.sent || OPENERS.has(prev.norm)) && ['a', 'an'].includes(ctx.toks[k + 1]?.norm ?? '')) {
    return identityNounPhrase(ctx, { ...fakeChain(k, true), neg: true }, k + 1).filter((d) => d.polarity === 'negative');
  }
  const onlyChild = t?.norm === 'only' && /^(?:child|kid)$/.test(ctx.toks[k + 1]?.norm ?? ''); // tagged an adverb
  if (!t || !(['NOUN', 'ADJ', 'NUM', 'VERB'].includes(t.pos) || t.norm === 'a' || t.norm === 'an' || onlyChild)) return [];
  if (prev && prev.sent === t.sent && !OPENERS.has(prev.norm)) return [];
  // After "and" the words may go on with a modal or infinitive clause of "I" ("I'll go with option 1
  // and use a physical planner", "to keep the kids active and engaged") or with someone else's
  // clause ("we can help them ... and local talent"): no fragment then.
  if (prev && prev.sent === t.sent && (prev.norm === 'and' || prev.norm === 'or') && ['modal', 'other'].includes(coordinatedSubject(ctx.toks, k) ?? '')) return [];
  // "at-risk teens", "first-time buyers": a word after a tight hyphen is inside a compound, not a fragment's start.
  if (prev?.norm === '-' && prev.start === ctx.toks[k - 2]?.end && prev.end === t.start) return [];
  const chunk = valueAt(ctx, k, { max: 6, stop: STOP });
  if (!chunk) return [];
  const habit = habitFragment(ctx, k, chunk.span.end, chunk.text);
  if (habit) return [habit];
  const after = ctx.toks[chunk.span.end];
  // "52 this year": the words that make a number an age are no closer, but the age stands.
  const aged = t.pos === 'NUM' && statedAge(ctx, k);
  if (after && after.sent === t.sent && !CLOSERS.has(after.norm) && !aged) return [];
  const last = ctx.toks.findLast((x) => x.sent === t.sent);
  if (last?.norm === '?') return [];
  // The families read only the chunk: a list comma must not carry "single" into "one cat".
  const only: Ctx = { text: ctx.text, toks: ctx.toks.slice(0, chunk.span.end) };
  // "2 kids", "one dog": a count directly before what is counted, nothing longer.
  if ((t.pos === 'NUM' && chunk.span.end - k <= 3) || t.pos === 'ADJ' || t.pos === 'DET') {
    // An adjective-led chunk is had only as a body feature or condition ("bad knees"), never an object.
    const had = haveObject(only, { ...fakeChain(k, false), head: k - 1 }, k).filter((d) => (t.pos === 'NUM' ? !d.attribute.startsWith('owned ') : d.attribute === 'health condition' || possessionBody(d)));
    if (had.length > 0) return had;
  }
  // Subject "someone": a bare adjective ("crowded") is no trait of the speaker's, a known state ("single") is.
  // A bare "10" is a number, not an age; "52 this year" or "29 here" is.
  const being = copulaFamily(only, { ...fakeChain(k, true), subject: 'someone' }).filter((d) => d.attribute !== 'age' || statedAge(ctx, k));
  // "english , polish and russian" after "i speak": list items, not nationalities.
  const listed = prev !== undefined && [',', ':', 'and', 'or', '&'].includes(prev.norm);
  if (being.length > 0) return listed ? being.filter((d) => d.attribute !== 'nationality') : being;
  // "newlywed here": only "here" says a bare kind of person is the speaker.
  const here = after?.norm === 'here';
  return identityNounPhrase(only, fakeChain(k, true), k, { bare: true, strict: true, selfDescription: here }).filter((d) => KEPT.has(d.attribute) || d.attribute.endsWith(' preference'));
}
