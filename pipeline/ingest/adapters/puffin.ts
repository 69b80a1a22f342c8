import type { Role } from '../../core/types.js';
import type { AdaptContext, AdaptResult, SourceAdapter, SourceTurn } from '../read-source.js';

const ROLES: Record<string, Role> = { human: 'user', gpt: 'assistant', system: 'system' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Puffin in either stored shape: ShareGPT conversations (`conversations`), or the bundled
 * human-turns file (`prompt_index`) where each prompt becomes a one-turn conversation
 * because the upstream copy lost conversation boundaries.
 */
export function adaptPuffin(value: unknown, ctx: AdaptContext): AdaptResult {
  if (!isObject(value)) return { ok: false, reason: 'expected a JSON object' };

  if ('prompt_index' in value && !('conversations' in value)) {
    const { prompt_index: index, from, value: text } = value;
    if (typeof index !== 'number' || !Number.isInteger(index)) return { ok: false, reason: '"prompt_index" is not an integer' };
    const role = typeof from === 'string' ? ROLES[from] : undefined;
    if (!role) return { ok: false, reason: `unknown "from" ${JSON.stringify(from)}` };
    if (typeof text !== 'string') return { ok: false, reason: '"value" is not a string' };
    return { ok: true, externalId: `prompt:${index}`, turns: [{ role, text }], meta: { prompt_index: index } };
  }

  const { id, conversations, ...rest } = value;
  if (!Array.isArray(conversations)) return { ok: false, reason: 'missing "conversations" array' };
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return { ok: false, reason: '"id" is not a string or number' };
  const turns: SourceTurn[] = [];
  for (const [i, msg] of conversations.entries()) {
    if (!isObject(msg)) return { ok: false, reason: `turn ${i + 1} is not an object` };
    const role = typeof msg.from === 'string' ? ROLES[msg.from] : undefined;
    if (!role) return { ok: false, reason: `turn ${i + 1} has unknown "from" ${JSON.stringify(msg.from)}` };
    if (typeof msg.value !== 'string') return { ok: false, reason: `turn ${i + 1} "value" is not a string` };
    turns.push({ role, text: msg.value });
  }
  return { ok: true, externalId: id === undefined ? `line:${ctx.line}` : String(id), turns, meta: rest };
}

export const puffinAdapter: SourceAdapter = {
  name: 'puffin',
  container: 'jsonl',
  license: 'Apache-2.0',
  // Puffin's user turns are real ShareGPT users; the GPT-4 replies are context only.
  isSynthetic: false,
  adapt: adaptPuffin,
};
