/**
 * OpenAI Batch API mode: the stage's cache misses go out as one JSONL batch (half price, up to
 * 24 h latency); results land in the same cache a direct call would fill, keyed by the same request
 * key, so the stage then runs its normal completeJson loop and sees cache hits. Anything the batch
 * did not answer validly stays a miss and goes through direct calls.
 */
import { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { LlmClient } from './client.js';
import { answerOf, chatBody, parseAnswer, usageOf, type JsonRequest, type PreparedJsonRequest } from './chat-request.js';
import { withRetry } from './retry.js';
import type { BatchStateStore } from './batch-state.js';

export * from './batch-state.js';

export interface RunBatchOptions {
  client: LlmClient;
  store: BatchStateStore;
  /** Identifies the stage run (e.g. stage name + config hash): one pending batch per key. */
  stageKey: string;
  /** The stage's requests that missed the cache; also needed on resume, to validate answers. */
  requests: JsonRequest<unknown>[];
  pollIntervalMs?: number;
  /** Stop polling (leaving the batch pending) after this many status checks. */
  maxPolls?: number;
  signal?: AbortSignal;
}

export interface BatchRunResult {
  batchId?: string;
  /** 'pending' = we stopped polling; the batch is still recorded in the store. */
  status: Batch['status'] | 'pending' | 'empty';
  submitted: boolean;
  resumed: boolean;
  /** Valid answers written to the cache. */
  cached: number;
  /** Answers that failed JSON/schema validation, or per-request errors; left as cache misses. */
  invalid: number;
  promptTokens: number;
  completionTokens: number;
}

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

export async function runChatBatch(opts: RunBatchOptions): Promise<BatchRunResult> {
  const { client, store, stageKey } = opts;
  const core = client.internals;
  const { openai, settings, cache } = core;
  const c = core.counter.c;
  const api = <T>(fn: () => Promise<T>) => withRetry(() => (c.calls++, fn()), core.retry, () => c.retries++);

  const prepared = new Map<string, PreparedJsonRequest<unknown>>();
  for (const r of opts.requests) {
    const p = client.prepare(r);
    prepared.set(p.key, p);
  }
  const result: BatchRunResult = {
    status: 'pending', submitted: false, resumed: false, cached: 0, invalid: 0, promptTokens: 0, completionTokens: 0,
  };

  let state = await store.getPending(stageKey);
  if (state) {
    result.resumed = true;
  } else {
    const todo: PreparedJsonRequest<unknown>[] = [];
    for (const p of prepared.values()) if (!(await cache.get(p.key))) todo.push(p);
    if (todo.length === 0) return { ...result, status: 'empty' };
    const jsonl = todo
      .map((p) => JSON.stringify({
        custom_id: p.key, method: 'POST', url: '/v1/chat/completions', body: chatBody(p, settings, core.mode()),
      }))
      .join('\n') + '\n';
    const file = await api(async () =>
      openai.files.create({ file: await toFile(Buffer.from(jsonl), `${safeName(stageKey)}.jsonl`), purpose: 'batch' }),
    );
    const batch = await api(() =>
      openai.batches.create({
        input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h',
        metadata: { stage: stageKey.slice(0, 500) },
      }),
    );
    // Recorded before the first poll: from here on a restart resumes instead of resubmitting.
    state = { batchId: batch.id, requestKeys: todo.map((p) => p.key) };
    await store.setPending(stageKey, state);
    result.submitted = true;
  }
  result.batchId = state.batchId;

  let batch: Batch;
  for (let polls = 1; ; polls++) {
    batch = await api(() => openai.batches.retrieve(state.batchId));
    if (TERMINAL.has(batch.status)) break;
    if ((opts.maxPolls !== undefined && polls >= opts.maxPolls) || opts.signal?.aborted) return result;
    if (!(await sleep(opts.pollIntervalMs ?? 30_000, opts.signal))) return result;
  }

  // Expired and cancelled batches can still carry partial output worth keeping.
  if (batch.output_file_id) {
    const res = await api(() => openai.files.content(batch.output_file_id!));
    const latencyMs = batch.completed_at ? Math.max(0, (batch.completed_at - batch.created_at) * 1000) : 0;
    for (const line of (await res.text()).split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { custom_id?: string; response?: { status_code?: number; body?: unknown } };
      const p = row.custom_id ? prepared.get(row.custom_id) : undefined;
      const body = row.response?.body;
      if (!p || row.response?.status_code !== 200 || !parseAnswer(answerOf(body), p.req.schema).ok) {
        result.invalid++;
        continue;
      }
      const usage = usageOf(body);
      result.promptTokens += usage?.promptTokens ?? 0;
      result.completionTokens += usage?.completionTokens ?? 0;
      await cache.put({
        callId: p.key, provider: settings.provider, baseUrlHost: settings.baseUrlHost, model: p.model, kind: 'chat',
        request: chatBody(p, settings, core.mode()), response: body, usage, latencyMs,
      });
      result.cached++;
    }
  }
  await store.clearPending(stageKey);
  return { ...result, status: batch.status };
}

/** Resolves true after ms, false as soon as the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
    const onAbort = () => { clearTimeout(t); resolve(false); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'batch';
}
