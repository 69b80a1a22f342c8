import { afterEach, describe, expect, it } from 'vitest';
import { rig, type Rig } from './setup.js';
import { fakeEmbedding } from '../helpers/openai-server.js';

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('embed', () => {
  it('batches, asks for float encoding, keeps order, dedupes, and caches per text', async () => {
    r = await rig({ embeddingDims: 8 }, {}, { embedBatchSize: 3 });
    const texts = ['a', 'b', 'c', 'd', 'a', 'e', 'f', 'g'];
    const vecs = await r.client.embed(texts);
    expect(vecs).toHaveLength(8);
    expect(vecs[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(vecs[3]!)).toEqual(Array.from(Float32Array.from(fakeEmbedding('d', 8))));
    expect(Array.from(vecs[4]!)).toEqual(Array.from(vecs[0]!));
    const reqs = r.server.requests.filter((q) => q.path === '/v1/embeddings');
    expect(reqs.map((q) => (q.body as { input: string[] }).input.length)).toEqual([3, 3, 1]); // 7 unique texts
    expect(reqs.every((q) => (q.body as { encoding_format: string }).encoding_format === 'float')).toBe(true);
    expect((reqs[0]!.body as { model: string }).model).toBe('test-embed');

    const n = r.server.requests.length;
    const again = await r.newClient({ embedBatchSize: 3 }).embed(['g', 'a', 'c']);
    expect(r.server.requests.length).toBe(n); // rerun: zero requests
    expect(Array.from(again[1]!)).toEqual(Array.from(vecs[0]!));

    await r.client.embed(['a', 'new-1', 'new-2']); // only the new texts go out
    expect((r.server.requests.at(-1)!.body as { input: string[] }).input).toEqual(['new-1', 'new-2']);
    expect(r.client.stats().cacheHits).toBe(1);
  });

  it('retries a 429 on embeddings and counts it', async () => {
    r = await rig({ embeddings: (i) => (i === 0 ? { status: 429, headers: { 'retry-after-ms': '20' } } : undefined) });
    const [v] = await r.client.embed(['x']);
    expect(v).toHaveLength(16);
    expect(r.client.stats()).toMatchObject({ retries: 1, calls: 2 });
  });

  it('throws (redacted) when embeddings keep failing with a non-retryable error', async () => {
    r = await rig({ embeddings: () => ({ status: 404, message: 'model test-embed not found' }) });
    await expect(r.client.embed(['x'])).rejects.toThrow(/embedding request failed.*404/);
    expect(r.server.count('/v1/embeddings')).toBe(1);
  });
});
