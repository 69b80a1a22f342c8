import type { Config } from '../config/schema.js';
import type { Embedder } from '../core/types.js';
import { embeddingLlmSettings } from '../llm/config.js';
import { createStageLlm } from '../llm/for-stage.js';
import type { Store } from '../store/store.js';
import { embedderIdOf, openAiModelOf, resolveEmbedder } from './resolve-embedder.js';

/** Where the configured embedder's server is, when it needs one (the llm block, or embed.baseURL over it). */
function serverOf(config: Config) {
  const settings = embeddingLlmSettings(config.llm, config.embed.baseURL);
  const model = openAiModelOf(config.embed.embedder, settings.embeddingModel);
  return model === undefined ? undefined : settings;
}

/**
 * The embedder's id for stage keys and stored vectors, known without loading vectors or calling a
 * server: the one place it is computed, the same string the embedder reports as `id`.
 */
export function embedderKeyFor(config: Config): string {
  const server = serverOf(config);
  return embedderIdOf(config.embed.embedder, { embeddingModel: server?.embeddingModel, host: server?.baseUrlHost, dimensions: config.embed.dimensions });
}

/** The configured embedder, with the store-backed LLM client when it needs one. */
export function stageEmbedder(store: Store, config: Config, runId: string, stage: string): { embedder: Embedder; flush(): Promise<void>; counts(): Record<string, number> } {
  const server = serverOf(config);
  if (!server) return { embedder: resolveEmbedder(config.embed.embedder, { cacheDir: config.embed.cacheDir }), flush: async () => {}, counts: () => ({}) };
  const llm = createStageLlm(store, config, runId, stage, server);
  const embedder = resolveEmbedder(config.embed.embedder, { client: llm.client, embeddingModel: server.embeddingModel, host: server.baseUrlHost, dimensions: config.embed.dimensions });
  return { embedder, flush: llm.flush, counts: llm.counts };
}
