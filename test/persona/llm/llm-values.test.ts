import { afterEach, describe, expect, it } from 'vitest';
import { fillValuesWithLlm, planBatches, valuesUsage, VALUES_PROMPT, type ValuePath } from '../../../pipeline/persona/llm/llm-values.js';
import { userText, type ChatReply, type ChatRequestBody } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { ANCHORS, chatBodies, systemText } from './fixtures.js';

const ROOTS = ['Health', 'Hobbies', 'Career', 'Values'];

/** n paths with roots interleaved (i % 4), so grouping by root is the component's job. */
const makePaths = (n: number): ValuePath[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, path: `${ROOTS[i % 4]}.Topic ${i % 3}.Attr ${i}`, label: `Attr ${i}`, valueType: 'categorical' as const }));

/** The batch's `vN | Root > … > Label [hint]` lines, as [id, rendered path]. */
const asked = (b: ChatRequestBody): Array<[string, string]> =>
  [...userText(b).matchAll(/^(v\d+) \| (.+?)(?: \(.+\))? \[[a-z ]+\]$/gm)].map((m) => [m[1]!, m[2]!]);

/** Answers every id with a unique value derived from its path ("value of Attr 17"). */
const echo = (b: ChatRequestBody): ChatReply => ({
  json: { values: Object.fromEntries(asked(b).map(([id, path]) => [id, `value of ${path.split(' > ').at(-1)}`])) },
});

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('planBatches', () => {
  it('keeps roots together and evens out batches of at most 50', () => {
    const sizes = (n: number, size?: number) => planBatches(makePaths(n), size).map((b) => b.length);
    expect(sizes(120)).toEqual([40, 40, 40]);
    expect(sizes(101)).toEqual([34, 34, 33]);
    expect(sizes(50)).toEqual([50]);
    expect(sizes(0)).toEqual([]);
    expect(sizes(120, 80)).toEqual([40, 40, 40]); // clamped to 50
    expect(sizes(25, 10)).toEqual([9, 9, 7]);
    const flat = planBatches(makePaths(40), 50).flat().map((p) => p.path.split('.')[0]);
    // roots in order of first appearance, each one contiguous run
    expect(flat).toEqual(ROOTS.flatMap((root) => Array(10).fill(root)));
  });
});

