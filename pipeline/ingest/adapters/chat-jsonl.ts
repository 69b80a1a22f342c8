import type { Role } from '../../core/types.js';
import type { AdaptContext, AdaptResult, SourceAdapter, SourceTurn } from '../read-source.js';

const ROLES: Record<string, Role> = {
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  system: 'system',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Generic chat JSONL: OpenAI-style `messages` ({role, content}) or `turns` ({role, text}). */
export function adaptChatJsonl(value: unknown, ctx: AdaptContext): AdaptResult {
  if (!isObject(value)) return { ok: false, reason: 'expected a JSON object' };
  const { id, meta } = value;
  const [list, textKey] = Array.isArray(value.messages) ? [value.messages, 'content'] : [value.turns, 'text'];
  if (!Array.isArray(list)) return { ok: false, reason: 'missing "messages" or "turns" array' };
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return { ok: false, reason: '"id" is not a string or number' };
  if (meta !== undefined && !isObject(meta)) return { ok: false, reason: '"meta" is not an object' };

  const turns: SourceTurn[] = [];
  for (const [i, msg] of list.entries()) {
    if (!isObject(msg)) return { ok: false, reason: `turn ${i + 1} is not an object` };
    const role = typeof msg.role === 'string' ? ROLES[msg.role.toLowerCase()] : undefined;
    if (!role) return { ok: false, reason: `turn ${i + 1} has unknown role ${JSON.stringify(msg.role)}` };
    const text = msg[textKey];
    // Multi-part content (arrays of parts) is rejected rather than guessed at: later stages quote offsets into this text.
    if (typeof text !== 'string') return { ok: false, reason: `turn ${i + 1} "${textKey}" is not a string` };
    turns.push({ role, text });
  }
  return { ok: true, externalId: id === undefined ? `line:${ctx.line}` : String(id), turns, meta: meta ?? {} };
}

export const chatJsonlAdapter: SourceAdapter = {
  name: 'chat-jsonl',
  container: 'jsonl',
  // Provenance of an arbitrary chat log is not knowable from the file; the caller may pass one.
  license: 'unknown',
  isSynthetic: false,
  adapt: adaptChatJsonl,
};
