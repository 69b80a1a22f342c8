import type { Config } from '../config/schema.js';
import { createStoreFailureSink, createStoreLlmCache } from '../store/llm-tables.js';
import type { Store } from '../store/store.js';
import { createLlmClient, type LlmClient } from './client.js';
import { isLlmConfigured, isServerConfigured, type LlmSettings, resolveLlmSettings } from './config.js';
import { exceedsFailureRate, type LlmStats } from './stats.js';
import { PipelineError } from '../core/errors.js';

export interface StageLlm {
  client: LlmClient;
  /** Calls, cache hits, tokens and cost, flattened for the run manifest's counts. */
  counts(): Record<string, number>;
  /** Persists buffered cache writes (call before committing rows that cite llm_call_ids). */
  flush(): Promise<void>;
  /** Throws STAGE_FAILED when failures exceed llm.maxFailureRate. */
  checkFailureRate(): void;
}

/**
 * The LLM client a stage uses: backed by the store's llm_calls cache and failures table. Throws a
 * clear error when a stage needs an LLM and none is configured, rather than silently degrading.
 * With `embeddingSettings` (see embeddingLlmSettings) the client only embeds: no chat model needed.
 */
export function createStageLlm(store: Store, config: Config, runId: string, stage: string, embeddingSettings?: LlmSettings): StageLlm {
  const settings = embeddingSettings ?? resolveLlmSettings(config.llm);
  if (embeddingSettings && !isServerConfigured(settings)) {
    throw new PipelineError('CONFIG', `stage ${stage} needs an embedding server but none is configured`, 'set embed.baseURL or llm.baseURL (or OPENAI_BASE_URL / OPENAI_API_KEY), or use the offline embedder "wink-sif"');
  }
  if (!embeddingSettings && !isLlmConfigured(settings)) {
    throw new PipelineError('CONFIG', `stage ${stage} needs an LLM but none is configured`, 'set llm.baseURL and llm.model in the config (or OPENAI_BASE_URL / OPENAI_MODEL / OPENAI_API_KEY), or use the offline default');
  }
  const cache = createStoreLlmCache(store);
  const client = createLlmClient({ settings, cache, failures: createStoreFailureSink(store, runId, stage), stage });
  return {
    client,
    counts: () => flattenStats(client.stats()),
    flush: () => cache.flush(),
    checkFailureRate() {
      const stats = client.stats();
      if (exceedsFailureRate(stats, settings.maxFailureRate)) {
        throw new PipelineError('STAGE_FAILED', `${stage}: ${stats.failures} of ${stats.items} LLM items failed, above llm.maxFailureRate ${settings.maxFailureRate}`, 'see the failures table (deeppersona sql "select * from failures"); rerun to retry them');
      }
    },
  };
}

function flattenStats(stats: LlmStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) if (typeof value === 'number') out[`llm${key[0]!.toUpperCase()}${key.slice(1)}`] = value;
  return out;
}
