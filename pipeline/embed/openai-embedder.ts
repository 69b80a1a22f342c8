/**
 * Embedder over an OpenAI-compatible /embeddings endpoint. The client already caches per text,
 * batches, retries and asks for float encoding; this adds the Embedder contract: unit vectors,
 * a dimension check, and non-empty input (the API rejects "").
 */
import { PipelineError } from '../core/errors.js';
import type { Embedder, EmbedderThresholds } from '../core/types.js';
import type { LlmClient } from '../llm/client.js';

/**
 * Rough defaults for OpenAI's text-embedding-3 family, whose cosines run lower than word-vector
 * averages (unrelated short phrases ~0.1–0.3, paraphrases ~0.6–0.8). Not measured here (no
 * network in tests): pass `thresholds` after measuring with test/bench/embed.bench.ts's set.
 */
export const OPENAI_THRESHOLDS: EmbedderThresholds = { duplicate: 0.9, match: 0.6, assign: 0.65 };

// Stands in for blank texts, which the API refuses; fixed, so a blank phrase always gets one vector.
export const BLANK_TEXT = '(blank)';

export interface OpenAiEmbedderOptions {
  client: LlmClient;
  model: string;
  /** The server's host: the same model name on two servers may give different vectors, so it is part of the id. */
  host?: string;
  /**
   * Expected vector length, checked on every answer and part of the id. When omitted, the first
   * answer's length is expected from then on. (The client does not request shortened vectors, so
   * this is a check, not a request.)
   */
  dimensions?: number;
  thresholds?: Partial<EmbedderThresholds>;
}

/**
 * The embedder's id, known before any call: stage keys and the stored vectors are keyed by it, so
 * it must not change once the first answer arrives.
 */
export const openAiEmbedderId = (model: string, host?: string, dimensions?: number): string =>
  `openai:${model}${host ? `@${host}` : ''}${dimensions ? `/${dimensions}d` : ''}`;

export function createOpenAiEmbedder(opts: OpenAiEmbedderOptions): Embedder {
  const { client, model } = opts;
  if (!model) throw new PipelineError('CONFIG', 'openai embedder needs a model name', 'use "openai:<model>", e.g. "openai:text-embedding-3-small"');
  let dims = opts.dimensions ?? 0;
  const thresholds = { ...OPENAI_THRESHOLDS, ...opts.thresholds };
  return {
    id: openAiEmbedderId(model, opts.host, opts.dimensions),
    /** 0 until the first answer when no dimensions were configured. */
    get dimensions() {
      return dims;
    },
    thresholds,
    async embed(texts) {
      if (texts.length === 0) return [];
      const raw = await client.embed(texts.map((t) => (t.trim() ? t : BLANK_TEXT)), model);
      return raw.map((v, i) => {
        if (!dims) dims = v.length;
        if (v.length !== dims) {
          throw new PipelineError(
            'CONFIG',
            `embedding model ${model} returned ${v.length} dimensions, expected ${dims}`,
            'set the embedder dimensions to what the model returns, or clear the cached embeddings of another model',
          );
        }
        return unit(v, texts[i]!);
      });
    },
  };
}

/** A copy scaled to unit length: servers return near-unit floats, and the cache may hold any. */
function unit(v: Float32Array, text: string): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (!(s > 0) || !Number.isFinite(s)) throw new Error(`embedding for "${text.slice(0, 40)}" is zero or not finite`);
  const inv = 1 / Math.sqrt(s);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
}
