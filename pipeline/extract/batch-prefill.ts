import type { Config } from '../config/schema.js';
import type { LlmClient } from '../llm/client.js';
import type { JsonRequest } from '../llm/chat-request.js';
import { runChatBatch, type BatchRunResult } from '../llm/batch.js';
import { createStoreBatchState } from '../store/llm-tables.js';
import type { Store } from '../store/store.js';
import { loadConversations } from './load-conversations.js';
import { resolveExtractor } from './resolve-extractor.js';

/**
 * Batch mode: a dry pass collects the requests the extractor would send for the pending
 * conversations, the Batch API answers them into the cache, and the normal pass then reads
 * them from there. Calls that depend on an earlier answer (slot mode's second step) go direct.
 */
export async function prefillViaBatch(opts: {
  store: Store; config: Config; client: LlmClient; stageKey: string; pendingIds: string[];
}): Promise<BatchRunResult> {
  const requests: JsonRequest<unknown>[] = [];
  const recorder: LlmClient = {
    ...opts.client,
    async completeJson(req) {
      requests.push(req as JsonRequest<unknown>);
      return undefined;
    },
  };
  const extractor = resolveExtractor(opts.config, recorder);
  for (let at = 0; at < opts.pendingIds.length; at += opts.config.extract.chunkSize) {
    for (const conversation of await loadConversations(opts.store, opts.pendingIds.slice(at, at + opts.config.extract.chunkSize))) {
      await extractor.extract(conversation);
    }
  }
  return runChatBatch({
    client: opts.client,
    store: createStoreBatchState(opts.store),
    stageKey: opts.stageKey,
    requests,
    pollIntervalMs: opts.config.llm.batchPollIntervalMs,
  });
}
