/**
 * "I especially like the video interviews", "I'm particularly interested in the seating area": a
 * focus adverb picks one of the things the conversation has just laid out (the assistant's list,
 * a museum's exhibits), and the definite article points back at them. That is a reaction to the
 * conversation, not a standing attribute of the speaker. Without the article the statement is
 * general and stays ("I especially like jazz", "I'm particularly interested in reducing waste").
 */
import type { Chain } from './clause.js';
import type { Tok } from './tokens.js';

const FOCUS = new Set(['especially', 'particularly', 'specifically']);
const POINTING = new Set(['the', 'this', 'that', 'these', 'those']);
/** What may stand between the verb (or "interested", "fond") and its object. */
const LINKS = new Set(['in', 'of', 'about', 'on', 'with', 'to', 'by']);

export function picksFromContext(toks: readonly Tok[], chain: Chain): boolean {
  let focused = false;
  for (let k = chain.quoteStart; k < chain.head; k += 1) if (FOCUS.has(toks[k]?.norm ?? '')) focused = true;
  if (!focused) return false;
  let k = chain.head + 1;
  while (LINKS.has(toks[k]?.norm ?? '') && k < chain.head + 3) k += 1;
  const object = toks[k];
  return object !== undefined && object.sent === toks[chain.head]?.sent && POINTING.has(object.norm);
}
