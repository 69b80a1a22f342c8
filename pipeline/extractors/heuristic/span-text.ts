/**
 * Reading a token span back as text (for values) and as words (for naming its topic).
 */
import type { Span } from './phrase.js';
import type { Tok } from './tokens.js';

const RELATIVE_START = new Set(['that', 'which', 'where', 'who']);

/** A span cut to the token array, so callers' off-by-one spans read nothing rather than crash. */
function clamp(toks: readonly Tok[], span: Span): Span {
  const start = Math.max(0, span.start);
  return { start, end: Math.max(start, Math.min(span.end, toks.length)) };
}

/**
 * The text of a token span, read from the original turn: original spelling and spacing collapsed,
 * common words lower-cased (names and acronyms keep their case).
 */
export function spanText(text: string, toks: readonly Tok[], span: Span): string {
  const { start, end } = clamp(toks, span);
  let out = '';
  let prevEnd = -1;
  for (let j = start; j < end; j += 1) {
    const t = toks[j] as Tok;
    if (t.start < prevEnd) continue; // expanded contraction halves share one source token
    if (prevEnd >= 0) out += text.slice(prevEnd, t.start).length > 0 ? ' ' : '';
    const raw = text.slice(t.start, t.end);
    // Mid-sentence capitals are usually names ("Breaking Bad"); a sentence-initial capital is not.
    const sentenceStart = j === 0 || (toks[j - 1] as Tok).sent !== t.sent;
    const keep = t.pos === 'PROPN' || (!sentenceStart && /[A-Z]/.test(raw) && raw !== 'I');
    out += keep ? raw : raw.toLowerCase();
    prevEnd = t.end;
  }
  return out.trim();
}

/** Lower-case words and lemmas of a span, head-first (last noun first) for categorising. */
export function spanWords(toks: readonly Tok[], rawSpan: Span): string[] {
  const out: string[] = [];
  const span = clamp(toks, rawSpan);
  // An empty span has no words: callers pass "the words after the verb" of a bare verb ("I hike"),
  // and reading its start as a lead token ran past the last token of the turn.
  if (span.start >= span.end) return out;
  // The head is the last noun before any prepositional tail: "fiction" in "fiction in the style of X".
  let headEnd = span.end;
  for (let j = span.start + 1; j < span.end; j += 1) {
    if ((toks[j] as Tok).pos === 'ADP' || RELATIVE_START.has((toks[j] as Tok).norm)) {
      headEnd = j;
      break;
    }
  }
  const lead = toks[span.start] as Tok;
  if (lead.pos === 'VERB') out.push(lead.norm, lead.lemma);
  for (let j = headEnd - 1; j >= span.start; j -= 1) {
    const t = toks[j] as Tok;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') out.push(t.norm, t.lemma);
  }
  for (let j = span.start; j < span.end; j += 1) out.push((toks[j] as Tok).norm, (toks[j] as Tok).lemma);
  return out;
}
