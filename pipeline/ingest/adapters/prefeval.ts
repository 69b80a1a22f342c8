import type { AdaptContext, AdaptResult, SourceAdapter, SourceTurn } from '../read-source.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const CHOICE_TURNS = [
  ['query', 'user'],
  ['assistant_options', 'assistant'],
  ['user_selection', 'user'],
  ['assistant_acknowledgment', 'assistant'],
] as const;

/** Copies the listed keys that are present, so a missing `explanation` stays missing, not undefined. */
function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in record) out[k] = record[k];
  return out;
}

function personaTurns(conversation: Record<string, unknown>): SourceTurn[] | string {
  const keys = Object.keys(conversation);
  if (keys.some((k) => !/^(0|[1-9]\d*)$/.test(k))) return '"conversation" keys are not "0","1",…';
  // Object key order already puts integer keys first ascending; sorting states the intent anyway.
  keys.sort((a, b) => Number(a) - Number(b));
  const turns: SourceTurn[] = [];
  for (const k of keys) {
    const pair = conversation[k];
    if (!isObject(pair)) return `conversation["${k}"] is not an object`;
    if (typeof pair.user !== 'string') return `conversation["${k}"].user is not a string`;
    if (typeof pair.assistant !== 'string') return `conversation["${k}"].assistant is not a string`;
    turns.push({ role: 'user', text: pair.user }, { role: 'assistant', text: pair.assistant });
  }
  return turns;
}

function choiceTurns(conversation: Record<string, unknown>): SourceTurn[] | string {
  const turns: SourceTurn[] = [];
  for (const [key, role] of CHOICE_TURNS) {
    const text = conversation[key];
    if (typeof text !== 'string') return `conversation.${key} is not a string`;
    turns.push({ role, text });
  }
  return turns;
}

/**
 * PrefEval implicit-preference records. The variant comes from the conversation's shape, not
 * the folder, so a renamed or merged file still reads right; the topic is the file name.
 */
export function adaptPrefEval(value: unknown, ctx: AdaptContext): AdaptResult {
  if (!isObject(value)) return { ok: false, reason: 'expected a JSON object' };
  const { conversation } = value;
  if (!isObject(conversation)) return { ok: false, reason: 'missing "conversation" object' };
  const variant = 'query' in conversation ? 'choice-based' : 'persona-driven';
  const turns = variant === 'choice-based' ? choiceTurns(conversation) : personaTurns(conversation);
  if (typeof turns === 'string') return { ok: false, reason: turns };
  const meta = {
    ...pick(value, variant === 'persona-driven' ? ['persona', 'preference', 'question', 'explanation'] : ['preference', 'question', 'explanation']),
    topic: ctx.topic,
    record_index: ctx.index,
    variant,
    ...(variant === 'choice-based' ? pick(value, ['implicit_query', 'options', 'aligned_op']) : {}),
  };
  return { ok: true, externalId: `${variant}/${ctx.topic}/${ctx.index}`, turns, meta };
}

export const prefEvalAdapter: SourceAdapter = {
  name: 'prefeval',
  container: 'json-array',
  license: 'CC BY-NC 4.0',
  // Both sides of every PrefEval conversation were written by an LLM playing a persona.
  isSynthetic: true,
  adapt: adaptPrefEval,
};
