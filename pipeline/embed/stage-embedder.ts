import type { Config } from '../config/schema.js';
import type { Embedder } from '../core/types.js';
import { createStageLlm } from '../llm/for-stage.js';
import type { Store } from '../store/store.js';
import { resolveEmbedder } from './resolve-embedder.js';
import { SIF_VERSION } from './sif-embedder.js';

const usesLlm = (config: Config) => config.embed.embedder.startsWith('openai');

/** The embedder's identity for stage keys, known without loading vectors or calling a server. */
export const embedderKeyFor = (config: Config): string =>
  usesLlm(config) ? `${config.embed.embedder}|${config.llm.embeddingModel ?? ''}` : `${config.embed.embedder}@${SIF_VERSION}`;

/** The configured embedder, with the store-backed LLM client when it needs one. */
export function stageEmbedder(store: Store, config: Config, runId: string, stage: string): { embedder: Embedder; flush(): Promise<void>; counts(): Record<string, number> } {
  if (!usesLlm(config)) return { embedder: resolveEmbedder(config.embed.embedder, { cacheDir: config.embed.cacheDir }), flush: async () => {}, counts: () => ({}) };
  const llm = createStageLlm(store, config, runId, stage);
  return { embedder: resolveEmbedder(config.embed.embedder, { client: llm.client }), flush: llm.flush, counts: llm.counts };
}
