import { afterEach, describe, expect, it } from 'vitest';
import { checkConsistencyWithLlm, CONSISTENCY_PROMPT } from '../../../pipeline/persona/llm/llm-consistency.js';
import { userText } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { ANCHORS, attr, chatBodies, persona } from './fixtures.js';

const P = persona([
  attr('Relationships', 'Marital status', 'never married'),
  attr('Relationships', 'Spouse occupation', 'teacher'),
  attr('Health', 'Diet', 'vegan'),
  attr('Hobbies', 'Favourite dish', 'steak tartare'),
  attr('Career', 'Years in role', '12', { valueType: 'numeric' }),
]);

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('checkConsistencyWithLlm', () => {
  it('returns in-range indices once each, ascending; ignores the rest', async () => {
    r = await rig({
      chat: () => ({
        json: {
          contradictions: [
            { attributeIndex: 3, reason: ' a vegan\n does not eat steak ' },
            { attributeIndex: 99, reason: 'out of range' },
            { attributeIndex: -1, reason: 'negative' },
            { attributeIndex: 1.5, reason: 'not an index' },
            { attributeIndex: 1, reason: 'never married but has a spouse' },
            { attributeIndex: 3, reason: 'duplicate' },
            { attributeIndex: 5, reason: 'one past the end' },
          ],
        },
      }),
    });
    const res = await checkConsistencyWithLlm(r.client, P);
    expect(res).toEqual({
      violations: [
        { attributeIndex: 1, reason: 'never married but has a spouse' },
        { attributeIndex: 3, reason: 'a vegan does not eat steak' },
      ],
      callId: expect.stringMatching(/^[0-9a-f]{64}$/),
      cached: false,
    });
    const prompt = userText(chatBodies(r.server)[0]!);
    expect(prompt).toContain('Age: 34');
    expect(prompt).toContain('[0] Relationships > Topic > Marital status: never married');
    expect(prompt).toContain('[4] Career > Topic > Years in role: 12');
    expect(CONSISTENCY_PROMPT).toBe('persona-consistency@1');
  });

  it('no contradictions is an empty list, and a rerun over the cache makes no call', async () => {
    r = await rig({ chat: () => ({ json: { contradictions: [] } }) });
    const first = await checkConsistencyWithLlm(r.client, P);
    expect(first?.violations).toEqual([]);
    const again = await checkConsistencyWithLlm(r.newClient(), P);
    expect(again).toEqual({ ...first, cached: true });
    expect(r.server.count('/v1/chat/completions')).toBe(1);
  });

  it('includes the life-story core when given, so stories are checked too', async () => {
    r = await rig({ chat: () => ({ json: { contradictions: [] } }) });
    const core = { values: ['duty'], tone: 'neutral', lifeAttitude: 'Steady.', stories: ['At 20 she married Paul.'], interests: ['a', 'b'] };
    await checkConsistencyWithLlm(r.client, { ...P, core });
    expect(userText(chatBodies(r.server)[0]!)).toContain('Story 1: At 20 she married Paul.');
  });

  it('invalid JSON or a schema mismatch gives undefined without throwing', async () => {
    r = await rig({ chat: () => ({ content: 'No contradictions found.' }) });
    expect(await checkConsistencyWithLlm(r.client, P)).toBeUndefined();
    r.server.setHandler({ chat: () => ({ json: { contradictions: [{ attributeIndex: '3', reason: 'string index' }] } }) });
    expect(await checkConsistencyWithLlm(r.client, persona(P.attributes.slice(0, 4)))).toBeUndefined();
    expect(r.failures.failures).toHaveLength(2);
    expect(r.failures.failures[0]!.itemKey).toBe('p-test#consistency');
  });

  it('a persona without attributes costs no call', async () => {
    r = await rig({ chat: () => ({ json: { contradictions: [] } }) });
    expect(await checkConsistencyWithLlm(r.client, persona([], ANCHORS))).toBeUndefined();
    expect(r.server.count('/v1/chat/completions')).toBe(0);
  });
});
