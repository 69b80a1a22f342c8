import { afterEach, describe, expect, it } from 'vitest';
import { SUMMARY_PROMPT, summarizeWithLlm } from '../../../pipeline/persona/llm/llm-summary.js';
import { userText } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { attr, chatBodies, persona, systemText, words } from './fixtures.js';

const P = persona([attr('Hobbies', 'Sport', 'bouldering'), attr('Health', 'Sleep', 'six hours a night')]);

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('summarizeWithLlm', () => {
  it('returns a first-person summary inside the range, paragraphs kept', async () => {
    r = await rig({ chat: () => ({ json: { summary: `  ${words(200)}  ` } }) });
    const res = await summarizeWithLlm(r.client, P, { minWords: 150, maxWords: 400 });
    expect(res).toEqual({ summary: words(200), words: 200, callId: expect.stringMatching(/^[0-9a-f]{64}$/), cached: false });
    expect(res!.summary.split('\n\n')).toHaveLength(4);
    const [body] = chatBodies(r.server);
    expect(systemText(body!)).toContain('150–400 words');
    expect(userText(body!)).toContain('Hobbies > Topic > Sport: bouldering');
    expect(userText(body!)).toContain('Occupation: Registered nurse');
    expect(SUMMARY_PROMPT).toBe('persona-summary@1');
  });

  it('too short twice: undefined, after a re-ask that states the word count', async () => {
    r = await rig({ chat: () => ({ json: { summary: words(100) } }) });
    expect(await summarizeWithLlm(r.client, P)).toBeUndefined();
    const bodies = chatBodies(r.server);
    expect(bodies).toHaveLength(2);
    expect(userText(bodies[1]!)).toContain('the summary has 100 words; it must have between 150 and 400');
    expect(r.failures.failures.map((f) => f.itemKey)).toEqual(['p-test#summary']);
  });

  it('too long, or third person, is rejected; a re-ask that fixes it is accepted', async () => {
    r = await rig({ chat: () => ({ json: { summary: words(401) } }) });
    expect(await summarizeWithLlm(r.client, P)).toBeUndefined();
    r.server.setHandler({ chat: () => ({ json: { summary: words(200, false) } }) });
    expect(await summarizeWithLlm(r.client, { ...P, personaId: 'p-2' })).toBeUndefined();
    let asks = 0;
    r.server.setHandler({ chat: () => ({ json: { summary: words(asks++ === 0 ? 120 : 150) } }) });
    const fixed = await summarizeWithLlm(r.client, { ...P, personaId: 'p-3' });
    expect(fixed?.words).toBe(150);
    expect(asks).toBe(2);
  });

  it('honours a custom range and rejects an impossible one', async () => {
    r = await rig({ chat: () => ({ json: { summary: words(15) } }) });
    const res = await summarizeWithLlm(r.client, P, { minWords: 10, maxWords: 20 });
    expect(res?.words).toBe(15);
    expect(systemText(chatBodies(r.server)[0]!)).toContain('10–20 words');
    await expect(summarizeWithLlm(r.client, P, { minWords: 30, maxWords: 20 })).rejects.toThrow(/invalid word range/);
  });

  it('invalid JSON gives undefined; a rerun over the cache makes no call', async () => {
    r = await rig({ chat: () => ({ content: '{"summary": ' }) });
    expect(await summarizeWithLlm(r.client, P)).toBeUndefined();
    r.server.setHandler({ chat: () => ({ json: { summary: words(180) } }) });
    const first = await summarizeWithLlm(r.client, P);
    const calls = r.server.count('/v1/chat/completions');
    const again = await summarizeWithLlm(r.newClient(), P);
    expect(r.server.count('/v1/chat/completions')).toBe(calls);
    expect(again).toEqual({ ...first, cached: true });
  });
});
