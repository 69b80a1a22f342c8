import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rig, TEST_KEY, type Rig } from './setup.js';
import { userText, type ChatRequestBody } from '../helpers/openai-server.js';

const schema = z.object({ answer: z.string(), n: z.number() });
const req = (q = 'what?', itemKey = 'item-1') => ({
  messages: [{ role: 'system' as const, content: 'Answer in JSON.' }, { role: 'user' as const, content: q }],
  schema, schemaName: 'answer', promptVersion: 'v1', itemKey,
});
const CHAT = '/v1/chat/completions';

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('completeJson', () => {
  it('sends strict json_schema, validates, caches, and a rerun makes zero requests', async () => {
    r = await rig({ chat: (b) => ({ json: { answer: `re:${userText(b)}`, n: 1 } }) });
    const first = await r.client.completeJson(req());
    expect(first).toMatchObject({ value: { answer: 're:what?', n: 1 }, cached: false });
    const body = r.server.requests[0]!.body as ChatRequestBody;
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.response_format?.json_schema).toMatchObject({ name: 'answer', strict: true });
    expect(body.response_format?.json_schema?.schema).toMatchObject({ type: 'object', required: ['answer', 'n'] });
    expect(body.temperature).toBe(0);

    const before = r.server.requests.length;
    const again = await r.newClient().completeJson(req()); // "new process", same cache
    expect(again).toEqual({ value: first!.value, callId: first!.callId, cached: true });
    expect(r.server.requests.length).toBe(before);
    expect(first!.callId).toMatch(/^[0-9a-f]{64}$/);
    expect(r.cache.records.get(first!.callId)).toMatchObject({ kind: 'chat', model: 'test-model', baseUrlHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
  });

  it('cache key ignores throughput settings but not the prompt version', async () => {
    r = await rig({ chat: () => ({ json: { answer: 'x', n: 1 } }) });
    const a = await r.client.completeJson(req());
    const b = await r.newClient({ settings: { ...r.settings, maxConcurrency: 1, timeoutMs: 5 } }).completeJson(req());
    expect(b?.cached).toBe(true);
    const c = await r.client.completeJson({ ...req(), promptVersion: 'v2' });
    expect(c?.cached).toBe(false);
    expect(c?.callId).not.toBe(a?.callId);
  });

  it('schema-invalid answer: one re-ask, then a recorded failure', async () => {
    r = await rig({ chat: () => ({ json: { answer: 42 } }) });
    expect(await r.client.completeJson(req())).toBeUndefined();
    expect(r.server.count(CHAT)).toBe(2);
    const reask = r.server.requests[1]!.body as ChatRequestBody;
    expect(reask.messages.at(-1)!.content).toMatch(/could not be used: schema mismatch/);
    expect(r.failures.failures).toEqual([{ stage: 'test', itemKey: 'item-1', reason: expect.stringMatching(/schema mismatch/) }]);
    expect(r.client.stats()).toMatchObject({ failures: 1, items: 1, calls: 2 });
    expect(r.cache.records.size).toBe(0); // failures are not cached: a rerun tries again
  });

  it('truncated JSON is re-asked once and the fixed answer cached', async () => {
    r = await rig({ chat: (_b, ctx) => (ctx.index === 0 ? { content: '{"answer": "abc', finishReason: 'length' } : { json: { answer: 'abc', n: 2 } }) });
    const res = await r.client.completeJson(req());
    expect(res?.value).toEqual({ answer: 'abc', n: 2 });
    expect((r.server.requests[1]!.body as ChatRequestBody).messages.at(-1)!.content).toMatch(/truncated/);
    expect((await r.newClient().completeJson(req()))?.cached).toBe(true);
  });

  it('truncated twice → failure', async () => {
    r = await rig({ chat: () => ({ content: '{"answer": "ab', finishReason: 'length' }) });
    expect(await r.client.completeJson(req())).toBeUndefined();
    expect(r.failures.failures[0]!.reason).toMatch(/truncated/);
  });

  it('falls back to json_object after a 400 about response_format, and remembers it', async () => {
    r = await rig({ rejectJsonSchema: true, chat: () => ({ json: { answer: 'ok', n: 3 } }) });
    expect((await r.client.completeJson(req('a')))?.value).toEqual({ answer: 'ok', n: 3 });
    expect((await r.client.completeJson(req('b')))?.value).toEqual({ answer: 'ok', n: 3 });
    const types = r.server.requests.map((q) => (q.body as ChatRequestBody).response_format?.type);
    expect(types).toEqual(['json_schema', 'json_object', 'json_object']);
    const sys = (r.server.requests[1]!.body as ChatRequestBody).messages[0]!;
    expect(sys.role).toBe('system');
    expect(sys.content).toMatch(/JSON Schema/);
    expect(r.client.stats().retries).toBe(0);
  });

  it('retries 500 with backoff', async () => {
    r = await rig({ chat: (_b, ctx) => (ctx.seen < 2 ? { status: 500 } : { json: { answer: 'ok', n: 1 } }) });
    expect((await r.client.completeJson(req()))?.value.answer).toBe('ok');
    expect(r.server.count(CHAT)).toBe(3);
    expect(r.client.stats()).toMatchObject({ retries: 2, calls: 3, failures: 0 });
  });

  it('honours Retry-After in seconds on 429', async () => {
    r = await rig({ chat: (_b, ctx) => (ctx.seen === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { json: { answer: 'ok', n: 1 } }) });
    const t0 = Date.now();
    expect((await r.client.completeJson(req()))?.value.answer).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r.client.stats().retries).toBe(1);
  });

  it('honours retry-after-ms on 429', async () => {
    r = await rig({ chat: (_b, ctx) => (ctx.seen === 0 ? { status: 429, headers: { 'retry-after-ms': '200', 'retry-after': '30' } } : { json: { answer: 'ok', n: 1 } }) });
    const t0 = Date.now();
    expect((await r.client.completeJson(req()))?.value.answer).toBe('ok');
    const dt = Date.now() - t0;
    expect(dt).toBeGreaterThanOrEqual(190);
    expect(dt).toBeLessThan(2000); // retry-after-ms wins over retry-after
  });

  it('never retries other 4xx', async () => {
    r = await rig({ chat: () => ({ status: 400, message: 'bad request: max_tokens too large' }) });
    expect(await r.client.completeJson(req())).toBeUndefined();
    expect(r.server.count(CHAT)).toBe(1);
    expect(r.failures.failures[0]!.reason).toMatch(/400/);
    expect(r.client.stats().retries).toBe(0);
  });

  it('a hanging server times out, is retried, then the failure is recorded', async () => {
    r = await rig({ chat: () => ({ hang: true }) }, { timeoutMs: 200, maxRetries: 1 });
    const t0 = Date.now();
    expect(await r.client.completeJson(req())).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(r.server.count(CHAT)).toBe(2);
    expect(r.failures.failures[0]!.reason).toMatch(/timed out/i);
    expect(r.client.stats()).toMatchObject({ retries: 1, failures: 1 });
  });

  it('limits concurrency to maxConcurrency', async () => {
    let active = 0;
    let peak = 0;
    r = await rig({
      chat: async () => {
        active++; peak = Math.max(peak, active);
        await new Promise((res) => setTimeout(res, 30));
        active--;
        return { json: { answer: 'ok', n: 1 } };
      },
    }, { maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => r!.client.completeJson(req(`q${i}`, `i${i}`))));
    expect(peak).toBe(2);
  });

  it('stats count calls, hits, tokens and cost', async () => {
    r = await rig({ chat: () => ({ json: { answer: 'ok', n: 1 } }) }, { prices: { inputPerMTok: 1, outputPerMTok: 2 } });
    await r.client.completeJson(req('a'));
    await r.client.completeJson(req('a'));
    await r.client.completeJson(req('b'));
    const s = r.client.stats();
    expect(s).toMatchObject({ calls: 2, cacheHits: 1, retries: 0, failures: 0, items: 3 });
    expect(s.promptTokens).toBeGreaterThan(0);
    expect(s.costUsd).toBeCloseTo((s.promptTokens * 1 + s.completionTokens * 2) / 1e6, 12);
  });

  it('the API key never appears in cache records, failures or stats', async () => {
    r = await rig({ chat: (_b, ctx) => (ctx.index === 0 ? { json: { answer: 'ok', n: 1 } } : { status: 401, message: `Incorrect API key provided: ${TEST_KEY}` }) });
    await r.client.completeJson(req('a'));
    expect(await r.client.completeJson(req('b'))).toBeUndefined();
    const dump = JSON.stringify({ cache: [...r.cache.records.values()], failures: r.failures.failures, stats: r.client.stats() });
    expect(dump).not.toContain(TEST_KEY);
    expect(dump).toContain('[redacted]');
  });
});
