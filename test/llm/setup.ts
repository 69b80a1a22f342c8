/** Shared wiring for LLM tests: a scripted server, a client with tiny backoffs, memory sinks. */
import { createMemoryLlmCache, type MemoryLlmCache } from '../../pipeline/llm/cache.js';
import { createLlmClient, type LlmClient, type LlmClientOptions } from '../../pipeline/llm/client.js';
import { resolveLlmSettings, type LlmConfigInput, type LlmSettings } from '../../pipeline/llm/config.js';
import { createMemoryFailureSink, type MemoryFailureSink } from '../../pipeline/llm/failures.js';
import { startOpenAiServer, type OpenAiTestServer, type ServerScript } from '../helpers/openai-server.js';

export const TEST_KEY = 'sk-test-SECRET-0123456789';

export interface Rig {
  server: OpenAiTestServer;
  settings: LlmSettings;
  cache: MemoryLlmCache;
  failures: MemoryFailureSink;
  client: LlmClient;
  /** A fresh client (new process) over the same server and cache. */
  newClient(extra?: Partial<LlmClientOptions>): LlmClient;
}

export async function rig(script: ServerScript = {}, config: LlmConfigInput = {}, extra: Partial<LlmClientOptions> = {}): Promise<Rig> {
  const server = await startOpenAiServer(script);
  const settings = resolveLlmSettings(
    { baseURL: server.url, model: 'test-model', embeddingModel: 'test-embed', timeoutMs: 1000, maxRetries: 2, ...config },
    { OPENAI_API_KEY: TEST_KEY },
  );
  const cache = createMemoryLlmCache();
  const failures = createMemoryFailureSink();
  const newClient = (more: Partial<LlmClientOptions> = {}) =>
    createLlmClient({ settings, cache, failures, stage: 'test', retry: { minDelayMs: 5, maxDelayMs: 20 }, ...extra, ...more });
  return { server, settings, cache, failures, client: newClient(), newClient };
}
