/**
 * Embeddings with one cache entry per text: reruns, and reruns over a grown corpus, only pay for
 * texts never embedded before, whatever the batch boundaries were last time.
 */
import { requestKey } from './cache.js';
import type { ClientCore } from './client.js';
import { withRetry } from './retry.js';

export async function embedTexts(core: ClientCore, texts: string[], modelArg?: string): Promise<Float32Array[]> {
  const model = modelArg ?? core.settings.embeddingModel;
  if (!model) throw new Error('embedding model is not configured (llm.embeddingModel or OPENAI_EMBEDDING_MODEL)');
  const { settings, cache, counter } = core;
  const keyOf = (text: string) =>
    requestKey({
      provider: settings.provider,
      baseUrlHost: settings.baseUrlHost,
      model,
      input: text,
      params: { encoding_format: 'float' },
      schema: null,
    });

  const byText = new Map<string, Float32Array>();
  const missing: Array<{ text: string; key: string }> = [];
  for (const text of new Set(texts)) {
    const key = keyOf(text);
    const hit = await cache.get(key);
    const vec = (hit?.response as { embedding?: unknown } | undefined)?.embedding;
    if (Array.isArray(vec)) {
      counter.c.cacheHits++;
      byText.set(text, Float32Array.from(vec as number[]));
    } else {
      missing.push({ text, key });
    }
  }

  const batches: Array<typeof missing> = [];
  for (let i = 0; i < missing.length; i += core.embedBatchSize) batches.push(missing.slice(i, i + core.embedBatchSize));

  await Promise.all(
    batches.map((batch) =>
      core.queue.add(async () => {
        const t0 = performance.now();
        const res = await withRetry(
          () => {
            counter.c.calls++;
            return core.openai.embeddings.create(
              { model, input: batch.map((b) => b.text), encoding_format: 'float' },
              { timeout: settings.timeoutMs },
            );
          },
          core.retry,
          () => counter.c.retries++,
        ).catch((e: unknown) => {
          throw new Error(core.redact(`embedding request failed: ${(e as Error).message ?? String(e)}`));
        });
        if (res.data.length !== batch.length) {
          throw new Error(`embedding server returned ${res.data.length} vectors for ${batch.length} inputs`);
        }
        const usage = { promptTokens: res.usage?.prompt_tokens ?? 0, completionTokens: 0 };
        counter.addUsage(usage);
        const latencyMs = Math.round(performance.now() - t0);
        // Servers may reorder; `index` is authoritative.
        const sorted = [...res.data].sort((a, b) => a.index - b.index);
        for (const [i, item] of batch.entries()) {
          const embedding = sorted[i]!.embedding as number[];
          byText.set(item.text, Float32Array.from(embedding));
          await cache.put({
            callId: item.key,
            provider: settings.provider,
            baseUrlHost: settings.baseUrlHost,
            model,
            kind: 'embedding',
            request: { model, input: item.text, encoding_format: 'float' },
            response: { embedding },
            // The batch's token count is booked on its first record so sums over the cache stay right.
            usage: i === 0 ? usage : { promptTokens: 0, completionTokens: 0 },
            latencyMs,
          });
        }
      }),
    ),
  );
  return texts.map((t) => byText.get(t)!);
}
