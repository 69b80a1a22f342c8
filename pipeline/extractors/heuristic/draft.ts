/**
 * What pattern families return before the extractor turns them into `Mention`s: token spans
 * instead of offsets, and an internal root key instead of a configured root name.
 */
import type { Polarity } from '../../core/types.js';
import { nameValues, namingText } from './naming.js';
import { phrase, type PhraseOptions, type Span } from './phrase.js';
import { spanText } from './span-text.js';
import type { RootKey } from './roots.js';
import type { Tok } from './tokens.js';

export interface Draft {
  attribute: string;
  value: string;
  root: RootKey;
  polarity: Polarity;
  /** Token span of the evidence quote. */
  from: number;
  to: number;
  confidence: number;
  /** A liked thing or activity: an elaboration after it (", agatha christie especially") is another value. */
  elaborates?: boolean;
}

export interface Ctx {
  /** The original turn text (values are read from here). */
  text: string;
  toks: readonly Tok[];
}

export function draft(
  attribute: string,
  value: string,
  root: RootKey,
  from: number,
  to: number,
  confidence: number,
  polarity: Polarity = 'neutral',
): Draft {
  return { attribute, value, root, polarity, from, to, confidence };
}

export function norm(ctx: Ctx, k: number): string {
  return ctx.toks[k]?.norm ?? '';
}

/** The value phrase starting at `from` plus its text, or null when there is no usable phrase. */
export function valueAt(ctx: Ctx, from: number, opts?: PhraseOptions): { span: Span; text: string } | null {
  const span = phrase(ctx.toks, from, opts);
  if (!span) return null;
  const text = spanText(ctx.text, ctx.toks, span);
  return text === '' ? null : { span, text };
}

/** A like/dislike/habit draft named by its statement (naming.ts); `suffix` ends a thing's class name. */
export function topical(
  ctx: Ctx,
  kind: 'preference' | 'habit',
  quoteStart: number,
  from: number,
  polarity: Polarity,
  confidence: number,
  opts: PhraseOptions = { verbStart: true, relative: true, max: 10 },
  suffix = 'preference',
): Draft[] {
  let start = from;
  // "interested in learning more about X" is about X.
  for (let j = from; j < from + 3 && j < ctx.toks.length; j += 1) {
    if (!VAGUE_LEAD.has(norm(ctx, j)) || !['more', 'about', 'of', 'how', 'new'].includes(norm(ctx, j + 1))) continue;
    start = j + 1;
    while (['more', 'about', 'of', 'how', 'to', 'new'].includes(norm(ctx, start))) start += 1;
    break;
  }
  const v = valueAt(ctx, start, opts);
  if (!v) return [];
  const lead = ctx.toks[v.span.start];
  const after = ctx.toks[v.span.end];
  // A lone verb cut off before its pronoun object ("I like to place | them") lost its meaning.
  if (v.span.end - v.span.start === 1 && lead?.pos === 'VERB' && after && (after.pos === 'PRON' || after.pos === 'DET')) return [];
  // A lone vague verb ("interested in exploring", "I like thinking") names no attribute value.
  if (v.span.end - v.span.start === 1 && lead && VAGUE_VERBS.has(lead.lemma)) return [];
  const out: Draft[] = [];
  for (const named of nameValues(ctx.toks, v.span, suffix)) {
    const value = namingText(ctx.text, ctx.toks, named);
    if (value !== '') out.push({ ...draft(named.attribute, value, named.root, quoteStart, v.span.end, confidence, polarity), elaborates: true });
  }
  return out;
}

const VAGUE_VERBS = new Set(['explore', 'know', 'understand', 'learn', 'find', 'get', 'see', 'try', 'do', 'make', 'say', 'think', 'go', 'have', 'use', 'work', 'help', 'hear', 'discover', 'create', 'build', 'start', 'stick', 'keep', 'avoid', 'place', 'put', 'split', 'relax']);
const VAGUE_LEAD = new Set(['learning', 'knowing', 'exploring', 'understanding', 'finding', 'hearing', 'discovering', 'getting', 'seeing', 'trying']);

/** First index at or after `k` whose norm is not in `skip`. */
export function skipWords(ctx: Ctx, k: number, skip: ReadonlySet<string>): number {
  let j = k;
  while (j < ctx.toks.length && skip.has(norm(ctx, j))) j += 1;
  return j;
}
