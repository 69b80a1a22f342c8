/**
 * Likes, dislikes and habits after a first-person verb chain: "I love hiking", "I can't stand
 * jazz", "I tend to avoid floral scents", "I usually run in the morning", "I don't drink coffee",
 * "I watch a lot of anime". Polarity comes from the verb and the chain's negation together.
 */
import type { Polarity } from '../../core/types.js';
import type { Chain } from './clause.js';
import { draft, norm, topical, valueAt, type Ctx, type Draft } from './draft.js';
import { gerund, nameValues, namingText } from './naming.js';
import { spanText } from './span-text.js';
import { topicOf } from './topic-prior.js';
import { frequencyAfterDuration, frequencyEnd, frequencyWithin } from './frequency.js';

// "appreciate" is left out: in chat it is thanks ("I appreciate the offer"), not taste.
const LIKE = new Set(['love', 'like', 'enjoy', 'adore', 'prefer', 'favor', 'favour', 'fancy', 'relish', 'cherish', 'crave']);
const DISLIKE = new Set(['hate', 'dislike', 'detest', 'loathe', 'despise', 'avoid', 'abhor', 'resent', 'skip', 'refuse', 'shun']);
/** Two-word verbs: the particle that must follow and the polarity they carry. */
const PHRASAL: ReadonlyMap<string, readonly [string, Polarity]> = new Map([
  ['gravitate', ['towards', 'positive']], ['lean', ['towards', 'positive']], ['opt', ['for', 'positive']],
  ['stick', ['to', 'positive']], ['steer', ['clear', 'negative']], ['stay', ['away', 'negative']],
  ['shy', ['away', 'negative']], ['care', ['for', 'positive']], ['look', ['for', 'positive']],
]);
const CANT = new Set(['stand', 'bear', 'tolerate', 'handle', 'abide']);
const PREFER_STOP = new Set(['over', 'rather', 'instead', 'than', 'versus', 'vs']);

/** Verbs whose habitual use is a lifestyle fact rather than an activity worth a hobby label. */
const CONSUME: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['eat', ['dietary restriction', 'eating habit']], ['drink', ['drinking habit', 'drinking habit']],
  ['smoke', ['smoking habit', 'smoking habit']], ['vape', ['smoking habit', 'smoking habit']],
  ['consume', ['dietary restriction', 'eating habit']],
]);
const MEDIA = new Set(['watch', 'read', 'listen', 'play', 'stream', 'binge', 'follow', 'wear', 'drive', 'ride', 'collect', 'practice', 'practise']);
const ACTIVITY = new Set([
  'cook', 'bake', 'garden', 'knit', 'sew', 'paint', 'draw', 'sketch', 'hike', 'swim', 'bike', 'cycle', 'jog', 'run',
  'meditate', 'surf', 'ski', 'snowboard', 'fish', 'hunt', 'camp', 'climb', 'dance', 'sing', 'volunteer', 'travel',
  'commute', 'walk', 'golf', 'skate', 'lift', 'exercise', 'train', 'workout', 'pray', 'journal', 'write', 'shop', 'go',
]);
/** Cognitive and conversational verbs: "I usually find that ..." is not a habit. */
const NOT_HABIT = new Set([
  'think', 'find', 'feel', 'wonder', 'ask', 'say', 'tell', 'know', 'see', 'hear', 'forget', 'remember', 'mean', 'guess',
  'get', 'need', 'want', 'wish', 'hope', 'struggle', 'worry', 'notice', 'realize', 'realise', 'assume', 'suppose',
  'believe', 'understand', 'agree', 'thank', 'make', 'do', 'end', 'look', 'seem', 'start', 'stop', 'keep', 'check',
  'search', 'google', 'recommend', 'suggest', 'come', 'have', 'be', 'am', 'try', 'give', 'put', 'let', 'mention',
  'write', 'run', 'send', 'receive', 'answer', 'reply', 'respond', 'copy', 'paste', 'type', 'click', 'open', 'create',
  'add', 'change', 'set', 'call', 'lose', 'spend', 'waste', 'miss', 'fail', 'break', 'learn', 'read', 'ignore', 'work',
]);

