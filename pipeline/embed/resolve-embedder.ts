/** Config string → Embedder: "wink-sif" (offline, the default) or "openai:<model>". */
import { PipelineError } from '../core/errors.js';
import type { Embedder } from '../core/types.js';
import type { LlmClient } from '../llm/client.js';
import { createOpenAiEmbedder, openAiEmbedderId } from './openai-embedder.js';
import { createSifEmbedder } from './sif-embedder.js';

export const DEFAULT_EMBEDDER = 'wink-sif';
const KNOWN = `"${DEFAULT_EMBEDDER}" (offline word vectors, the default), "openai:<model>" (e.g. "openai:text-embedding-3-small"), or "openai" for llm.embeddingModel`;

export interface EmbedderDeps {
  client?: LlmClient;
  /** Where the wink binary cache lives (default outputs/cache). */
  cacheDir?: string;
  /** The model of a bare "openai" spec (llm.embeddingModel / OPENAI_EMBEDDING_MODEL). */
  embeddingModel?: string;
  /** The embedding server's host, part of an openai embedder's id. */
  host?: string;
  /** embed.dimensions: the vector length the model must return. */
  dimensions?: number;
}

/** The model an "openai…" spec names, or undefined for another spec; throws when it names none. */
export function openAiModelOf(spec: string, embeddingModel?: string): string | undefined {
  const s = spec.trim();
  if (s !== 'openai' && !s.startsWith('openai:')) return undefined;
  const model = s === 'openai' ? embeddingModel : s.slice('openai:'.length).trim();
  if (!model) throw new PipelineError('CONFIG', `embedder "${s}" has no model`, 'write "openai:<model>" or set llm.embeddingModel / OPENAI_EMBEDDING_MODEL');
  return model;
}

/** The id `resolveEmbedder` would give, without building the embedder (for stage keys). */
export function embedderIdOf(spec: string, deps: Omit<EmbedderDeps, 'client' | 'cacheDir'> = {}): string {
  const model = openAiModelOf(spec, deps.embeddingModel);
  return model ? openAiEmbedderId(model, deps.host, deps.dimensions) : resolveSpec(spec);
}

const resolveSpec = (spec: string): string => {
  const s = spec.trim() || DEFAULT_EMBEDDER;
  if (s === DEFAULT_EMBEDDER) return createSifEmbedder({}).id;
  throw new PipelineError('CONFIG', `unknown embedder "${spec}"`, `known embedders: ${KNOWN}`);
};

export function resolveEmbedder(spec: string, deps: EmbedderDeps = {}): Embedder {
  const model = openAiModelOf(spec, deps.embeddingModel);
  if (model === undefined) {
    resolveSpec(spec);
    return createSifEmbedder({ cacheDir: deps.cacheDir });
  }
  if (!deps.client) throw new PipelineError('CONFIG', `embedder "${spec.trim()}" needs an embedding server`, 'set embed.baseURL or llm.baseURL (or OPENAI_BASE_URL / OPENAI_API_KEY), or use "wink-sif"');
  return createOpenAiEmbedder({ client: deps.client, model, host: deps.host, dimensions: deps.dimensions });
}
