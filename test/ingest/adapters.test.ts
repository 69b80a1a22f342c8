import { describe, expect, it } from 'vitest';
import { adaptChatJsonl } from '../../pipeline/ingest/adapters/chat-jsonl.js';
import { adaptPrefEval } from '../../pipeline/ingest/adapters/prefeval.js';
import { adaptPuffin } from '../../pipeline/ingest/adapters/puffin.js';

const ctx = { line: 7, index: 3, topic: 'shop_home' };

describe('adaptPuffin', () => {
  it('maps ShareGPT roles, keeps the id as a string and extra fields as meta', () => {
    const res = adaptPuffin({ id: 42, source: 'x', conversations: [{ from: 'system', value: 's' }, { from: 'human', value: ' hi ' }, { from: 'gpt', value: 'yo' }] }, ctx);
    expect(res).toEqual({
      ok: true, externalId: '42', meta: { source: 'x' },
      turns: [{ role: 'system', text: 's' }, { role: 'user', text: ' hi ' }, { role: 'assistant', text: 'yo' }],
    });
  });

  it('falls back to the line number when there is no id', () => {
    expect(adaptPuffin({ conversations: [{ from: 'human', value: 'a' }] }, ctx)).toMatchObject({ ok: true, externalId: 'line:7' });
  });

  it('reads a human-turns record as a one-turn conversation', () => {
    expect(adaptPuffin({ prompt_index: 12, from: 'human', value: 'q' }, ctx)).toEqual({
      ok: true, externalId: 'prompt:12', turns: [{ role: 'user', text: 'q' }], meta: { prompt_index: 12 },
    });
  });

  it.each([
    [[1], 'expected a JSON object'],
    [{ id: 1 }, 'missing "conversations" array'],
    [{ id: {}, conversations: [] }, '"id" is not a string or number'],
    [{ conversations: ['x'] }, 'turn 1 is not an object'],
    [{ conversations: [{ from: 'human', value: 'a' }, { from: 'robot', value: 'b' }] }, 'turn 2 has unknown "from" "robot"'],
    [{ conversations: [{ from: 'gpt', value: null }] }, 'turn 1 "value" is not a string'],
    [{ prompt_index: 1.5, from: 'human', value: 'a' }, '"prompt_index" is not an integer'],
    [{ prompt_index: 1, from: 'alien', value: 'a' }, 'unknown "from" "alien"'],
    [{ prompt_index: 1, from: 'human' }, '"value" is not a string'],
  ])('rejects %j', (value, reason) => {
    expect(adaptPuffin(value, ctx)).toEqual({ ok: false, reason });
  });
});

describe('adaptPrefEval', () => {
  const base = { preference: 'p', question: 'q', explanation: 'e' };

  it('orders persona-driven turns by numeric key, user before assistant', () => {
    const conversation: Record<string, unknown> = {};
    for (const k of [10, 2, 0, 1, 3, 4, 5, 6, 7, 8, 9]) conversation[String(k)] = { user: `u${k}`, assistant: `a${k}` };
    const res = adaptPrefEval({ ...base, persona: 'a chef', conversation, fix: true }, ctx);
    if (!res.ok) throw new Error(res.reason);
    expect(res.turns.slice(0, 2)).toEqual([{ role: 'user', text: 'u0' }, { role: 'assistant', text: 'a0' }]);
    expect(res.turns.filter((t) => t.role === 'user').map((t) => t.text)).toEqual(Array.from({ length: 11 }, (_, i) => `u${i}`));
    expect(res.externalId).toBe('persona-driven/shop_home/3');
    expect(res.meta).toEqual({ persona: 'a chef', ...base, topic: 'shop_home', record_index: 3, variant: 'persona-driven' });
  });

  it('reads choice-based records in conversation order and keeps their options', () => {
    const rec = {
      preference: 'p', question: 'q', implicit_query: 'iq', options: ['a', 'b', 'c', 'd'], aligned_op: 'a',
      conversation: { user_selection: 'I pick a', query: 'iq', assistant_acknowledgment: 'ok', assistant_options: '1..4' },
    };
    const res = adaptPrefEval(rec, ctx);
    expect(res).toEqual({
      ok: true,
      externalId: 'choice-based/shop_home/3',
      turns: [{ role: 'user', text: 'iq' }, { role: 'assistant', text: '1..4' }, { role: 'user', text: 'I pick a' }, { role: 'assistant', text: 'ok' }],
      meta: { preference: 'p', question: 'q', topic: 'shop_home', record_index: 3, variant: 'choice-based', implicit_query: 'iq', options: ['a', 'b', 'c', 'd'], aligned_op: 'a' },
    });
    expect('explanation' in (res.ok ? res.meta : {})).toBe(false);
  });

  it.each([
    ['x', 'expected a JSON object'],
    [{ preference: 'p' }, 'missing "conversation" object'],
    [{ conversation: { turn1: { user: 'a', assistant: 'b' } } }, '"conversation" keys are not "0","1",…'],
    [{ conversation: { 0: 'x' } }, 'conversation["0"] is not an object'],
    [{ conversation: { 0: { user: 'a' } } }, 'conversation["0"].assistant is not a string'],
    [{ conversation: { query: 'q', assistant_options: 'o', user_selection: 5 } }, 'conversation.user_selection is not a string'],
  ])('rejects %j', (value, reason) => {
    expect(adaptPrefEval(value, ctx)).toEqual({ ok: false, reason });
  });
});

describe('adaptChatJsonl', () => {
  it('reads messages with role aliases and keeps meta', () => {
    const res = adaptChatJsonl({ id: 5, messages: [{ role: 'Human', content: 'a' }, { role: 'model', content: 'b' }, { role: 'BOT', content: 'c' }], meta: { k: 1 } }, ctx);
    expect(res).toEqual({
      ok: true, externalId: '5', meta: { k: 1 },
      turns: [{ role: 'user', text: 'a' }, { role: 'assistant', text: 'b' }, { role: 'assistant', text: 'c' }],
    });
  });

  it('reads turns with text and falls back to the line number', () => {
    expect(adaptChatJsonl({ turns: [{ role: 'gpt', text: 'x' }] }, ctx)).toEqual({
      ok: true, externalId: 'line:7', meta: {}, turns: [{ role: 'assistant', text: 'x' }],
    });
  });

  it.each([
    [{ id: 1 }, 'missing "messages" or "turns" array'],
    [{ messages: [], meta: [] }, '"meta" is not an object'],
    [{ messages: [{ role: 'tool', content: 'x' }] }, 'turn 1 has unknown role "tool"'],
    [{ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] }, 'turn 1 "content" is not a string'],
    [{ turns: [{ role: 'user', content: 'x' }] }, 'turn 1 "text" is not a string'],
  ])('rejects %j', (value, reason) => {
    expect(adaptChatJsonl(value, ctx)).toEqual({ ok: false, reason });
  });
});
