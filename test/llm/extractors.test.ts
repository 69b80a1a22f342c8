import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROOTS, type Conversation, type Role } from '../../pipeline/core/types.js';
import { createLlmExtractor, PROMPT_VERSION } from '../../pipeline/extractors/llm-extractor.js';
import { createSlotExtractor } from '../../pipeline/extractors/slot-extractor.js';
import { mapToRoot } from '../../pipeline/extractors/root-mapping.js';
import { rig, type Rig } from './setup.js';
import { userText, type ChatRequestBody } from '../helpers/openai-server.js';

function conv(id: string, turns: Array<[Role, string]>): Conversation {
  return {
    conversationId: id, sourceId: 'src', externalId: id, meta: {},
    turns: turns.map(([role, text], i) => ({ turnId: `${id}-t${i}`, conversationId: id, turnIndex: i, role, text })),
  };
}

const c1 = conv('c1', [
  ['user', "Hi, I'm a nurse from Lyon and I hate running."],
  ['assistant', 'As a doctor you might enjoy swimming instead.'],
  ['user', "I have two kids. I'm a nurse, as I said."],
]);

const m = (attribute: string, value: string, root: string, quote: string, extra = {}) =>
  ({ attribute, value, root, quote, polarity: 'neutral', confidence: 0.9, ...extra });

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('llm extractor', () => {
  it('grounds quotes in user turns only, drops and counts the rest, maps roots', async () => {
    r = await rig({
      chat: () => ({
        json: {
          mentions: [
            m('  Occupation ', 'nurse', 'Career', "I'm a nurse", { confidence: 1.5 }),
            m('running', 'dislikes running', 'Hobbies', 'hate running', { polarity: 'negative' }),
            m('number of children', '2', 'Family and relationships', '  I have two kids.  '),
            m('occupation', 'pilot', 'Career', 'I am a pilot'), // hallucinated
            m('occupation', 'doctor', 'Career', 'As a doctor'), // assistant turn
            m('home city', 'Lyon', 'Made-up Geography Root', 'from Lyon'),
          ],
        },
      }),
    });
    const ex = createLlmExtractor({ client: r.client, roots: DEFAULT_ROOTS });
    expect(ex.id).toBe(`llm:test-model@${PROMPT_VERSION}`);
    const res = await ex.extract(c1);
    expect(res.ungrounded).toBe(2);
    expect(res.mentions).toHaveLength(4);
    for (const mm of res.mentions) {
      const turn = c1.turns.find((t) => t.turnId === mm.turnId)!;
      expect(turn.role).toBe('user');
      expect(turn.text.slice(mm.spanStart, mm.spanEnd)).toBe(mm.quote);
      expect(DEFAULT_ROOTS).toContain(mm.root);
      expect(mm.llmCallId).toMatch(/^[0-9a-f]{64}$/);
      expect(mm.extractorId).toBe(ex.id);
    }
    const [occ, run, kids, city] = res.mentions;
    expect(occ).toMatchObject({ attribute: 'occupation', turnId: 'c1-t0', spanStart: 4, spanEnd: 15, confidence: 1, root: 'Career and Work Identity' });
    expect(run).toMatchObject({ polarity: 'negative', root: 'Hobbies, Interests, and Lifestyle' });
    expect(kids).toMatchObject({ quote: 'I have two kids.', turnId: 'c1-t2', spanStart: 0, root: 'Relationships and Social Networks' });
    expect(city!.root).toBe(mapToRoot('Made-up Geography Root', DEFAULT_ROOTS));

    const prompt = userText(r.server.requests[0]!.body as ChatRequestBody);
    expect(prompt).toContain('[turn 1 | ASSISTANT — context only');
    expect(prompt).toContain('[turn 0 | USER]');
  });

  it('windows long conversations; a failed window loses only its own mentions', async () => {
    const long = conv('c2', [
      ['user', 'I live in Oslo. ' + 'x'.repeat(80)],
      ['assistant', 'ok '.repeat(30)],
      ['user', 'I play the cello. ' + 'y'.repeat(80)],
      ['user', 'I am vegan. ' + 'z'.repeat(80)],
    ]);
    r = await rig({
      chat: (b) => {
        const t = userText(b);
        if (t.includes('vegan')) return { status: 400, message: 'context length exceeded' };
        if (t.includes('cello')) return { json: { mentions: [m('instrument', 'cello', 'Hobbies', 'I play the cello.')] } };
        return { json: { mentions: [m('city', 'Oslo', 'Demographic Information', 'I live in Oslo.')] } };
      },
    });
    const res = await createLlmExtractor({ client: r.client, roots: DEFAULT_ROOTS, windowChars: 150 }).extract(long);
    expect(r.server.count('/v1/chat/completions')).toBe(3);
    expect(res.mentions.map((x) => [x.value, x.turnId])).toEqual([['Oslo', 'c2-t0'], ['cello', 'c2-t2']]);
    expect(r.failures.failures).toEqual([expect.objectContaining({ itemKey: 'c2#w2' })]);
  });

  it('mapToRoot never invents a root', () => {
    expect(mapToRoot('career and work identity', DEFAULT_ROOTS)).toBe('Career and Work Identity');
    expect(mapToRoot('Health', DEFAULT_ROOTS)).toBe('Physical and Health Characteristics');
    expect(mapToRoot('Beliefs', DEFAULT_ROOTS)).toBe('Core Values, Beliefs, and Philosophy');
    expect(DEFAULT_ROOTS).toContain(mapToRoot('qqq', DEFAULT_ROOTS));
  });
});