function likeDislike(ctx: Ctx, c: Chain, h: number, lemma: string): Draft[] {
  let polarity: Polarity | null = LIKE.has(lemma) ? 'positive' : DISLIKE.has(lemma) ? 'negative' : null;
  let from = h + 1;
  if (!polarity && c.modal === 'can' && c.neg && CANT.has(lemma)) return topical(ctx, 'preference', c.quoteStart, from, 'negative', 0.8);
  const phrasal = PHRASAL.get(lemma);
  if (!polarity && phrasal && norm(ctx, h + 1).startsWith(phrasal[0].replace(/s$/, ''))) {
    polarity = phrasal[1];
    from = h + 2 + (norm(ctx, h + 2) === 'of' || norm(ctx, h + 2) === 'from' ? 1 : 0);
    if (lemma === 'look' && !c.habitual) return []; // "I'm looking for X" is a request, "I usually look for X" a habit
  }
  if (!polarity) return [];
  if (c.modal && !(c.modal === 'would' && (lemma === 'prefer' || lemma === 'rather'))) return [];
  if (c.past && !c.perfect) return []; // "I loved the movie" is about one event
  if (c.neg) {
    if (polarity === 'negative') return []; // "I don't hate X" says too little
    polarity = 'negative';
  }
  if (norm(ctx, from) === 'not' && norm(ctx, from + 1) === 'to') {
    polarity = polarity === 'positive' ? 'negative' : 'positive';
    from += 1;
  }
  // "I prefer to avoid X" is a dislike of X; "I tend to enjoy X" a liking of X.
  const inner = ctx.toks[norm(ctx, from) === 'to' ? from + 1 : from];
  if (inner && (DISLIKE.has(inner.lemma) || LIKE.has(inner.lemma)) && inner.lemma !== 'skip') {
    if (DISLIKE.has(inner.lemma)) polarity = polarity === 'positive' ? 'negative' : 'positive';
    from = ctx.toks.indexOf(inner) + 1;
  }
  // "I refuse to give up cheese" loves cheese: giving up or quitting flips the polarity.
  const quit = norm(ctx, from) === 'to' ? from + 1 : from;
  const quitLength = norm(ctx, quit) === 'give' && norm(ctx, quit + 1) === 'up' ? 2 : ['quit', 'stop'].includes(norm(ctx, quit)) ? 1 : 0;
  if (quitLength > 0) {
    polarity = polarity === 'positive' ? 'negative' : 'positive';
    from = quit + quitLength;
  }
  // "I'm leaning towards X" usually weighs an option just offered in the chat.
  const conf = c.modal === 'would' || (lemma === 'lean' && c.progressive) ? 0.55 : c.habitual ? 0.8 : 0.75;
  return topical(ctx, 'preference', c.quoteStart, from, polarity, conf, { verbStart: true, stop: PREFER_STOP, relative: true, max: 10 });
}

function consumption(ctx: Ctx, c: Chain, h: number, lemma: string): Draft | null {
  const spec = CONSUME.get(lemma);
  if (!spec || c.past || (c.modal && !(c.modal === 'can' && c.neg))) return null;
  const only = norm(ctx, h - 1) === 'only';
  if (!c.neg && !c.habitual && !only && !frequencyWithin(ctx.toks, h) && !/^(?:way|too|so|a|lots)$/.test(norm(ctx, h + 1))) return null;
  const v = valueAt(ctx, h + 1, { max: 6 });
  const polarity: Polarity = c.neg ? 'negative' : 'positive';
  const attribute = c.neg ? spec[0] : spec[1];
  const root = attribute === 'dietary restriction' ? 'health' : 'routine';
  if (!v) {
    // "I don't drink." / "I never smoke" — the bare verb is the whole disclosure.
    const next = ctx.toks[h + 1];
    if (!c.neg || (next && next.pos !== 'PUNCT' && next.sent === ctx.toks[h]?.sent && norm(ctx, h + 1) !== 'and')) return null;
    return draft(attribute, lemma === 'drink' ? 'alcohol' : lemma === 'eat' ? 'eating' : 'smoking', root, c.quoteStart, h + 1, 0.7, polarity);
  }
  return draft(attribute, `${only ? 'only ' : ''}${v.text}`, root, c.quoteStart, v.span.end, 0.75, polarity);
}

const BARE_DET_OK: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['play', new Set(['the'])], ['drive', new Set(['a', 'an'])], ['ride', new Set(['a', 'my'])], ['wear', new Set(['a'])],
]);

/** Activities that are a whole disclosure without an object: "I hike", "I usually swim". */
const BARE_OK = new Set(['cook', 'bake', 'garden', 'knit', 'sew', 'paint', 'draw', 'sketch', 'hike', 'swim', 'bike', 'cycle', 'jog', 'run', 'meditate', 'surf', 'ski', 'snowboard', 'fish', 'hunt', 'camp', 'climb', 'dance', 'sing', 'volunteer', 'travel', 'golf', 'skate', 'exercise', 'pray', 'journal']);

