/**
 * The default offline extractor: English self-disclosure patterns over wink-nlp tokens and POS
 * tags. Deterministic, no network, no randomness. Only user turns are read; assistant turns are
 * ignored (they are context for LLM extractors, not evidence).
 */
import { DEFAULT_ROOTS, type Conversation, type Extractor, type Mention, type Turn } from '../../core/types.js';
import { withTurn } from '../../extract/extraction-error.js';
import { readChain } from './clause.js';
import { elaborations } from './elaborations.js';
import type { Ctx, Draft } from './draft.js';
import { copulaFamily } from './family-copula.js';
import { fragmentFamily } from './family-fragment.js';
import { generalFamily } from './family-general.js';
import { haveFamily } from './family-have.js';
import { lifeFamily } from './family-life.js';
import { plansFamily } from './family-plans.js';
import { possessiveFamily } from './family-possessive.js';
import { preferenceFamily } from './family-preference.js';
import { relationalFamily } from './family-relational.js';
import { endsInPlural } from './lexical-classes.js';
import { analyseTurn, inRanges, looksLikeCode } from './regions.js';
import { createRootResolver, type RootResolver } from './roots.js';
import { picksFromContext } from './selection.js';
import { tokenise } from './tokens.js';

/** Bump when the meaning of the output changes (patterns, attribute names, value shapes). */
export const HEURISTIC_EXTRACTOR_ID = 'heuristic@4';

/** A mention before it is tied to a turn. */
export type TextMention = Omit<Mention, 'turnId' | 'conversationId' | 'extractorId' | 'llmCallId'>;

