/**
 * The one LLM client every stage uses: cache first, then a bounded queue, one retry policy,
 * structured output with a JSON-mode fallback, and per-item failures instead of crashes.
 */
import OpenAI, { APIError } from 'openai';
import PQueue from 'p-queue';
import type { LlmCache } from './cache.js';
import type { LlmSettings } from './config.js';
import type { FailureSink } from './failures.js';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry.js';
import { createStatsCounter, type LlmStats, type StatsCounter } from './stats.js';
import {
  answerOf, chatBody, parseAnswer, prepareJsonRequest, usageOf,
  type ChatMessage, type JsonRequest, type PreparedJsonRequest, type ResponseMode,
} from './chat-request.js';
import { embedTexts } from './embed.js';

export type { ChatMessage, JsonRequest } from './chat-request.js';

export interface LlmClientOptions {
  settings: LlmSettings;
  cache: LlmCache;
  failures?: FailureSink;
  /** Custom fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Stage name copied into failure records. */
  stage?: string;
  /** Backoff tuning; the retry count comes from settings.maxRetries. */
  retry?: Partial<Omit<RetryOptions, 'retries'>>;
  embedBatchSize?: number;
}

export interface JsonResult<T> {
  value: T;
  callId: string;
  cached: boolean;
}

export interface LlmClient {
  /** Model id for extractor ids and manifests. */
  readonly model: string | undefined;
  completeJson<T>(req: JsonRequest<T>): Promise<JsonResult<T> | undefined>;
  embed(texts: string[], model?: string): Promise<Float32Array[]>;
  stats(): LlmStats;
  /** For batch mode: the key and shape a direct call would use. */
  prepare<T>(req: JsonRequest<T>): PreparedJsonRequest<T>;
  readonly internals: ClientCore;
}

/** Shared by embed.ts and batch.ts; not for stages. */
export interface ClientCore {
  settings: LlmSettings;
  cache: LlmCache;
  openai: OpenAI;
  queue: PQueue;
  counter: StatsCounter;
  retry: RetryOptions;
  embedBatchSize: number;
  redact(s: string): string;
  mode(): ResponseMode;
}

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const { settings, cache, failures } = opts;
  const openai = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: 0, // the policy lives in retry.ts only
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  let mode: ResponseMode = 'json_schema';
  const core: ClientCore = {
    settings,
    cache,
    openai,
    queue: new PQueue({ concurrency: settings.maxConcurrency }),
    counter: createStatsCounter(settings.prices),
    retry: { ...DEFAULT_RETRY, ...opts.retry, retries: settings.maxRetries },
    embedBatchSize: opts.embedBatchSize ?? 256,
    redact: (s) => (settings.hasApiKey ? s.split(settings.apiKey).join('[redacted]') : s),
    mode: () => mode,
  };
  const c = core.counter.c;

  /** Sends one request under the retry policy; switches the client to JSON mode on a schema rejection. */
  async function send(p: PreparedJsonRequest<unknown>, messages: ChatMessage[]) {
    return withRetry(
      async () => {
        for (;;) {
          const usedMode = mode;
          const body = chatBody(p, settings, usedMode, messages);
          c.calls++;
          try {
            const completion = await openai.chat.completions.create(body as unknown as ChatParams, {
              timeout: settings.timeoutMs,
            });
            return { completion, body };
          } catch (e) {
            // Not a retry: the server told us what it cannot do; every later call uses JSON mode.
            if (usedMode === 'json_schema' && isSchemaRejection(e)) {
              mode = 'json_object';
              continue;
            }
            throw e;
          }
        }
      },
      core.retry,
      () => c.retries++,
    );
  }

  async function callAndValidate<T>(p: PreparedJsonRequest<T>): Promise<JsonResult<T>> {
    const t0 = performance.now();
    const usage = { promptTokens: 0, completionTokens: 0 };
    let messages = p.req.messages;
    let reason = '';
    // One re-ask: models usually fix a malformed or cut-off answer when shown the problem.
    for (let ask = 0; ask < 2; ask++) {
      const { completion, body } = await send(p, messages);
      const u = usageOf(completion);
      core.counter.addUsage(u);
      usage.promptTokens += u?.promptTokens ?? 0;
      usage.completionTokens += u?.completionTokens ?? 0;
      const answer = answerOf(completion);
      const parsed = parseAnswer(answer, p.req.schema);
      if (parsed.ok) {
        await cache.put({
          callId: p.key,
          provider: settings.provider,
          baseUrlHost: settings.baseUrlHost,
          model: p.model,
          kind: 'chat',
          request: body,
          response: completion,
          usage,
          latencyMs: Math.round(performance.now() - t0),
        });
        return { value: parsed.value, callId: p.key, cached: false };
      }
      reason = parsed.reason;
      messages = [
        ...p.req.messages,
        { role: 'assistant', content: answer.content ?? '' },
        { role: 'user', content: reaskText(parsed.reason) },
      ];
    }
    throw new Error(`${reason} (still invalid after one re-ask)`);
  }

  return {
    model: settings.model,
    internals: core,
    prepare: (req) => prepareJsonRequest(settings, req),
    stats: () => core.counter.snapshot(),
    embed: (texts, model) => embedTexts(core, texts, model),
    async completeJson<T>(req: JsonRequest<T>) {
      c.items++;
      const p = prepareJsonRequest(settings, req);
      const hit = await cache.get(p.key);
      if (hit) {
        const parsed = parseAnswer(answerOf(hit.response), req.schema);
        if (parsed.ok) {
          c.cacheHits++;
          return { value: parsed.value, callId: p.key, cached: true };
        }
        // An unusable cached answer (e.g. written by an older validator) is treated as a miss.
      }
      try {
        return await core.queue.add(() => callAndValidate(p));
      } catch (e) {
        c.failures++;
        const reason = core.redact(describeError(e));
        await failures?.record({ ...(opts.stage ? { stage: opts.stage } : {}), itemKey: req.itemKey, reason });
        return undefined;
      }
    },
  };
}

function isSchemaRejection(e: unknown): boolean {
  if (!(e instanceof APIError) || (e.status !== 400 && e.status !== 422)) return false;
  return /response_format|json_schema|structured output|schema/i.test(e.message);
}

function reaskText(reason: string): string {
  return (
    `Your previous reply could not be used: ${reason}. ` +
    'Reply again with only the complete JSON object, nothing else. Keep it short enough to finish.'
  );
}

export function describeError(e: unknown): string {
  if (e instanceof APIError) return `${e.constructor.name}${e.status ? ` ${e.status}` : ''}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
