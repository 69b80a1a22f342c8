/**
 * Content-addressed cache of LLM calls. The key is a hash of everything that determines the
 * answer (provider, host, model, input, sampling params, schema) and nothing that does not
 * (concurrency, timeouts, the API key), so a rerun with different throughput settings still hits.
 */
import { hashJson } from '../core/hash.js';

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmCallRecord {
  callId: string;
  provider: string;
  baseUrlHost: string;
  model: string;
  kind: 'chat' | 'embedding';
  request: unknown;
  response: unknown;
  usage: LlmUsage | null;
  latencyMs: number;
}

export interface LlmCache {
  get(callId: string): Promise<LlmCallRecord | undefined>;
  put(rec: LlmCallRecord): Promise<void>;
}

export interface MemoryLlmCache extends LlmCache {
  readonly records: Map<string, LlmCallRecord>;
}

export function createMemoryLlmCache(): MemoryLlmCache {
  const records = new Map<string, LlmCallRecord>();
  return {
    records,
    async get(callId) {
      return records.get(callId);
    },
    async put(rec) {
      // Deep copy so callers mutating their objects cannot change what a later run reads.
      records.set(rec.callId, structuredClone(rec));
    },
  };
}

export interface RequestKeyParts {
  provider: string;
  baseUrlHost: string;
  model: string;
  /** Chat messages or embedding input. */
  input: unknown;
  /** Sampling params and prompt version: anything that changes the answer. */
  params: Record<string, unknown>;
  /** JSON schema of the expected answer, or null. */
  schema: unknown;
}

export const requestKey = (parts: RequestKeyParts): string => hashJson(parts);