describe('fillValuesWithLlm', () => {
  it('fills 120 paths in 3 batches, each prompt carrying every value filled before it', async () => {
    r = await rig({ chat: echo });
    const paths = makePaths(120);
    const res = await fillValuesWithLlm(r.client, { anchors: ANCHORS, paths, itemKey: 'p1' });

    const bodies = chatBodies(r.server);
    expect(bodies).toHaveLength(3);
    const batches = bodies.map(asked);
    for (const [i, b] of bodies.entries()) {
      expect(batches[i]!.length).toBeLessThanOrEqual(50);
      // the strict schema asks for exactly the ids listed in the prompt
      const schema = b.response_format?.json_schema?.schema as { properties: { values: { properties: object; required: string[] } } };
      expect(Object.keys(schema.properties.values.properties)).toEqual(batches[i]!.map(([id]) => id));
      expect(schema.properties.values.required).toEqual(batches[i]!.map(([id]) => id));
      expect(userText(b)).toContain(`batch ${i + 1} of 3`);
    }
    expect(batches.flat()).toHaveLength(120);
    // every root's attributes sit in consecutive batches, and in one run across the whole fill
    const rootRuns = batches.flat().map(([, p]) => p.split(' > ')[0]).filter((x, i, all) => i === 0 || all[i - 1] !== x);
    expect(rootRuns).toEqual(ROOTS);

    const valuesOf = (bi: number) => batches[bi]!.map(([, p]) => `${p}: value of ${p.split(' > ').at(-1)}`);
    const prompt = bodies.map(userText);
    for (const line of valuesOf(0)) {
      expect(prompt[0]).not.toContain(line);
      expect(prompt[1]).toContain(line);
      expect(prompt[2]).toContain(line);
    }
    for (const line of valuesOf(1)) expect(prompt[2]).toContain(line);
    for (const line of valuesOf(2)) expect(prompt[2]).not.toContain(line);
    // A root split over batches 1 and 2 has its batch-1 values in batch 2's profile.
    const splitRoot = batches[0]!.at(-1)![1].split(' > ')[0]!;
    expect(batches[1]!.some(([, p]) => p.startsWith(splitRoot))).toBe(true);
    expect(prompt[1]).toContain(`${batches[0]!.at(-1)![1]}: value of`);

    expect(res.missing).toEqual([]);
    expect(res.values.size).toBe(120);
    expect(res.calls.map((c) => c.keys.length)).toEqual([40, 40, 40]);
    expect(new Set(res.calls.map((c) => c.callId)).size).toBe(3);
    for (const call of res.calls) {
      expect(call.callId).toMatch(/^[0-9a-f]{64}$/);
      expect(call.filled).toBe(40);
      for (const key of call.keys) expect(res.values.get(key)!.callId).toBe(call.callId);
    }
    expect(res.values.get('k17')!.value).toBe('value of Attr 17');
    expect(systemText(bodies[0]!)).toContain('at most 50 characters');
    expect(VALUES_PROMPT).toBe('persona-values@1');
  });

  it('shows anchors, the life-story core and fixed values to the first batch', async () => {
    r = await rig({ chat: echo });
    const core = { values: ['quiet endurance'], tone: 'neutral', lifeAttitude: 'Keeps going.', stories: ['At 19 she left home.'], interests: ['night swimming', 'crosswords'] };
    await fillValuesWithLlm(r.client, {
      anchors: ANCHORS, core, paths: makePaths(3),
      fixed: [{ path: 'Career.Work.Occupation', value: 'registered nurse' }],
    });
    const prompt = userText(chatBodies(r.server)[0]!);
    for (const s of ['Age: 34', 'Lyon, Auvergne-Rhône-Alpes, France', 'Occupation: Registered nurse', 'Values: quiet endurance', 'Story 1: At 19 she left home.', 'Interests: night swimming; crosswords', 'Career > Work > Occupation: registered nurse']) {
      expect(prompt).toContain(s);
    }
  });

  it('cuts long values at a word, reports empty, non-values and absent ids as missing', async () => {
    r = await rig({
      chat: () => ({ json: { values: { v1: '  a rather long value that keeps going on  ', v2: '', v3: 'N/A', v4: 42, v6: '"quoted"', v7: '   ' } } }),
    });
    const paths = makePaths(7);
    const res = await fillValuesWithLlm(r.client, { anchors: ANCHORS, paths, maxChars: 20 });
    const got = Object.fromEntries([...res.values].map(([k, v]) => [k, v.value]));
    // planBatches groups by root: the prompt order is k0,k4 (Health), k1,k5 (Hobbies), k2,k6 (Career), k3 (Values)
    expect(asked(chatBodies(r.server)[0]!).map(([, p]) => p.split(' > ').at(-1))).toEqual(['Attr 0', 'Attr 4', 'Attr 1', 'Attr 5', 'Attr 2', 'Attr 6', 'Attr 3']);
    expect(got).toEqual({ k0: 'a rather long value', k5: '42', k6: 'quoted' });
    expect(res.missing).toEqual(['k4', 'k1', 'k2', 'k3']);
    for (const v of res.values.values()) expect(v.value.length).toBeLessThanOrEqual(20);
    expect(res.calls[0]!.filled).toBe(3);
  });

  it('a failed batch leaves its keys missing and the next batch goes on without them', async () => {
    r = await rig({
      chat: (b) => (userText(b).includes('batch 2 of 3') ? { content: '{"values": {"v1": "unterminated' } : echo(b)),
    });
    const res = await fillValuesWithLlm(r.client, { anchors: ANCHORS, paths: makePaths(120), itemKey: 'p1' });
    expect(res.calls.map((c) => c.callId === null)).toEqual([false, true, false]);
    expect(res.missing).toEqual(res.calls[1]!.keys);
    expect(res.values.size).toBe(80);
    const bodies = chatBodies(r.server);
    expect(bodies).toHaveLength(4); // batch 2 was re-asked once by the client
    const last = userText(bodies[3]!);
    expect(last).toContain('batch 3 of 3');
    for (const key of res.calls[0]!.keys) expect(last).toContain(`: ${res.values.get(key)!.value}`);
    const batch2Paths = asked(bodies[1]!).map(([, p]) => p);
    for (const p of batch2Paths) expect(last).not.toContain(`${p}: `);
    expect(r.failures.failures.map((f) => f.itemKey)).toEqual(['p1#values-1']);
  });

  it('a schema mismatch reports every key missing without throwing', async () => {
    r = await rig({ chat: () => ({ json: { values: 'none of them' } }) });
    const res = await fillValuesWithLlm(r.client, { anchors: ANCHORS, paths: makePaths(5) });
    expect(res.values.size).toBe(0);
    expect(res.missing).toHaveLength(5);
    expect(res.calls).toEqual([{ callId: null, cached: false, keys: expect.any(Array), filled: 0 }]);
  });

  it('works in JSON mode on servers without structured outputs (schema shown in the system prompt)', async () => {
    r = await rig({ rejectJsonSchema: true, chat: echo });
    const res = await fillValuesWithLlm(r.client, { anchors: ANCHORS, paths: makePaths(60) });
    expect(res.values.size).toBe(60);
    const bodies = chatBodies(r.server);
    const jsonMode = bodies.filter((b) => b.response_format?.type === 'json_object');
    expect(jsonMode).toHaveLength(2);
    expect(systemText(jsonMode[0]!)).toContain('"v30"');
  });

  it('rejects duplicate keys', async () => {
    r = await rig({ chat: echo });
    const paths = makePaths(2).map((p) => ({ ...p, key: 'same' }));
    await expect(fillValuesWithLlm(r.client, { anchors: ANCHORS, paths })).rejects.toThrow(/duplicate key same/);
  });

  it('a rerun over the same cache makes no call and reports the same usage', async () => {
    r = await rig({ chat: echo });
    const opts = { anchors: ANCHORS, paths: makePaths(120) };
    const first = await fillValuesWithLlm(r.client, opts);
    const usage1 = await valuesUsage(r.cache, first);
    const before = r.server.count('/v1/chat/completions');
    expect(before).toBe(3);

    const again = await fillValuesWithLlm(r.newClient(), opts);
    expect(r.server.count('/v1/chat/completions')).toBe(before);
    expect(again.calls.every((c) => c.cached)).toBe(true);
    expect([...again.values]).toEqual([...first.values]);
    const usage2 = await valuesUsage(r.cache, again);
    expect(usage2).toEqual(usage1);
    expect(usage1.filled).toBe(120);
    expect(usage1.promptTokens).toBeGreaterThan(0);
    expect(usage1.promptTokensPerFilled).toBeCloseTo(usage1.promptTokens / 120);
  });
});