// Turns with none of these words cannot hold a first-person disclosure; skip tagging them.
const FIRST_PERSON = /\b(?:i|im|ive|id|my|we|our|as|me|being|fav|fave|favou?rite)\b|\bi['’]/i;
const LONG_TURN = 4000;
const SHORT_TURN = 160;
/** Turns longer than this are tagged only where they speak in the first person. */
const WINDOWED_FROM = 600;
const INSTRUCTION = /^\s*(?:please|write|rewrite|create|generate|make|give|list|tell|explain|describe|summari[sz]e|translate|add|show|provide|act|continue|improve|let's|lets|can|could|would|what|how|why|when|where|who|which|is|are|do|does|should|use|find|compare|suggest|help|define|convert|fix|change|draft|design|build|imagine|pretend)\b/i;

function draftsAt(ctx: Ctx, k: number): Draft[] {
  const out = possessiveFamily(ctx, k);
  const chain = readChain(ctx.toks, k);
  if (!chain) return out.length > 0 ? out : fragmentFamily(ctx, k);
  if (picksFromContext(ctx.toks, chain)) return out;
  // Relational skills first: "i'm a good listener" would otherwise be an occupation-like self-description.
  const relational = relationalFamily(ctx, chain);
  if (relational.length > 0) return out.concat(relational);
  if (chain.copula) return out.concat(copulaFamily(ctx, chain));
  for (const family of [haveFamily, lifeFamily, preferenceFamily, plansFamily, generalFamily]) {
    const ds = family(ctx, chain);
    if (ds.length > 0) return out.concat(ds);
  }
  return out;
}

function usableValue(value: string): boolean {
  return value.length > 0 && value.length <= 80 && /[\p{L}\p{N}]/u.test(value) && !looksLikeCode(value);
}

const defaultRoots = createRootResolver(DEFAULT_ROOTS);

/** Extracts mentions from one piece of user text. Exposed for tests and benchmarks. */
export function extractFromText(text: string, resolveRoot: RootResolver = defaultRoots): TextMention[] {
  // Casual chat drops the "I" ("been vegan for years"); a long turn with no first person is a paste.
  // Without a first person, only a short chat fragment can disclose ("single , one cat"); a
  // question or an instruction to the assistant ("Write a poem about...") cannot. Checked on the
  // raw text because tagging is most of the cost.
  if (text.length === 0 || (!FIRST_PERSON.test(text) && (text.length > SHORT_TURN || text.includes('?') || INSTRUCTION.test(text)))) return [];
  const regions = analyseTurn(text);
  if (regions.fiction) return [];
  const out: TextMention[] = [];
  const seen = new Set<string>();
  for (const [from, to] of taggedWindows(regions.masked)) {
    const toks = tokenise(regions.masked.slice(from, to), from);
    collect({ text, toks }, regions, resolveRoot, seen, out);
  }
  return out;
}

/**
 * The parts of a turn worth tagging: all of a short turn; of a long one (a pasted document, a
 * long request) only its sentences and lines with a first-person word. Tagging is most of the
 * cost, and a disclosure is in the sentence that says "I", "my" or "we".
 */
function taggedWindows(masked: string): [number, number][] {
  if (masked.length <= WINDOWED_FROM) return [[0, masked.length]];
  const windows: [number, number][] = [];
  const boundary = /[.!?]+(?=\s)|\n+/g;
  let start = 0;
  const add = (a: number, b: number) => {
    const last = windows.at(-1);
    if (last && last[1] >= a) last[1] = b;
    else windows.push([a, b]);
  };
  for (let m = boundary.exec(masked); ; m = boundary.exec(masked)) {
    const end = m ? m.index + m[0].length : masked.length;
    if (FIRST_PERSON.test(masked.slice(start, end))) add(start, end);
    if (!m) break;
    start = end;
  }
  return windows;
}

function collect(ctx: Ctx, regions: ReturnType<typeof analyseTurn>, resolveRoot: RootResolver, seen: Set<string>, out: TextMention[]): void {
  const { text, toks } = ctx;
  for (let k = 0; k < toks.length; k += 1) {
    const drafts = draftsAt(ctx, k);
    for (const d of drafts.flatMap((x) => (x.elaborates && x.polarity === 'positive' ? [x, ...elaborations(ctx, x)] : [x]))) {
      const a = toks[d.from];
      const b = toks[d.to - 1];
      if (!a || !b || b.end <= a.start) continue;
      const spanStart = a.start;
      const spanEnd = b.end;
      // A disclosure spoken inside quotation marks is someone else's words.
      if (inRanges(spanStart, regions.quoted)) continue;
      if (regions.masked.slice(spanStart, spanEnd) !== text.slice(spanStart, spanEnd)) continue;
      const value = d.value.trim();
      if (!usableValue(value) || (d.attribute === 'occupation' && !/^\p{L}+ing\b/u.test(value) && endsInPlural(value))) continue;
      // One mention per attribute/value per turn: repeats in a turn add no evidence.
      const key = `${d.attribute}|${value.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const penalty = text.length > LONG_TURN ? 0.15 : 0;
      out.push({
        attribute: d.attribute,
        value,
        root: resolveRoot(d.root),
        polarity: d.polarity,
        spanStart,
        spanEnd,
        quote: text.slice(spanStart, spanEnd),
        confidence: Math.round(Math.min(1, Math.max(0, d.confidence - penalty)) * 100) / 100,
      });
    }
  }
}

/** A turn's text mentions as stored mentions (shared by the in-process extractor and its worker pool). */
export function toMentions(turn: Turn, found: readonly TextMention[]): Mention[] {
  return found.map((m) => ({ turnId: turn.turnId, conversationId: turn.conversationId, ...m, extractorId: HEURISTIC_EXTRACTOR_ID, llmCallId: null }));
}

export function createHeuristicExtractor(opts: { roots?: readonly string[] } = {}): Extractor {
  const resolveRoot = createRootResolver(opts.roots ?? DEFAULT_ROOTS);
  return {
    id: HEURISTIC_EXTRACTOR_ID,
    async extract(conversation: Conversation) {
      const mentions: Mention[] = [];
      for (const turn of conversation.turns) {
        // A throw names its turn, so the stage can record it and go on with other conversations.
        if (turn.role === 'user') mentions.push(...withTurn(turn, () => toMentions(turn, extractFromText(turn.text, resolveRoot))));
      }
      return { mentions, ungrounded: 0 };
    },
  };
}
