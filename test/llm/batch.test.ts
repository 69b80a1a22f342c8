import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rig, type Rig } from './setup.js';
import { userText } from '../helpers/openai-server.js';
import { createMemoryBatchStateStore, runChatBatch } from '../../pipeline/llm/batch.js';

const schema = z.object({ echo: z.string() });
const reqs = ['one', 'two', 'three'].map((q) => ({
  messages: [{ role: 'user' as const, content: q }], schema, schemaName: 'echo', promptVersion: 'v1', itemKey: q,
}));

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('batch mode', () => {
  it('submits JSONL, polls, downloads, and fills the cache so direct calls become hits', async () => {
    // 'three' gets an invalid answer: it must stay a cache miss and go through a direct call later.
    r = await rig({ batchPollsToComplete: 2, chat: (b) => (userText(b) === 'three' ? { json: { nope: 1 } } : { json: { echo: userText(b) } }) });
    const store = createMemoryBatchStateStore();
    const res = await runChatBatch({ client: r.client, store, stageKey: 'extract:abc', requests: reqs, pollIntervalMs: 5 });
    expect(res).toMatchObject({ status: 'completed', submitted: true, resumed: false, cached: 2, invalid: 1 });
    expect(store.states.size).toBe(0);

    const upload = r.server.requests.find((q) => q.path === '/v1/files')!.body as { purpose: string; content: string };
    expect(upload.purpose).toBe('batch');
    const lines = upload.content.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions', custom_id: r.client.prepare(reqs[0]!).key });
    const create = r.server.requests.find((q) => q.path === '/v1/batches')!.body;
    expect(create).toMatchObject({ endpoint: '/v1/chat/completions', completion_window: '24h' });

    r.server.setHandler({ chat: (b) => ({ json: { echo: `direct:${userText(b)}` } }) });
    const before = r.server.count('/v1/chat/completions');
    const out = await Promise.all(reqs.map((q) => r!.client.completeJson(q)));
    expect(out.map((o) => o?.value.echo)).toEqual(['one', 'two', 'direct:three']);
    expect(out.map((o) => o?.cached)).toEqual([true, true, false]);
    expect(r.server.count('/v1/chat/completions')).toBe(before + 1);
  });

  it('resumes a pending batch after a restart instead of submitting again', async () => {
    r = await rig({ batchPollsToComplete: 3, chat: (b) => ({ json: { echo: userText(b) } }) });
    const store = createMemoryBatchStateStore();
    // First process: submits, polls once, then "dies" (stops polling).
    const first = await runChatBatch({ client: r.client, store, stageKey: 's', requests: reqs, pollIntervalMs: 5, maxPolls: 1 });
    expect(first).toMatchObject({ status: 'pending', submitted: true });
    expect(store.states.get('s')?.batchId).toBe(first.batchId);

    // Second process: fresh client, same store and cache.
    const second = await runChatBatch({ client: r.newClient(), store, stageKey: 's', requests: reqs, pollIntervalMs: 5 });
    expect(second).toMatchObject({ status: 'completed', resumed: true, submitted: false, cached: 3, batchId: first.batchId });
    expect(r.server.count('/v1/batches', 'POST')).toBe(1);
    expect(r.server.count('/v1/files', 'POST')).toBe(1);
    expect(store.states.size).toBe(0);
  });

  it('abort signal stops polling and leaves the batch pending', async () => {
    r = await rig({ batchPollsToComplete: 1000 });
    const store = createMemoryBatchStateStore();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const res = await runChatBatch({ client: r.client, store, stageKey: 's', requests: reqs, pollIntervalMs: 10, signal: ac.signal });
    expect(res.status).toBe('pending');
    expect(store.states.has('s')).toBe(true);
  });

  it('nothing to do when everything is cached', async () => {
    r = await rig({ chat: (b) => ({ json: { echo: userText(b) } }) });
    await Promise.all(reqs.map((q) => r!.client.completeJson(q)));
    const res = await runChatBatch({ client: r.client, store: createMemoryBatchStateStore(), stageKey: 's', requests: reqs });
    expect(res.status).toBe('empty');
    expect(r.server.count('/v1/batches')).toBe(0);
  });
});
