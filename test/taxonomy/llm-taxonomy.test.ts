import { afterEach, describe, expect, it } from 'vitest';
import { flatten } from '../../pipeline/taxonomy/build.js';
import { relabelWithLlm } from '../../pipeline/taxonomy/llm-labels.js';
import { judgeRoots } from '../../pipeline/taxonomy/llm-root-judge.js';
import { userText, type OpenAiTestServer } from '../helpers/openai-server.js';
import { rig } from '../llm/setup.js';
import { axis, build, corpus, makeInput, ROOTS } from './synthetic.js';

const servers: OpenAiTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('LLM labeler (Clio-style)', () => {
  it('takes the majority of three samples, and keeps the offline label when the answer is unclean or a duplicate', async () => {
    const r = await rig({
      chat: (body) => {
        const text = userText(body);
        if (text.includes('Inside: occupation')) return { json: { label: text.includes('Sample 2') ? 'Career' : 'Line of Work' } };
        if (text.includes('Inside: employer')) return { json: { label: 'Employer 2024' } }; // a number: refused
        if (text.includes('Inside: spouse') || text.includes('Inside: partner')) return { json: { label: 'Child' } }; // a sibling's name: refused
        return { json: { label: '' } };
      },
    });
    servers.push(r.server);
    const { phrases, built } = build();
    const { vectors: real } = makeInput(corpus());
    const before = new Map(flatten(built.roots).map((n) => [n.key, n.label]));
    const changed = await relabelWithLlm(built.roots, phrases, real, r.client);
    const after = new Map(flatten(built.roots).map((n) => [n.key, n.label]));
    const occupationLeaf = flatten(built.roots).find((n) => n.phrases.some((i) => phrases[i]!.text === 'occupation') && n.children.length === 0)!;
    expect(occupationLeaf.label).toBe('Line of Work');
    const employerLeaf = flatten(built.roots).find((n) => n.phrases.some((i) => phrases[i]!.text === 'employer') && n.children.length === 0)!;
    expect(employerLeaf.label).toBe(before.get(employerLeaf.key));
    expect(changed).toBeGreaterThanOrEqual(1);
    for (const [key, label] of after) if (label !== before.get(key)) expect(label).not.toMatch(/\d/);
    const calls = r.server.count('/v1/chat/completions');
    await relabelWithLlm(build().built.roots, phrases, real, r.newClient());
    expect(r.server.count('/v1/chat/completions')).toBe(calls); // all three samples per node are cached
  });
});

describe('LLM root judge', () => {
  it('places unhinted phrases on configured roots only', async () => {
    const r = await rig({ chat: () => ({ json: { roots: [{ phrase: 'salary', root: 'career and work' }, { phrase: 'favourite band', root: 'Music Stuff' }] } }) });
    servers.push(r.server);
    const { phrases } = makeInput([
      { text: 'salary', vector: axis(0), conversations: [1] },
      { text: 'favourite band', vector: axis(1), conversations: [1] },
      { text: 'spouse', vector: axis(2), root: ROOTS[2], conversations: [1] },
    ]);
    const rootOf = new Int32Array([1, 1, 2]);
    expect(await judgeRoots(phrases, rootOf, ROOTS, r.client)).toBe(2);
    expect(rootOf[0]).toBe(0);
    expect(ROOTS[rootOf[1]!]).toBeDefined();
    expect(rootOf[2]).toBe(2);
  });
});
