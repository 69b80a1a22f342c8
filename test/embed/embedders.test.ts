import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../pipeline/core/types.js';
import { createOpenAiEmbedder } from '../../pipeline/embed/openai-embedder.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { fakeEmbedding } from '../helpers/openai-server.js';
import { rig, type Rig } from '../llm/setup.js';
import { useRealWinkCache } from './real-wink-cache.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

const winkCache = useRealWinkCache();
let r: Rig | undefined;
beforeAll(async () => {
  r = await rig({ embeddingDims: 24 }, {}, { embedBatchSize: 3 });
});
afterAll(async () => r?.server.close());

interface Case { name: string; dims: number; make(): Embedder }
const cases: Case[] = [
  { name: 'wink-sif', dims: 100, make: () => createSifEmbedder({ cacheDir: winkCache() }) },
  { name: 'openai (scripted server)', dims: 24, make: () => createOpenAiEmbedder({ client: r!.client, model: 'test-embed' }) },
];

describe.each(cases)('$name embedder contract', ({ dims, make }) => {
  const texts = ['occupation', 'pet ownership', 'job', '', '   ', 'zxqvbnmtrq', 'Occupation!', 'occupation', 'favourite music genre', 'the of a'];

  it('returns one unit vector of `dimensions` per text, in order', async () => {
    const e = make();
    const vecs = await e.embed(texts);
    expect(e.dimensions).toBe(dims);
    expect(vecs).toHaveLength(texts.length);
    for (const v of vecs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(dims);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    // Order: each position matches embedding that text alone.
    for (const [i, t] of texts.entries()) expect(bytes((await e.embed([t]))[0]!).equals(bytes(vecs[i]!)), t).toBe(true);
    expect(await e.embed([])).toEqual([]);
  });

  it('is deterministic: equal texts and fresh instances give byte-identical vectors', async () => {
    const a = await make().embed(texts);
    const b = await make().embed([...texts].reverse());
    for (const [i, v] of a.entries()) expect(bytes(v).equals(bytes(b[texts.length - 1 - i]!))).toBe(true);
    expect(bytes(a[0]!).equals(bytes(a[7]!))).toBe(true);
    expect(a[0]).not.toBe(a[7]); // copies: a caller mutating one vector cannot change another
  });

  it('gives empty, blank and out-of-vocabulary phrases a non-zero vector', async () => {
    const [empty, blank, oov] = await make().embed(['', '   ', 'zxqvbnmtrq']);
    for (const v of [empty!, blank!, oov!]) expect(v.some((x) => x !== 0)).toBe(true);
  });

  it('has sane thresholds and an id that the first call does not change', async () => {
    const e = make();
    const id = e.id;
    await e.embed(['x']);
    expect(e.dimensions).toBe(dims);
    expect(e.thresholds.duplicate).toBeGreaterThan(e.thresholds.assign);
    expect(e.thresholds.assign).toBeGreaterThanOrEqual(e.thresholds.match);
    expect(e.id).toBe(id);
  });
});

describe('wink-sif embedder', () => {
  const nearer = async (x: string, y: string, z: string) => {
    const [vx, vy, vz] = await createSifEmbedder({ cacheDir: winkCache() }).embed([x, y, z]);
    return dot(vx!, vy!) - dot(vx!, vz!);
  };

  it('puts related attribute phrases nearer than unrelated ones', async () => {
    const triples: Array<[string, string, string]> = [
      ['occupation', 'job', 'pet'],
      ['dog ownership', 'pet ownership', 'hometown'],
      ['birthplace', 'hometown', 'salary'],
      ['music taste', 'favorite music', 'sleep schedule'],
      ['religious belief', 'faith', 'fitness regimen'],
      ['salary', 'income', 'mother tongue'],
      ['native language', 'mother tongue', 'exercise routine'],
      ['workout habit', 'exercise routine', 'political affiliation'],
    ];
    for (const [x, y, z] of triples) expect(await nearer(x, y, z), `${x}: ${y} vs ${z}`).toBeGreaterThan(0);
  });

  it('keeps its vectors byte-identical across runs (bump SIF_VERSION if this changes)', async () => {
    const vecs = await createSifEmbedder({ cacheDir: winkCache() }).embed(['pet ownership', 'line of work', '', 'zxqvbnmtrq', 'self-employed plumber']);
    const hash = createHash('sha256');
    for (const v of vecs) hash.update(bytes(v));
    expect(hash.digest('hex').slice(0, 16)).toBe('1b0c1c5493174e93');
  });

  it('names a non-default `a` in its id', () => {
    expect(createSifEmbedder().id).toBe('wink-sif@100d.v1');
    expect(createSifEmbedder({ a: 1e-3 }).id).toBe('wink-sif@100d.v1');
    expect(createSifEmbedder({ a: 1e-4 }).id).toBe('wink-sif@100d.v1.a0.0001');
  });
});

describe('openai embedder', () => {
  it('learns dimensions from the first response and checks later ones', async () => {
    const e = createOpenAiEmbedder({ client: r!.client, model: 'test-embed', host: '127.0.0.1:9' });
    expect(e.id).toBe('openai:test-embed@127.0.0.1:9');
    expect(e.dimensions).toBe(0);
    await e.embed(['a']);
    expect(e.dimensions).toBe(24);
    expect(e.id).toBe('openai:test-embed@127.0.0.1:9'); // stage keys and stored vectors use it: it never changes
    await expect(e.embed(['c'])).resolves.toHaveLength(1);
    const fixed = createOpenAiEmbedder({ client: r!.client, model: 'test-embed', dimensions: 8 });
    expect(fixed.id).toBe('openai:test-embed/8d');
    await expect(fixed.embed(['b'])).rejects.toMatchObject({ code: 'CONFIG', message: /24 dimensions, expected 8/ });
  });

  it('re-normalises what the client returns and sends blanks as a placeholder', async () => {
    const scaled = { ...r!.client, embed: async (texts: string[]) => texts.map((t) => Float32Array.from(fakeEmbedding(t, 4), (x) => x * 3)) };
    const [v] = await createOpenAiEmbedder({ client: scaled, model: 'm' }).embed(['x']);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 6);
    await createOpenAiEmbedder({ client: r!.client, model: 'test-embed' }).embed(['', ' ']);
    const inputs = r!.server.requests.filter((q) => q.path === '/v1/embeddings').flatMap((q) => (q.body as { input: string[] }).input);
    expect(inputs).toContain('(blank)');
    expect(inputs.filter((t) => !t.trim())).toEqual([]); // the API rejects empty input
  });
});
