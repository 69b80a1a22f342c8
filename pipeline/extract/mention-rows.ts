import { stableId } from '../core/hash.js';
import type { Conversation, Mention, Slot } from '../core/types.js';
import { isPersonalNameLike, scrubPii } from '../privacy/pii-scrubber.js';
import { scrubText } from '../privacy/scrub-output.js';
import { VALUE_REJECTIONS, type ValueRejection, valueRejection } from '../extractors/value-gate.js';

export interface MentionRow extends Mention {
  mentionId: string;
}

export type DroppedValues = Record<ValueRejection, number>;
export const noDroppedValues = (): DroppedValues => Object.fromEntries(VALUE_REJECTIONS.map((r) => [r, 0])) as DroppedValues;

/**
 * Checks the contract every extractor must keep, whatever it is: a mention quotes exactly the
 * characters of a user turn of its conversation. A mention that breaks it is dropped and counted
 * as `invalid` (never stored), so a buggy extractor cannot corrupt the evidence chain. A grounded
 * mention whose value is not a usable phrase (value-gate.ts: empty, code, too long, only function
 * words, filler, cut off) is dropped too and counted under its reason in `dropped`.
 */
export function validMentions(conversation: Conversation, mentions: Mention[]): { rows: MentionRow[]; invalid: number; dropped: DroppedValues } {
  const turns = new Map(conversation.turns.map((t) => [t.turnId, t]));
  const rows = new Map<string, MentionRow>();
  let invalid = 0;
  const dropped = noDroppedValues();
  for (const m of mentions) {
    const turn = turns.get(m.turnId);
    if (!turn || turn.role !== 'user' || turn.text.slice(m.spanStart, m.spanEnd) !== m.quote || m.spanEnd <= m.spanStart) {
      invalid++;
      continue;
    }
    const rejection = valueRejection(m.value);
    if (rejection) {
      dropped[rejection]++;
      continue;
    }
    // An attribute is a name the extractor made up (an LLM may write "my email is …" there);
    // phrases, embeddings and labels are made from it, so it is stored scrubbed, like a PII value.
    const attribute = scrubText(m.attribute);
    const value = scrubValue(attribute, m.value);
    const mentionId = stableId('m', m.turnId, m.spanStart, m.spanEnd, attribute, value, m.extractorId);
    rows.set(mentionId, { ...m, attribute, value, mentionId });
  }
  return { rows: [...rows.values()], invalid, dropped };
}

/**
 * A value that is itself PII (an email, a phone, a personal name) is stored scrubbed; the quote
 * keeps the evidence. Name-likeness is only trusted for name attributes: a capitalised value
 * such as "Oslo" or "Python" is normal data elsewhere.
 */
export function scrubValue(attribute: string, value: string): string {
  const scrubbed = scrubPii(value).text;
  return /\bnames?\b/.test(attribute) && isPersonalNameLike(scrubbed) ? '[NAME]' : scrubbed;
}

export const slotId = (slot: Slot, extractorId: string): string => stableId('slot', slot.conversationId, slot.turnIds.join(','), slot.path, extractorId);
