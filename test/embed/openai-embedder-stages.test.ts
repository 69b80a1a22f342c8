import { afterEach, describe, expect, it } from 'vitest';
import { embedderKeyFor } from '../../pipeline/embed/stage-embedder.js';
import { startOpenAiServer, type OpenAiTestServer } from '../helpers/openai-server.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';

let server: OpenAiTestServer | undefined;
afterEach(async () => server?.close());

describe('the openai embedder through the stages', () => {
  it('ingest → extract → embed → cluster gives a taxonomy, with an embedding server and no chat model', async () => {
    server = await startOpenAiServer({ embeddingDims: 24 });
    const store = await tempStore();
    const config = testConfig({
      ingest: { paths: [writeDisclosureCorpus(tempDir(), 60)] },
      embed: { embedder: 'openai:test-embed', baseURL: server.url, dimensions: 24 },
    });
    const id = embedderKeyFor(config);
    expect(id).toBe(`openai:test-embed@${new URL(server.url).host}/24d`);
    const manifest = await runStages(store, config, { until: 'cluster' });
    const embed = manifest.stages.find((s) => s.stage === 'embed')!;
    const cluster = manifest.stages.find((s) => s.stage === 'cluster')!;
    expect(embed.counts.embedded).toBeGreaterThan(10);
    // The vectors are stored under the id the stage key used, and the cluster stage finds them.
    expect(Number(await store.scalar(`SELECT count(*) FROM embeddings WHERE embedder_id = '${id}'`))).toBe(embed.counts.embedded);
    expect(cluster.counts.phrases).toBe(embed.counts.phrases);
    expect(cluster.counts.roots).toBeGreaterThan(0);
    expect(Number(await store.scalar("SELECT count(*) FROM taxonomy_versions WHERE embedder_id = '" + id + "'"))).toBe(1);
    expect(server.requests.some((r) => r.path === '/v1/chat/completions')).toBe(false);

    // A forced rerun embeds nothing new (every phrase already has a vector under the same id).
    const calls = server.count('/v1/embeddings');
    const again = await runStages(store, config, { until: 'cluster', force: ['embed'] });
    expect(again.stages.find((s) => s.stage === 'embed')!.counts.embedded).toBe(0);
    expect(server.count('/v1/embeddings')).toBe(calls);
  });

  it('refuses a model that answers with other dimensions than configured, naming both', async () => {
    server = await startOpenAiServer({ embeddingDims: 16 });
    const store = await tempStore();
    const config = testConfig({
      ingest: { paths: [writeDisclosureCorpus(tempDir(), 20)] },
      embed: { embedder: 'openai:test-embed', baseURL: server.url, dimensions: 24 },
    });
    await expect(runStages(store, config, { until: 'embed' })).rejects.toThrow(/returned 16 dimensions, expected 24/);
  });
});
