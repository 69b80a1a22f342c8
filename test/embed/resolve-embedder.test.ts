import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/core/errors.js';
import { embedderIdOf, resolveEmbedder } from '../../pipeline/embed/resolve-embedder.js';
import { rig, type Rig } from '../llm/setup.js';

let r: Rig;
beforeAll(async () => { r = await rig(); });
afterAll(async () => r.server.close());

const configError = (fn: () => unknown): PipelineError => {
  try { fn(); } catch (e) { return e as PipelineError; }
  throw new Error('expected a PipelineError');
};

describe('resolveEmbedder', () => {
  it('defaults to wink-sif', () => {
    expect(resolveEmbedder('wink-sif', {}).id).toBe('wink-sif@100d.v1');
    expect(resolveEmbedder('', {}).id).toBe('wink-sif@100d.v1');
  });

  it('builds openai embedders whose id is known before the first call', async () => {
    const e = resolveEmbedder('openai:text-embedding-3-small', { client: r.client, host: 'h:1' });
    expect(e.id).toBe('openai:text-embedding-3-small@h:1');
    const configured = resolveEmbedder('openai', { client: r.client, embeddingModel: 'test-embed', dimensions: 16 });
    expect(configured.id).toBe('openai:test-embed/16d');
    expect(embedderIdOf('openai', { embeddingModel: 'test-embed', dimensions: 16 })).toBe(configured.id);
    await configured.embed(['hello']);
    expect(configured.id).toBe('openai:test-embed/16d');
    expect(configured.dimensions).toBe(16);
  });

  it('rejects unknown specs and openai without a client or model as CONFIG errors with a hint', () => {
    const unknown = configError(() => resolveEmbedder('glove', {}));
    expect(unknown).toBeInstanceOf(PipelineError);
    expect(unknown).toMatchObject({ code: 'CONFIG', message: 'unknown embedder "glove"' });
    expect(unknown.hint).toMatch(/wink-sif.*openai:<model>/);
    expect(configError(() => resolveEmbedder('openai:m', {}))).toMatchObject({ code: 'CONFIG' });
    expect(configError(() => resolveEmbedder('openai:', { client: r.client }))).toMatchObject({ code: 'CONFIG', message: /no model/ });
  });
});
