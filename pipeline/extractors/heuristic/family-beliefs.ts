/**
 * Beliefs, values and practices after a first-person verb: "I believe in", "I value", "I care
 * about", "I identify as", "I suffer from", "I follow a vegan diet", "I go to church".
 */
import type { Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import { v5 } from './life-value.js';
import type { RootKey } from './roots.js';

export function beliefs(ctx: Ctx, c: Chain, h: number, lemma: string): Draft | null {
  const p = norm(ctx, h + 1);
  // "I don't believe in astrology" is a belief too, held negatively.
  if (c.neg && lemma === 'believe' && p === 'in' && !c.modal) {
    const v = valueAt(ctx, h + 2, { verbStart: true, max: 8 });
    return v ? draft('belief', v.text, 'values', c.quoteStart, v.span.end, 0.7, 'negative') : null;
  }
  if (c.modal || (c.past && !c.perfect) || c.neg) return null;
  const mk = (attribute: string, root: RootKey, from: number, conf: number): Draft | null => {
    const v = valueAt(ctx, from, { verbStart: true, max: 8 });
    return v ? draft(attribute, v.text, root, c.quoteStart, v.span.end, conf) : null;
  };
  if (lemma === 'believe' && p === 'in') return mk('belief', 'values', h + 2, 0.75);
  // "I believe that mermaids are real": the clause, up to its end, is the belief.
  if (lemma === 'believe' && c.subject === 'i' && (p === 'that' || ['NOUN', 'PROPN'].includes(ctx.toks[h + 1]?.pos ?? '') || /^(?:everyone|everybody|people|we|nobody|no|all|most|there)$/.test(p))) {
    const from = p === 'that' ? h + 2 : h + 1;
    let end = from;
    while (end < ctx.toks.length && end - from < 10 && ctx.toks[end]?.sent === ctx.toks[h]?.sent && ctx.toks[end]?.pos !== 'PUNCT' && !['but', 'because', 'lol', 'haha', 'so'].includes(norm(ctx, end))) end += 1;
    const a = ctx.toks[from];
    const b = ctx.toks[end - 1];
    if (end - from >= 2 && a && b) return draft('belief', ctx.text.slice(a.start, b.end).toLowerCase(), 'values', c.quoteStart, end, 0.65);
  }
  if (lemma === 'value' && ctx.toks[h + 1]?.pos !== 'PUNCT') return mk('values', 'values', h + 1, 0.7);
  if (lemma === 'care' && p === 'about' && (c.habitual || /^(?:really|deeply)$/.test(norm(ctx, h - 1)))) return mk('values', 'values', h + 2, 0.65);
  if (lemma === 'identify' && p === 'as') return mk('identity', 'demographic', h + 2, 0.75);
  if (lemma === 'suffer' && p === 'from') return mk('health condition', 'health', h + 2, 0.75);
  if (lemma === 'follow' || lemma === 'keep' || lemma === 'maintain' || lemma === 'stick') {
    const v = v5(ctx, p === 'to' ? h + 2 : h + 1);
    if (v && /\bdiet\b|\blifestyle\b/.test(v.text)) return draft('dietary preference', v.text, 'health', c.quoteStart, v.span.end, 0.8);
    if (v && /\b(?:faith|religion|church)\b/.test(v.text)) return draft('religion', v.text, 'values', c.quoteStart, v.span.end, 0.7);
  }
  if (lemma === 'go' && p === 'to' && /^(?:church|mosque|temple|synagogue|mass)$/.test(norm(ctx, h + 2)))
    return draft('religious practice', `goes to ${norm(ctx, h + 2)}`, 'values', c.quoteStart, h + 3, 0.7);
  return null;
}
