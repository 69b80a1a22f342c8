/**
 * Paper-faithful `slot` mode (DeepPersona): each (user question, assistant answer) pair is first
 * classified by how much a personalised answer would depend on who the user is; only for the
 * (partially) personalizable ones a second call proposes `Root.attribute.sub_attribute` slots,
 * i.e. the user attributes an ideal assistant would want to know. Slots are not quotes, so there
 * is no grounding step; they keep their source turn ids instead.
 */
import { z } from 'zod';
import type { Conversation, Extractor, Slot, Turn } from '../core/types.js';
import { withTurn } from '../extract/extraction-error.js';
import type { LlmClient } from '../llm/client.js';
import { mapToRoot } from './root-mapping.js';

export const SLOT_PROMPT_VERSION = 's1';
const MAX_CONTEXT_CHARS = 4000;

const CLASSES = ['Non-Personalizable', 'Partially Personalizable', 'Personalizable'] as const;
export const classifySchema = z.object({ classification: z.enum(CLASSES), reason: z.string() });
export const slotsSchema = z.object({ slots: z.array(z.string()) });

export interface SlotExtractorOptions {
  client: LlmClient;
  roots: readonly string[];
  promptVersion?: string;
}

const clip = (s: string) => (s.length > MAX_CONTEXT_CHARS ? `${s.slice(0, MAX_CONTEXT_CHARS)} …[cut]` : s);

const CLASSIFY_SYSTEM = [
  'You judge whether a user question to an AI assistant could be answered better if the assistant knew personal attributes of the user.',
  '- "Personalizable": a good answer clearly depends on who the user is (their situation, preferences, background).',
  '- "Partially Personalizable": a generic answer works, but knowing the user would noticeably improve it.',
  '- "Non-Personalizable": the answer is the same for everyone (facts, math, code with fully specified requirements).',
  'Reply with JSON: {"classification": one of the three labels, "reason": one or two sentences naming what about the user matters}.',
].join('\n');

function slotsSystem(roots: readonly string[]): string {
  return [
    'Given a user question, the assistant answer and why the question is personalizable, list the user attributes ("slots") an assistant would want to know to personalise the answer.',
    'Write each slot as a path "Root.attribute.sub_attribute" (sub_attribute optional), with short lower-case attribute names.',
    `Root must be exactly one of: ${roots.map((r) => JSON.stringify(r)).join(', ')}. Never use a dot inside a name.`,
    'Reply with JSON: {"slots": ["...", "..."]}; at most 8 slots, most important first.',
  ].join('\n');
}

/** Pairs each user turn with the assistant turn right after it, if any. */
function pairs(conversation: Conversation): Array<{ user: Turn; assistant?: Turn }> {
  const turns = conversation.turns;
  const out: Array<{ user: Turn; assistant?: Turn }> = [];
  turns.forEach((t, i) => {
    if (t.role !== 'user') return;
    const next = turns[i + 1];
    out.push(next?.role === 'assistant' ? { user: t, assistant: next } : { user: t });
  });
  return out;
}

/** Roots contain commas but never dots, so the first dot ends the root; the root is mapped, never invented. */
export function normaliseSlotPath(path: string, roots: readonly string[]): string | undefined {
  const parts = path.split('.').map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const root = mapToRoot(parts[0]!, roots);
  const rest = parts.slice(1, 3).map((p) => p.toLowerCase().replace(/\s+/g, '_'));
  return [root, ...rest].join('.');
}

export function createSlotExtractor(opts: SlotExtractorOptions): Extractor {
  const { client, roots } = opts;
  const pv = opts.promptVersion ?? SLOT_PROMPT_VERSION;
  const id = `slot:${client.model ?? 'unknown'}@${pv}`;
  const system = slotsSystem(roots);

  async function onePair(conversation: Conversation, p: { user: Turn; assistant?: Turn }): Promise<Slot[] | undefined> {
    const exchange = `User question:\n${clip(p.user.text)}\n\nAssistant answer:\n${p.assistant ? clip(p.assistant.text) : '(none)'}`;
    const itemKey = `${conversation.conversationId}:${p.user.turnId}`;
    const cls = await client.completeJson({
      messages: [{ role: 'system', content: CLASSIFY_SYSTEM }, { role: 'user', content: exchange }],
      schema: classifySchema, schemaName: 'personalizability', promptVersion: pv, itemKey: `${itemKey}:classify`,
    });
    if (!cls) return undefined;
    if (cls.value.classification === 'Non-Personalizable') return [];
    const gen = await client.completeJson({
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: `${exchange}\n\nWhy it is personalizable:\n${cls.value.reason}` },
      ],
      schema: slotsSchema, schemaName: 'slots', promptVersion: pv, itemKey: `${itemKey}:slots`,
    });
    if (!gen) return undefined;
    const turnIds = p.assistant ? [p.user.turnId, p.assistant.turnId] : [p.user.turnId];
    const paths = new Set(gen.value.slots.map((s) => normaliseSlotPath(s, roots)).filter((s): s is string => !!s));
    return [...paths].map((path) => ({
      conversationId: conversation.conversationId,
      turnIds,
      classification: cls.value.classification,
      reason: cls.value.reason,
      path,
      llmCallId: gen.callId,
    }));
  }

  return {
    id,
    async extract(conversation) {
      // An exception (not a recorded call failure) names the pair's user turn for the failures table.
      const perPair = await Promise.all(pairs(conversation).map((p) => withTurn(p.user, () => onePair(conversation, p))));
      // undefined = a call failed for good (recorded); the stage retries the conversation next run.
      const failed = perPair.filter((p) => p === undefined).length;
      return { mentions: [], ungrounded: 0, failed, slots: perPair.flatMap((p) => p ?? []) };
    },
  };
}
