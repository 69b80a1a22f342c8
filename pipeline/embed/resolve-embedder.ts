/** Config string → Embedder: "wink-sif" (offline, the default) or "openai:<model>". */
import { PipelineError } from '../core/errors.js';
import type { Embedder } from '../core/types.js';
import type { LlmClient } from '../llm/client.js';
import { createOpenAiEmbedder } from './openai-embedder.js';
import { createSifEmbedder } from './sif-embedder.js';

export const DEFAULT_EMBEDDER = 'wink-sif';
const KNOWN = `"${DEFAULT_EMBEDDER}" (offline word vectors, the default), "openai:<model>" (e.g. "openai:text-embedding-3-small"), or "openai" for llm.embeddingModel`;

export interface EmbedderDeps {
  client?: LlmClient;
  /** Where the wink binary cache lives (default outputs/cache). */
  cacheDir?: string;
}

export function resolveEmbedder(spec: string, deps: EmbedderDeps = {}): Embedder {
  const s = spec.trim() || DEFAULT_EMBEDDER;
  if (s === DEFAULT_EMBEDDER) return createSifEmbedder({ cacheDir: deps.cacheDir });
  if (s === 'openai' || s.startsWith('openai:')) {
    if (!deps.client) throw new PipelineError('CONFIG', `embedder "${s}" needs the LLM client`, 'configure the llm block (baseURL, API key) or use "wink-sif"');
    const model = s === 'openai' ? deps.client.internals.settings.embeddingModel : s.slice('openai:'.length).trim();
    if (!model) {
      throw new PipelineError('CONFIG', `embedder "${s}" has no model`, 'write "openai:<model>" or set llm.embeddingModel / OPENAI_EMBEDDING_MODEL');
    }
    return createOpenAiEmbedder({ client: deps.client, model });
  }
  throw new PipelineError('CONFIG', `unknown embedder "${spec}"`, `known embedders: ${KNOWN}`);
}
