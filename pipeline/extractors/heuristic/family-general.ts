/**
 * The open-ended fallback: any first-person statement with a content verb and an object that no
 * other family read, named by its verb ("I write poetry" → writing = poetry, "I coach little
 * league" → coaching = little league, "I played soccer in college" → playing = soccer in
 * college). It is what keeps the vocabulary open: a new corpus brings new verbs, and each one
 * names an attribute. Conversational verbs ("I think", "I need", "I asked") are not disclosures.
 */
import type { Polarity } from '../../core/types.js';
import type { Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import { activityName, gerund, practiceName, withoutCircumstance } from './naming.js';
import { isPursuit } from './pursuit.js';
import { frequencyAfterDuration, frequencyEnd, frequencyWithin } from './frequency.js';
import { spanText } from './span-text.js';
import { topicOf } from './topic-prior.js';
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { spanWords } from './span-text.js';

/** Verbs of talking, thinking, wanting and helping: in chat they describe the chat, not the person. */
const NOT_DISCLOSURE = new Set([
  'think', 'know', 'guess', 'mean', 'feel', 'need', 'want', 'wish', 'hope', 'wonder', 'see', 'hear', 'say', 'tell', 'ask',
  'agree', 'thank', 'understand', 'remember', 'forget', 'get', 'try', 'find', 'believe', 'appreciate', 'apologize',
  'apologise', 'suppose', 'assume', 'realize', 'realise', 'notice', 'doubt', 'bet', 'reckon', 'imagine', 'expect', 'promise',
  'suggest', 'recommend', 'use', 'look', 'seem', 'check', 'send', 'give', 'put', 'let', 'make', 'come', 'start', 'stop',
  'help', 'search', 'google', 'copy', 'paste', 'type', 'click', 'open', 'create', 'add', 'change', 'set', 'answer', 'reply',
  'respond', 'mention', 'hate', 'love', 'like', 'prefer', 'enjoy', 'be', 'have', 'am', 'would', 'can', 'will', 'wanna',
  'gotta', 'got', 'go', 'wait', 'care', 'mind', 'sound', 'write', 'read', 'run', 'call', 'show', 'share', 'post', 'upload',
  'paste', 'attach', 'include', 'provide', 'love', 'receive', 'hope', 'plan', 'decide', 'intend', 'consider', 'keep',
  'fail', 'miss', 'struggle', 'worry', 'follow', 'continue', 'finish', 'complete', 'test', 'run', 'build', 'compile',
  'install', 'download', 'import', 'export', 'deploy', 'debug', 'code', 'implement', 'generate', 'translate', 'rewrite',
  'summarize', 'summarise', 'edit', 'explain', 'describe', 'list', 'define', 'compare', 'calculate', 'solve', 'convert',
]);
/** Verbs of mind and speech: never a habit, whatever the frequency ("I think about it every day"). */
const COGNITIVE = new Set(['think', 'know', 'guess', 'mean', 'feel', 'need', 'want', 'wish', 'hope', 'wonder', 'say', 'tell', 'ask', 'agree', 'thank', 'understand', 'remember', 'forget', 'believe', 'suppose', 'assume', 'realize', 'realise', 'notice', 'doubt', 'bet', 'expect', 'seem', 'sound', 'be', 'have', 'am', 'get', 'try', 'use', 'let', 'do']);


/** Verbs that do name a personal activity even though chat also uses them: kept when the object is bare. */
const BARE_OBJECT_OK = new Set(['write', 'read', 'run', 'build', 'keep', 'follow', 'code', 'play', 'call', 'make', 'win', 'start', 'finish', 'miss']);
/** "before I turn 40", "when I was little": a subordinate clause is circumstance, not disclosure. */
const SUBORDINATE = new Set(['before', 'after', 'when', 'until', 'til', 'till', 'since', 'while', 'once', 'whenever', 'as', 'than', 'because', 'cause', 'cuz', 'where']);
const GENERAL_MAX_TURN = 400;
const START = new Set(['to', 'at', 'for', 'with', 'in', 'on', 'up', 'out', 'around', 'into', 'by', 'from', 'about', 'after', 'off']);

/** "I do crossfit" → crossfit as an activity; "I do that" / "I do it" say nothing. */
function doActivity(ctx: Ctx, c: Chain, h: number): Draft[] {
  const next = ctx.toks[h + 1];
  if (!next || !(next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN' || /^(?:a|an|my|some)$/.test(next.norm))) return [];
  const v = valueAt(ctx, h + 1, { max: 7, relative: false });
  if (!v) return [];
  const freq = frequencyEnd(ctx.toks, v.span.end);
  return [draft('activity', v.text, topicOf(spanWords(ctx.toks, v.span))?.root ?? 'hobbies', c.quoteStart, Math.max(freq, v.span.end), 0.5, c.neg ? 'negative' : 'positive')];
}

const DURATION = /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|several|a few|few|the past|the last|years|months|weeks|decades|ages|ever|so|too|quite|a while|a long|long)\b/;

/** "for years", "since 2019" after the verb: a perfect progressive that lasts is a pursuit ("ive been dealing with anxiety for years"). */
function sinceWhen(ctx: Ctx, h: number): boolean {
  const sent = ctx.toks[h]?.sent;
  for (let k = h + 1; k < ctx.toks.length && ctx.toks[k]?.sent === sent; k += 1) {
    if (norm(ctx, k) === 'since') return true;
    if (norm(ctx, k) === 'for' && DURATION.test(`${norm(ctx, k + 1)} ${norm(ctx, k + 2)}`)) return true;
  }
  return false;
}

export function generalFamily(ctx: Ctx, c: Chain): Draft[] {
  // "we keep chickens" in a short chat turn is the speaker's household; in a long request "we" is a team.
  if (c.copula || (c.modal && c.modal !== 'can') || c.subject === 'someone' || (c.subject === 'we' && !c.habitual && ctx.text.length > 160)) return [];
  // "I have displayed", "I haven't faced": a perfect reports an experience, rarely who one is.
  if (c.perfect && !c.progressive) return [];
  // In a long message to an assistant, "I estimate", "I return" describe the task, not the writer.
  if (ctx.text.length > GENERAL_MAX_TURN) return [];
  if (c.modal === 'can' && !c.neg) return [];
  const h = c.head;
  const t = ctx.toks[h];
  // A dropped-subject clause may open with an -ing form tagged as a noun ("reading dune right now").
  const openingIng = c.quoteStart === h && t?.pos === 'NOUN' && /ing$/.test(t.norm);
  // "i journal every night": a noun-tagged word right after "I", before a frequency, is the verb.
  const nounVerb = t?.pos === 'NOUN' && h === c.quoteStart + 1 && frequencyWithin(ctx.toks, h) && defaultWordNet()?.lemma(t.norm, 'verb') != null;
  if (!t || (t.pos !== 'VERB' && !openingIng && !nounVerb && t.lemma !== 'do') || /[^a-z-]/.test(t.lemma) || t.lemma.length < 2) return [];
  const last = ctx.toks.findLast((x) => x.sent === t.sent);
  if (last?.norm === '?' || SUBORDINATE.has(norm(ctx, c.quoteStart - 1))) return [];
  // "every country i visit": an "I" right after a noun opens a relative clause.
  const before = ctx.toks[c.quoteStart - 1];
  if (before && before.sent === t.sent && (before.pos === 'NOUN' || before.pos === 'PROPN')) return [];
  const next = ctx.toks[h + 1];
  // Without a subject, a past form before a bare noun is an adjective: "reclaimed wood", "distributed systems".
  if (c.past && c.quoteStart === h && next !== undefined && ['NOUN', 'ADJ', 'PROPN'].includes(next.pos) && !isPursuit(t.lemma)) return [];
  const bare = next !== undefined && (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'NUM' || next.norm === 'my') && next.sent === t.sent;
  // "I spend my weekends volunteering at the animal shelter": the -ing verb is the activity.
  if (t.lemma === 'spend') {
    let j = h + 1;
    while (j < h + 5 && ctx.toks[j] && !/ing$/.test(norm(ctx, j)) && ctx.toks[j]?.sent === t.sent) j += 1;
    const ing = ctx.toks[j];
    if (ing && /ing$/.test(ing.norm) && j > h + 1) {
      let at = j + 1;
      while (START.has(norm(ctx, at)) && at < j + 3) at += 1;
      const v = valueAt(ctx, at, { max: 7 });
      const when = spanText(ctx.text, ctx.toks, { start: h + 1, end: j });
      return [draft(gerund(ing.lemma), v ? v.text : when, topicOf([ing.lemma])?.root ?? 'hobbies', c.quoteStart, v ? v.span.end : j + 1, 0.55, 'positive')];
    }
  }
  // "I make my own pasta", "I help out at a soup kitchen" are about the person whatever the verb.
  const own = norm(ctx, h + 1) === 'my' && norm(ctx, h + 2) === 'own';
  const helpOut = t.lemma === 'help' && norm(ctx, h + 1) === 'out';
  // "I make a smoothie every morning": a frequency makes nearly any verb a habit.
  const habitual = c.habitual || frequencyWithin(ctx.toks, h);
  if (NOT_DISCLOSURE.has(t.lemma) && !own && !helpOut && !(BARE_OBJECT_OK.has(t.lemma) && bare) && !(habitual && !COGNITIVE.has(t.lemma))) return [];
  // "I do crossfit", "i do data entry": "do" with a bare activity noun names that activity.
  if (t.lemma === 'do') return doActivity(ctx, c, h);
  // "I'm hitting a roadblock", "I am preparing an estimate": a task of the moment, unless it is a
  // pursuit. A past event stays: "I moved to seattle", "I just bought my first house" are life news.
  if (c.progressive && !habitual && !c.effort && !isPursuit(t.lemma, true) && !(c.perfect && sinceWhen(ctx, h))) return [];
  let from = h + 1;
  while (START.has(norm(ctx, from)) && from < h + 3) from += 1;
  // "I garden a lot": a quantity is how much, not what.
  const quantity = /^(?:a lot|a bit|a ton|lots|loads|much|alot)$/.test(`${norm(ctx, from)}${norm(ctx, from) === 'a' ? ` ${norm(ctx, from + 1)}` : ''}`);
  const found = quantity ? null : valueAt(ctx, from, { max: 7, relative: false });
  // "I meditate for 10 minutes each morning": how long is no object; the habit is its frequency.
  const often = frequencyAfterDuration(ctx.toks, h + 1);
  if (often) return [draft(gerund(t.lemma), spanText(ctx.text, ctx.toks, often), topicOf([t.lemma])?.root ?? 'hobbies', c.quoteStart, often.end, 0.5, c.neg ? 'negative' : 'positive')];
  const freqStart = found ? found.span.end : h + 1;
  const freq = frequencyEnd(ctx.toks, freqStart);
  if (!found) {
    // "I garden every weekend", "i knit": a bare activity verb, kept only with a frequency or at the clause end.
    if (c.past && !c.habitual) return []; // "i cried": a past event, not a hobby
    if (freq === h + 1 && ctx.text.length > 160) return []; // a bare "I bring" in a long message is half a sentence
    const end = ctx.toks[quantity ? h + 3 - (norm(ctx, from) === 'a' ? 0 : 1) : h + 1];
    if (freq === h + 1 && end && end.sent === t.sent && end.pos !== 'PUNCT' && end.norm !== 'and') return [];
    const value = freq > h + 1 ? spanText(ctx.text, ctx.toks, { start: h + 1, end: freq }) : gerund(t.lemma);
    const d = draft(freq > h + 1 ? gerund(t.lemma) : 'hobby', value, topicOf([t.lemma])?.root ?? 'hobbies', c.quoteStart, Math.max(freq, h + 1), 0.45, c.neg ? 'negative' : 'positive');
    return [{ ...d, elaborates: true }];
  }
  // The value is the object ("snow"); a frequency after it ("every single day") stays in the quote.
  const object = withoutCircumstance(ctx.toks, found.span);
  const value = spanText(ctx.text, ctx.toks, object);
  const polarity: Polarity = c.neg ? 'negative' : 'positive';
  // Named as every activity is ("I tend to stick with traditional workbooks" → workbook preference).
  const { attribute, root } = activityName(ctx.toks, t, object);
  // "I've been trying to squeeze in some exercise": the effort, not its verb, is the attribute.
  const practice = practiceName(ctx.toks, t, object, attribute, c.effort ? 'effort' : c.past && !habitual ? 'event' : 'habit');
  if (practice) return [draft(practice.attribute, spanText(ctx.text, ctx.toks, { start: h, end: object.end }), practice.root, c.quoteStart, Math.max(freq, object.end), 0.5, polarity)];
  return [draft(attribute, value, root, c.quoteStart, Math.max(freq, object.end), c.past ? 0.45 : 0.5, polarity)];
}
