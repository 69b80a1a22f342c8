/**
 * Emotional and relational skills: "i'm a good listener", "i find it hard to say no", "i struggle
 * with setting boundaries", "i'm bad at small talk", "i have a hard time trusting people". Only
 * statements whose value is about feelings or other people count (what the RELATIONAL words say);
 * "i struggle with time management" stays with the general family.
 */
import type { Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';

/** People-skill nouns after "a good/bad …": the value is the whole phrase ("good listener"). */
const SKILL_NOUNS = new Set(['listener', 'communicator', 'negotiator', 'mediator', 'peacemaker', 'conversationalist', 'empath', 'team player', 'people person', 'people pleaser', 'pushover', 'hugger']);
const JUDGED = new Set(['good', 'great', 'bad', 'terrible', 'natural', 'decent', 'poor', 'awful', 'excellent', 'real', 'total', 'big']);
const NEGATIVE = new Set(['bad', 'terrible', 'poor', 'awful', 'pushover', 'people pleaser']);

/** Words that make a difficulty or a knack relational (lemmas). */
const RELATIONAL = new Set([
  'trust', 'express', 'communicate', 'boundary', 'boundarie', 'apologize', 'apologise', 'forgive', 'conflict', 'confrontation', 'confront',
  'criticism', 'feedback', 'listen', 'feeling', 'emotion', 'empathy', 'friend', 'delegate', 'assert', 'compromise', 'relationship',
  'people', 'anger', 'temper', 'stranger', 'comfort', 'vulnerable',
]);
const RELATIONAL_PHRASES = /\b(?:say(?:ing)? no|small talk|open(?:ing)? up|speak(?:ing)? up|ask(?:ing)? for help|let(?:ting)? people|read(?:ing)? people|making friends)\b/;
const HARD = new Set(['hard', 'difficult', 'tough', 'challenging']);

export function relationalFamily(ctx: Ctx, c: Chain): Draft[] {
  if (c.subject !== 'i' || c.past) return [];
  const h = c.head;
  const lemma = ctx.toks[h]?.lemma ?? '';
  if (c.copula && !c.neg) {
    const skill = skillNoun(ctx, h);
    if (skill) return skill;
    // "i'm good at reading people", "i'm bad at small talk".
    if (JUDGED.has(norm(ctx, h)) && norm(ctx, h + 1) === 'at') return about(ctx, c, h + 2, NEGATIVE.has(norm(ctx, h)) ? 'interpersonal difficulty' : 'interpersonal skill');
    return [];
  }
  if (c.neg) return [];
  // "i find it hard to say no", "i find it difficult to open up".
  if (lemma === 'find' && norm(ctx, h + 1) === 'it' && HARD.has(norm(ctx, h + 2)) && norm(ctx, h + 3) === 'to') return about(ctx, c, h + 4, 'interpersonal difficulty');
  // "i struggle with setting boundaries", "i struggle to express my feelings".
  if (lemma === 'struggle' && (norm(ctx, h + 1) === 'with' || norm(ctx, h + 1) === 'to')) return about(ctx, c, h + 2, 'interpersonal difficulty');
  // "i have a hard time trusting people".
  if (lemma === 'have' && norm(ctx, h + 1) === 'a' && HARD.has(norm(ctx, h + 2)) && norm(ctx, h + 3) === 'time') return about(ctx, c, h + 4, 'interpersonal difficulty');
  return [];
}

function skillNoun(ctx: Ctx, h: number): Draft[] | null {
  if (!/^(?:a|an)$/.test(norm(ctx, h))) return null;
  let k = h + 1;
  while (ctx.toks[k]?.pos === 'ADV') k += 1;
  const adj = norm(ctx, k);
  const one = norm(ctx, k + 1);
  const two = `${one} ${norm(ctx, k + 2)}`;
  const noun = SKILL_NOUNS.has(two) ? two : SKILL_NOUNS.has(one) ? one : null;
  if (!JUDGED.has(adj) || !noun) {
    // "i'm a people pleaser", "i'm a pushover": the noun alone says it.
    const bare = SKILL_NOUNS.has(`${adj} ${one}`) ? `${adj} ${one}` : null;
    if (!bare || !NEGATIVE.has(bare)) return null;
    return [draft('interpersonal difficulty', bare, 'emotional', h, k + 2, 0.7, 'neutral')];
  }
  const end = k + 1 + noun.split(' ').length;
  const bad = NEGATIVE.has(adj) || NEGATIVE.has(noun);
  return [draft(bad ? 'interpersonal difficulty' : 'interpersonal skill', `${adj} ${noun}`, 'emotional', h, end, 0.75, 'neutral')];
}

function about(ctx: Ctx, c: Chain, from: number, attribute: string): Draft[] {
  // "say no" is one act: the phrase reader stops before the determiner-tagged "no".
  if (/^(?:say|saying)$/.test(norm(ctx, from)) && norm(ctx, from + 1) === 'no') {
    return [draft(attribute, `${norm(ctx, from)} no`, 'emotional', c.quoteStart, from + 2, 0.7, 'neutral')];
  }
  const v = valueAt(ctx, from, { verbStart: true, max: 6 });
  if (!v) return [];
  const words = v.text.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const stem = (w: string) => w.replace(/(?:ing|s)$/, '');
  if (!RELATIONAL_PHRASES.test(words.join(' ')) && !words.slice(0, 3).some((w) => RELATIONAL.has(w) || RELATIONAL.has(stem(w)) || RELATIONAL.has(`${stem(w)}e`))) return [];
  return [draft(attribute, v.text, 'emotional', c.quoteStart, v.span.end, 0.7, 'neutral')];
}
