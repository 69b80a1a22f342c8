import { describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, APIError } from 'openai';
import { isLlmConfigured, llmConfigSchema, publicLlmSettings, resolveLlmSettings } from '../../pipeline/llm/config.js';
import { isRetryableError, retryAfterMs } from '../../pipeline/llm/retry.js';
import { requestKey } from '../../pipeline/llm/cache.js';

describe('llm config', () => {
  it('applies defaults and rejects unknown keys (an apiKey in config is an error)', () => {
    expect(llmConfigSchema.parse({})).toEqual({ temperature: 0, maxConcurrency: 8, timeoutMs: 60000, maxRetries: 4, maxFailureRate: 0.05, batchPollIntervalMs: 30000 });
    expect(() => llmConfigSchema.parse({ apiKey: 'sk-x' })).toThrow();
  });

  it('resolves from config and env; the key only from OPENAI_API_KEY', () => {
    const s = resolveLlmSettings({ model: 'm' }, { OPENAI_BASE_URL: 'http://localhost:8000/v1', OPENAI_API_KEY: 'sk-secret' });
    expect(s).toMatchObject({ baseURL: 'http://localhost:8000/v1', baseUrlHost: 'localhost:8000', provider: 'openai-compatible', model: 'm', apiKey: 'sk-secret' });
    expect(JSON.stringify(publicLlmSettings(s))).not.toContain('sk-secret');
    expect(resolveLlmSettings({}, { OPENAI_MODEL: 'gpt-x', OPENAI_API_KEY: 'k' })).toMatchObject({ provider: 'openai', model: 'gpt-x' });
  });

  it('isLlmConfigured needs (baseURL or key) and a model', () => {
    expect(isLlmConfigured(resolveLlmSettings({}, {}))).toBe(false);
    expect(isLlmConfigured(resolveLlmSettings({ model: 'm' }, {}))).toBe(false);
    expect(isLlmConfigured(resolveLlmSettings({ model: 'm' }, { OPENAI_API_KEY: 'k' }))).toBe(true);
    const local = resolveLlmSettings({ model: 'llama', baseURL: 'http://127.0.0.1:11434/v1' }, {});
    expect(isLlmConfigured(local)).toBe(true);
    expect(local.apiKey).toBe('sk-no-key');
  });
});

describe('retry policy', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('parses Retry-After seconds, HTTP dates and retry-after-ms', () => {
    expect(retryAfterMs(new APIError(429, undefined, 'x', h({ 'retry-after': '2' })))).toBe(2000);
    expect(retryAfterMs(new APIError(429, undefined, 'x', h({ 'retry-after-ms': '150' })))).toBe(150);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new APIError(503, undefined, 'x', h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' })), now)).toBe(5000);
    expect(retryAfterMs(new APIError(429, undefined, 'x', h({})))).toBeUndefined();
  });

  it('retries only 408/409/429/5xx and connection errors', () => {
    for (const s of [408, 409, 429, 500, 502, 503]) expect(isRetryableError(new APIError(s, undefined, 'x', h({})))).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(isRetryableError(new APIError(s, undefined, 'x', h({})))).toBe(false);
    expect(isRetryableError(new APIConnectionTimeoutError())).toBe(true);
    expect(isRetryableError(new Error('bug'))).toBe(false);
  });

  it('request keys are canonical (key order does not matter)', () => {
    const a = requestKey({ provider: 'p', baseUrlHost: 'h', model: 'm', input: [{ role: 'user', content: 'x' }], params: { a: 1, b: 2 }, schema: null });
    const b = requestKey({ schema: null, params: { b: 2, a: 1 }, input: [{ content: 'x', role: 'user' }], model: 'm', baseUrlHost: 'h', provider: 'p' });
    expect(a).toBe(b);
  });
});
