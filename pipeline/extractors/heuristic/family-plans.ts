/**
 * Plans and aspirations: "someday I want to open a bakery", "I hope to become a pilot", "I'd
 * love to write a novel", "I'm going to start college next fall", "I plan to retire early".
 * The verb phrase after "to" is the value; "become a X" keeps only X, the aspired role.
 */
import type { Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import type { RootKey } from './roots.js';
import { defaultWordNet } from '../../lexicon/wordnet.js';

/** Verbs of wanting and planning, each with the attribute it names. */
const INTENT: ReadonlyMap<string, string> = new Map([
  ['want', 'aspiration'], ['wanna', 'aspiration'], ['hope', 'aspiration'], ['dream', 'aspiration'], ['aspire', 'aspiration'],
  ['long', 'aspiration'], ['yearn', 'aspiration'], ['plan', 'plan'], ['intend', 'plan'], ['aim', 'plan'],
  ['save', 'plan'], ['decide', 'plan'], ['hoping', 'aspiration'], ['planning', 'plan'],
]);
/** "would love/like to X" is an aspiration too. */
const WOULD_LIKE = new Set(['love', 'like']);
/** Conversational verbs: "I want to ask", "I'm going to try that" are about this chat, not a life plan. */
const CHAT_VERBS = new Set([
  'ask', 'know', 'say', 'tell', 'try', 'check', 'see', 'make', 'get', 'do', 'add', 'use', 'write', 'create', 'share', 'thank',
  'clarify', 'confirm', 'mention', 'point', 'talk', 'discuss', 'hear', 'understand', 'find', 'learn', 'look', 'read', 'give',
  'help', 'go', 'be', 'have', 'put', 'keep', 'change', 'edit', 'fix', 'improve', 'explain', 'send', 'practice', 'play', 'pretend',
]);

const WHEN = /^(?:next|this|someday|soon|eventually|one|after|before|in|when|tomorrow|tonight|later|once)$/;
const SEASON = /^(?:year|month|week|summer|winter|spring|fall|autumn|semester|weekend|day|january|february|march|april|may|june|july|august|september|october|november|december|\d{4})$/;

/** A time ahead in the same sentence: "next fall", "this spring", "in june", "someday", "one day". */
function whenAhead(ctx: Ctx, h: number): boolean {
  const sent = ctx.toks[h]?.sent;
  for (let k = h + 1; k < ctx.toks.length && ctx.toks[k]?.sent === sent && k < h + 14; k += 1) {
    const n = norm(ctx, k);
    if (n === 'someday' || n === 'soon' || n === 'eventually') return true;
    if (WHEN.test(n) && SEASON.test(norm(ctx, k + 1))) return true;
    if (n === 'one' && norm(ctx, k + 1) === 'day') return true;
  }
  return false;
}

/**
 * Verbs of a life goal. Said to an assistant, "I want to build a dataset" is a request; "I want to
 * open a bakery" is a plan for one's life. Other verbs count only with a time ahead or a "hope".
 */
const LIFE_GOALS = new Set([
  'become', 'be', 'live', 'move', 'retire', 'travel', 'learn', 'visit', 'open', 'own', 'buy', 'go', 'get', 'have', 'see',
  'hike', 'run', 'climb', 'sail', 'swim', 'write', 'publish', 'study', 'finish', 'graduate', 'marry', 'adopt', 'raise',
  'start', 'quit', 'lose', 'backpack', 'explore', 'teach', 'volunteer', 'settle', 'return', 'retrain', 'try', 'master',
]);

function aspired(ctx: Ctx, c: Chain, from: number, attribute: string, dated = false, isVerb = false): Draft[] {
  const verb = ctx.toks[from];
  if (!verb || (verb.pos !== 'VERB' && verb.pos !== 'AUX' && !isVerb)) return [];
  const hoped = !['want', 'wanna', 'love', 'like'].includes(ctx.toks[c.head]?.lemma ?? '') || attribute === 'plan';
  const timed = dated || whenAhead(ctx, from);
  if (!timed && !hoped && !LIFE_GOALS.has(verb.lemma)) return [];
  // "become a pilot", "be a nurse": the role is the value.
  if ((verb.lemma === 'become' || verb.lemma === 'be') && /^(?:a|an)$/.test(norm(ctx, from + 1))) {
    const v = valueAt(ctx, from + 2, { max: 5 });
    return v ? [draft('aspired occupation', v.text, 'career', c.quoteStart, v.span.end, 0.7, 'positive')] : [];
  }
  // A dated plan ("get my license this spring") is a plan whatever its verb.
  if (CHAT_VERBS.has(verb.lemma) && !timed) {
    // Going to school, learning a language, writing a book are plans; asking or trying in this chat is not.
    const obj = norm(ctx, from + 1);
    const substantive = (verb.lemma === 'go' && (obj === 'to' || obj === 'back')) || (verb.lemma === 'learn' && ctx.toks[from + 1]?.pos === 'PROPN') || ((verb.lemma === 'write' || verb.lemma === 'read') && /^(?:a|my)$/.test(obj) && /^(?:book|novel|memoir)s?$/.test(norm(ctx, from + 2)));
    if (!substantive) return [];
  }
  const v = valueAt(ctx, from, { verbStart: true, max: 9 });
  if (!v || v.span.end - v.span.start < 2) return [];
  const root: RootKey = attribute === 'plan' ? 'routine' : 'values';
  return [draft(attribute, v.text, root, c.quoteStart, v.span.end, 0.6, 'positive')];
}

export function plansFamily(ctx: Ctx, c: Chain): Draft[] {
  if (c.copula || c.neg || c.past || c.subject !== 'i') return [];
  const h = c.head;
  const t = ctx.toks[h];
  if (!t) return [];
  // A question about the plan ("do you think I should ...") never reaches here; a trailing "?" may.
  const last = ctx.toks.findLast((x) => x.sent === t.sent);
  if (last?.norm === '?') return [];
  // "I'm going to college next year": "going to" with a place, not a verb.
  if (c.modal === 'will' && norm(ctx, h - 1) === 'to' && norm(ctx, h - 2) === 'going' && t.pos !== 'VERB') {
    const v = valueAt(ctx, h, { max: 6 });
    return v ? [draft('plan', v.text, 'routine', c.quoteStart, v.span.end, 0.6, 'positive')] : [];
  }
  // "I'm going to / I will start college next fall"; without a when, "I will submit an email" is
  // about the conversation, not a life plan.
  if (c.modal === 'will' && !c.habitual) return whenAhead(ctx, h) ? aspired(ctx, c, h, 'plan', true) : [];
  // "I'm studying to be a doctor", "training to become a pilot"
  if (c.progressive && norm(ctx, h + 1) === 'to' && /^(?:be|become)$/.test(norm(ctx, h + 2))) return aspired(ctx, c, h + 2, 'aspiration');
  if (c.modal === 'would' && WOULD_LIKE.has(t.lemma) && norm(ctx, h + 1) === 'to') return aspired(ctx, c, h + 2, 'aspiration');
  if (c.modal) return [];
  const attribute = INTENT.get(t.lemma) ?? INTENT.get(t.norm);
  if (!attribute) return [];
  let from = h + 1;
  if (norm(ctx, from) === 'of' || norm(ctx, from) === 'on') from += 1; // "dream of opening", "plan on moving"
  else if (t.lemma === 'save') {
    // "saving up for", "saving every penny to buy a house", "saving money for a car"
    if (norm(ctx, from) === 'every' && /^(?:penny|cent|dime|dollar)$/.test(norm(ctx, from + 1))) from += 2;
    if (/^(?:up|money|cash)$/.test(norm(ctx, from))) from += 1;
    if (norm(ctx, from) === 'to' && norm(ctx, from + 1) === 'buy') {
      const v = valueAt(ctx, from + 2, { max: 6 });
      return v ? [draft('savings goal', v.text, 'career', c.quoteStart, v.span.end, 0.6, 'positive')] : [];
    }
  }
  if (norm(ctx, from) === 'to') return aspired(ctx, c, from + 1, attribute);
  // "i wanna hike the appalachian trail": "wanna" carries its own "to".
  if (/^wanna$/i.test(ctx.text.slice(t.start, t.end)) && ctx.toks[from] && defaultWordNet()?.lemma(norm(ctx, from), 'verb')) return aspired(ctx, c, from, attribute, false, true);
  const next = ctx.toks[from];
  // "I dream of opening a bakery", "saving up for flight school"
  if (next && /ing$/.test(next.norm)) {
    const v = valueAt(ctx, from, { verbStart: true, max: 9 });
    return v && v.span.end - v.span.start >= 2 ? [draft(attribute, v.text, 'values', c.quoteStart, v.span.end, 0.6, 'positive')] : [];
  }
  if (t.lemma === 'save' && norm(ctx, from) === 'for') {
    const v = valueAt(ctx, from + 1, { max: 6 });
    return v ? [draft('savings goal', v.text, 'career', c.quoteStart, v.span.end, 0.6, 'positive')] : [];
  }
  return [];
}