describe('slot extractor', () => {
  it('classifies each pair, generates mapped slot paths for personalizable ones, keeps turn ids', async () => {
    const c = conv('c3', [
      ['user', 'What should I cook tonight?'],
      ['assistant', 'Maybe pasta.'],
      ['user', 'What is 2+2?'],
      ['assistant', '4'],
      ['user', 'Plan my weekend trip'],
    ]);
    r = await rig({
      chat: (b) => {
        const name = b.response_format?.json_schema?.name;
        const t = userText(b);
        if (name === 'personalizability') {
          return t.includes('2+2')
            ? { json: { classification: 'Non-Personalizable', reason: 'math' } }
            : { json: { classification: t.includes('cook') ? 'Personalizable' : 'Partially Personalizable', reason: 'depends on diet' } };
        }
        return { json: { slots: ['Lifestyle and Daily Routine.Dietary Preference.vegetarian', 'Health.allergies', 'Health.allergies', 'nodots'] } };
      },
    });
    const ex = createSlotExtractor({ client: r.client, roots: DEFAULT_ROOTS });
    const res = await ex.extract(c);
    expect(res.mentions).toEqual([]);
    expect(res.ungrounded).toBe(0);
    expect(r.server.count('/v1/chat/completions')).toBe(5); // 3 classify + 2 generate
    const cook = res.slots!.filter((s) => s.turnIds[0] === 'c3-t0');
    expect(cook.map((s) => s.path)).toEqual([
      'Lifestyle and Daily Routine.dietary_preference.vegetarian',
      'Physical and Health Characteristics.allergies',
    ]);
    expect(cook[0]).toMatchObject({ conversationId: 'c3', turnIds: ['c3-t0', 'c3-t1'], classification: 'Personalizable', reason: 'depends on diet' });
    expect(cook[0]!.llmCallId).toMatch(/^[0-9a-f]{64}$/);
    const trip = res.slots!.filter((s) => s.turnIds[0] === 'c3-t4');
    expect(trip[0]).toMatchObject({ turnIds: ['c3-t4'], classification: 'Partially Personalizable' });
    expect(res.slots!.some((s) => s.turnIds.includes('c3-t2'))).toBe(false);
  });
});

describe('windowTurns', () => {
  it('keeps the assistant turn a user replies to as context of the next window', async () => {
    const { windowTurns } = await import('../../pipeline/extractors/llm-windows.js');
    const c = conv('w', [['assistant', 'hello'], ['assistant', 'a'.repeat(50)], ['user', 'u'.repeat(60)], ['assistant', 'b'.repeat(50)], ['user', 'v'.repeat(60)], ['assistant', 'tail']]);
    const ws = windowTurns(c, 120);
    expect(ws.map((w) => w.turns.map((t) => t.turnIndex))).toEqual([[1, 2], [3, 4, 5]]);
    expect(windowTurns(c, 100_000).map((w) => w.turns.length)).toEqual([5]); // the older assistant turn is dropped
  });
});
