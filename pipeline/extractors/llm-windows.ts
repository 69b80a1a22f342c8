/**
 * Splits a conversation into prompt windows by character budget. Only user turns are sources
 * of evidence; assistant turns ride along (shortened) so the model understands what the user
 * is replying to, and are labelled so it does not extract from them.
 */
import type { Conversation, Turn } from '../core/types.js';

export interface TurnWindow {
  index: number;
  turns: Turn[];
}

/** Assistant context is capped: long code answers would otherwise crowd out user text. */
export const ASSISTANT_CONTEXT_CHARS = 1500;

export function windowTurns(conversation: Conversation, maxChars: number): TurnWindow[] {
  const turns = conversation.turns.filter((t) => t.role === 'user' || t.role === 'assistant');
  const windows: TurnWindow[] = [];
  let current: Turn[] = [];
  let size = 0;
  const hasUser = () => current.some((t) => t.role === 'user');
  for (const t of turns) {
    const len = t.role === 'assistant' ? Math.min(t.text.length, ASSISTANT_CONTEXT_CHARS) : t.text.length;
    // An oversized single user turn still gets its own window: user text is never cut.
    if (hasUser() && size + len > maxChars) {
      windows.push({ index: windows.length, turns: current });
      current = [];
      size = 0;
    }
    if (t.role === 'assistant' && !hasUser()) {
      // Before any user turn of this window only the latest assistant turn matters: what the user replies to.
      current = [t];
      size = len;
      continue;
    }
    current.push(t);
    size += len;
  }
  if (hasUser()) windows.push({ index: windows.length, turns: current });
  return windows;
}

export function renderWindow(w: TurnWindow): string {
  return w.turns
    .map((t) => {
      if (t.role === 'user') return `[turn ${t.turnIndex} | USER]\n${t.text}`;
      const text = t.text.length > ASSISTANT_CONTEXT_CHARS ? `${t.text.slice(0, ASSISTANT_CONTEXT_CHARS)} …[cut]` : t.text;
      return `[turn ${t.turnIndex} | ASSISTANT — context only, never quote or extract from it]\n${text}`;
    })
    .join('\n\n');
}

/**
 * Finds `quote` verbatim in a user turn: the window's turns first (where the model saw it),
 * then the rest of the conversation. First occurrence wins.
 */
export function groundQuote(
  quote: string,
  inWindow: Turn[],
  conversation: Conversation,
): { turn: Turn; start: number; end: number } | undefined {
  if (quote.length === 0) return undefined;
  const candidates = [...inWindow, ...conversation.turns.filter((t) => !inWindow.includes(t))];
  for (const turn of candidates) {
    if (turn.role !== 'user') continue;
    const start = turn.text.indexOf(quote);
    if (start >= 0) return { turn, start, end: start + quote.length };
  }
  return undefined;
}
