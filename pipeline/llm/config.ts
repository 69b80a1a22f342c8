/**
 * LLM configuration: the `llm` block of the run config plus the environment.
 * The API key is read from the environment only, so it can never end up in a config file,
 * the run manifest, the cache or a log line.
 */
import { z } from 'zod';

export const llmConfigSchema = z
  .object({
    baseURL: z.url().optional(),
    model: z.string().min(1).optional(),
    embeddingModel: z.string().min(1).optional(),
    temperature: z.number().min(0).max(2).default(0),
    maxConcurrency: z.number().int().positive().default(8),
    timeoutMs: z.number().int().positive().default(60_000),
    maxRetries: z.number().int().min(0).default(4),
    maxFailureRate: z.number().min(0).max(1).default(0.05),
    /** How often batch mode polls a submitted Batch API job. */
    batchPollIntervalMs: z.number().int().positive().default(30_000),
    prices: z
      .object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) })
      .strict()
      .optional(),
  })
  .strict();

export type LlmConfig = z.output<typeof llmConfigSchema>;
export type LlmConfigInput = z.input<typeof llmConfigSchema>;

/** Placeholder sent to local servers (vLLM, Ollama, llama.cpp) that ignore the key; the client requires one. */
export const NO_KEY = 'sk-no-key';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface LlmSettings {
  /** 'openai' for api.openai.com, otherwise 'openai-compatible'; part of the cache key. */
  provider: string;
  baseURL: string;
  /** Host of baseURL, stored in cache records instead of the full URL. */
  baseUrlHost: string;
  /** From OPENAI_API_KEY only. Never serialise this object as a whole: use publicLlmSettings(). */
  apiKey: string;
  hasApiKey: boolean;
  hasExplicitBaseURL: boolean;
  model: string | undefined;
  embeddingModel: string | undefined;
  temperature: number;
  maxConcurrency: number;
  timeoutMs: number;
  maxRetries: number;
  maxFailureRate: number;
  prices: { inputPerMTok: number; outputPerMTok: number } | undefined;
}

type Env = Record<string, string | undefined>;

export function resolveLlmSettings(config: LlmConfigInput | undefined, env: Env = process.env): LlmSettings {
  const c = llmConfigSchema.parse(config ?? {});
  const explicitBase = c.baseURL ?? nonEmpty(env.OPENAI_BASE_URL);
  const baseURL = explicitBase ?? OPENAI_DEFAULT_BASE_URL;
  const key = nonEmpty(env.OPENAI_API_KEY);
  const host = new URL(baseURL).host;
  return {
    provider: host === 'api.openai.com' ? 'openai' : 'openai-compatible',
    baseURL,
    baseUrlHost: host,
    apiKey: key ?? NO_KEY,
    hasApiKey: key !== undefined,
    hasExplicitBaseURL: explicitBase !== undefined,
    model: c.model ?? nonEmpty(env.OPENAI_MODEL),
    embeddingModel: c.embeddingModel ?? nonEmpty(env.OPENAI_EMBEDDING_MODEL),
    temperature: c.temperature,
    maxConcurrency: c.maxConcurrency,
    timeoutMs: c.timeoutMs,
    maxRetries: c.maxRetries,
    maxFailureRate: c.maxFailureRate,
    prices: c.prices,
  };
}

/**
 * Settings for an embedding server: the llm block's, on `baseURL` when the embed block names its
 * own server. No chat model is needed to embed.
 */
export function embeddingLlmSettings(config: LlmConfigInput | undefined, baseURL: string | undefined, env: Env = process.env): LlmSettings {
  const settings = resolveLlmSettings(config, env);
  if (!baseURL) return settings;
  const host = new URL(baseURL).host;
  return { ...settings, baseURL, baseUrlHost: host, provider: host === 'api.openai.com' ? 'openai' : 'openai-compatible', hasExplicitBaseURL: true };
}

/** A server is reachable when it was named (a local baseURL) or OpenAI has a key. */
export const isServerConfigured = (settings: LlmSettings): boolean => settings.hasExplicitBaseURL || settings.hasApiKey;

/** An LLM is usable when we can reach something (a local baseURL or OpenAI with a key) and know which model to ask. */
export function isLlmConfigured(settings: LlmSettings): boolean {
  return isServerConfigured(settings) && settings.model !== undefined;
}

/** Settings safe to write into a run manifest (no key, only whether one was present). */
export function publicLlmSettings(s: LlmSettings): Omit<LlmSettings, 'apiKey'> {
  const { apiKey: _omit, ...rest } = s;
  return rest;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}
