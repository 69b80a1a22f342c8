import type { BatchStateStore } from '../llm/batch-state.js';
import type { LlmCache, LlmCallRecord } from '../llm/cache.js';
import type { FailureSink } from '../llm/failures.js';
import type { Store } from './store.js';

export interface StoreLlmCache extends LlmCache {
  /** Writes buffered records; stages call it before each commit and at the end. */
  flush(): Promise<void>;
}

/** Buffered records per write: bounds what a kill can lose to a few calls. */
const FLUSH_EVERY = 32;

/**
 * The `llm_calls` table as the LLM client's cache: a rerun answers every call from here. The ids
 * present are loaded once so a miss costs no query, and writes are batched: one store
 * connection serves every concurrent call, and a query per call would cap throughput.
 */
export function createStoreLlmCache(store: Store): StoreLlmCache {
  let known: Set<string> | undefined;
  const pending = new Map<string, LlmCallRecord>();
  const flush = async () => {
    if (pending.size === 0) return;
    const records = [...pending.values()];
    pending.clear();
    const values = records.map((_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')}, now())`);
    await store.run(
      `INSERT OR REPLACE INTO llm_calls VALUES ${values.join(', ')}`,
      records.flatMap((rec) => [
        rec.callId, rec.provider, rec.baseUrlHost, rec.model, rec.kind, JSON.stringify(rec.request), JSON.stringify(rec.response),
        rec.usage?.promptTokens ?? null, rec.usage?.completionTokens ?? null, Math.round(rec.latencyMs),
      ]),
    );
  };
  return {
    flush,
    async get(callId) {
      const buffered = pending.get(callId);
      if (buffered) return buffered;
      known ??= new Set((await store.all<{ call_id: string }>('SELECT call_id FROM llm_calls')).map((r) => r.call_id));
      if (!known.has(callId)) return undefined;
      const row = await store.one<{ provider: string; base_url_host: string; model: string; kind: 'chat' | 'embedding'; request: string; response: string; prompt_tokens: number | null; completion_tokens: number | null; latency_ms: number }>(
        'SELECT provider, base_url_host, model, kind, request::VARCHAR AS request, response::VARCHAR AS response, prompt_tokens, completion_tokens, latency_ms FROM llm_calls WHERE call_id = $1',
        [callId],
      );
      if (!row) return undefined;
      const usage = row.prompt_tokens === null ? null : { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens ?? 0 };
      return {
        callId, provider: row.provider, baseUrlHost: row.base_url_host, model: row.model, kind: row.kind,
        request: JSON.parse(row.request), response: JSON.parse(row.response), usage, latencyMs: row.latency_ms,
      } satisfies LlmCallRecord;
    },
    async put(rec) {
      pending.set(rec.callId, structuredClone(rec));
      known?.add(rec.callId);
      if (pending.size >= FLUSH_EVERY) await flush();
    },
  };
}

/** Per-item failures of a run, kept so they can be audited and retried. */
export function createStoreFailureSink(store: Store, runId: string, stage: string): FailureSink & { count(): number } {
  let count = 0;
  return {
    count: () => count,
    async record(f) {
      count++;
      await store.run('INSERT INTO failures VALUES ($1, $2, $3, $4, now())', [runId, f.stage ?? stage, f.itemKey, f.reason]);
    },
  };
}

/** Remembers a submitted Batch API job per stage key, so a restarted run polls it instead of paying twice. */
export function createStoreBatchState(store: Store): BatchStateStore {
  return {
    async getPending(stageKey) {
      const row = await store.one<{ batch_id: string; request_keys: string }>(
        'SELECT batch_id, request_keys::VARCHAR AS request_keys FROM llm_batches WHERE stage_key = $1',
        [stageKey],
      );
      return row && { batchId: row.batch_id, requestKeys: JSON.parse(row.request_keys) as string[] };
    },
    async setPending(stageKey, state) {
      await store.run('INSERT OR REPLACE INTO llm_batches VALUES ($1, $2, $3::JSON, now())', [stageKey, state.batchId, JSON.stringify(state.requestKeys)]);
    },
    async clearPending(stageKey) {
      await store.run('DELETE FROM llm_batches WHERE stage_key = $1', [stageKey]);
    },
  };
}