const LIGHT_GO = new Set(['go', 'do']);

function activity(ctx: Ctx, c: Chain, h: number, lemma: string): Draft[] {
  // Perfect tense ("I have mostly dealt with ...") reports experience, not a routine.
  if (c.modal || c.past || c.perfect || (c.subject === 'we' && !c.habitual)) return [];
  const known = MEDIA.has(lemma) || ACTIVITY.has(lemma);
  if (!known && (!(c.habitual || frequencyWithin(ctx.toks, h)) || NOT_HABIT.has(lemma) || ctx.toks[h]?.pos !== 'VERB')) return [];
  if (c.progressive && !(c.habitual || frequencyWithin(ctx.toks, h))) return []; // "I'm watching X now" is an event, not a habit
  const habitual = c.habitual || frequencyWithin(ctx.toks, h);
  if (!habitual) {
    // Without a habit adverb, only a bare object reads as a habit: "I play guitar", not "I run the script".
    const next = ctx.toks[h + 1];
    const det = next?.pos === 'DET' || next?.pos === 'PRON';
    const quantity = /^(?:a (?:lot|bunch|ton) of|lots of|plenty of)\b/.test(ctx.text.slice(next?.start ?? 0, (next?.start ?? 0) + 14).toLowerCase());
    if (det && !quantity && !BARE_DET_OK.get(lemma)?.has(next.norm)) return [];
    if (lemma === 'go' && !/ing$/.test(next?.norm ?? '')) return [];
    if (lemma === 'write' || lemma === 'run' || lemma === 'shop' || lemma === 'train') return [];
    const last = ctx.toks.findLast((t) => t.sent === ctx.toks[h]?.sent);
    if (last?.norm === '?') return [];
  }
  if (lemma === 'listen' && norm(ctx, h + 1) !== 'to') return [];
  // "I meditate for 10 minutes each morning": how long is no object; the habit is its frequency.
  const often = frequencyAfterDuration(ctx.toks, h + 1);
  if (often) return [draft(gerund(lemma), spanText(ctx.text, ctx.toks, often), topicOf([lemma])?.root ?? 'hobbies', c.quoteStart, often.end, 0.6, c.neg ? 'negative' : 'positive')];
  const found = valueAt(ctx, h, { verbStart: true, max: 9 });
  // "I go swimming | twice a week": a frequency right after the activity belongs to the habit.
  const freq = found ? frequencyEnd(ctx.toks, found.span.end) : h;
  // A bare activity takes its frequency as value ("swimming = twice a week"); one with an object
  // keeps the object ("baking = bread") and the frequency only in the quote.
  const bareVerb = found !== null && found.span.end - found.span.start === 1 + (LIGHT_GO.has(norm(ctx, h)) ? 1 : 0);
  const v = found && freq > found.span.end && bareVerb ? { span: { start: found.span.start, end: freq } } : found;
  const quoteEnd = Math.max(freq, v?.span.end ?? h);
  if (!v || (v.span.end - v.span.start < 2 && !BARE_OK.has(lemma))) return [];
  const polarity: Polarity = c.neg ? 'negative' : 'positive';
  // The habit's own verb leads the span, whatever the tagger called it ("i journal every night").
  return nameValues(ctx.toks, v.span, 'preference', v.span.start === h, c.effort ? 'effort' : 'habit')
    .map((named) => ({ ...draft(named.attribute, namingText(ctx.text, ctx.toks, named), named.root, c.quoteStart, v.span.end, habitual ? 0.7 : 0.6, polarity), to: quoteEnd, elaborates: true }))
    .filter((d) => d.value !== '');
}

export function preferenceFamily(ctx: Ctx, c: Chain): Draft[] {
  if (c.copula) return [];
  const h = c.head;
  const t = ctx.toks[h];
  if (!t) return [];
  const lemma = t.lemma === 'rather' || t.norm === 'rather' ? 'rather' : t.lemma;
  if (lemma === 'rather' && c.modal === 'would') {
    return topical(ctx, 'preference', c.quoteStart, h + 1, c.neg || norm(ctx, h + 1) === 'not' ? 'negative' : 'positive', 0.6, { verbStart: true, stop: PREFER_STOP });
  }
  const ld = likeDislike(ctx, c, h, lemma);
  if (ld.length > 0) return ld;
  if (LIKE.has(lemma) || DISLIKE.has(lemma) || PHRASAL.has(lemma)) return [];
  const cons = consumption(ctx, c, h, lemma);
  if (cons) return [cons];
  if (CONSUME.has(lemma)) return [];
  return activity(ctx, c, h, lemma);
}
