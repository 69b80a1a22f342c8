import { z } from 'zod';
import { DEFAULT_ROOTS } from '../core/types.js';
import { llmConfigSchema } from '../llm/config.js';
import { DEFAULT_ROOT_DESCRIPTIONS } from '../taxonomy/root-descriptions.js';

/**
 * The whole run configuration. Every section is strict, so a misspelt key is an error rather
 * than a silently ignored setting. Defaults are the offline ones: no key, no network.
 */
export const ingestConfigSchema = z
  .object({
    /** Files or folders ingested by `run`. @default ["data"] */
    paths: z.array(z.string().min(1)).min(1).default(['data']),
    /** Adapter, or `auto` to detect one per file. @default "auto" */
    format: z.enum(['auto', 'puffin', 'prefeval', 'chat-jsonl']).default('auto'),
    /** A turn longer than this (UTF-8 bytes) rejects its record. @default 100000 */
    maxTurnBytes: z.number().int().positive().default(100_000),
  })
  .strict();

export const extractConfigSchema = z
  .object({
    /** `heuristic` (offline default), `llm` (grounded LLM mentions) or `slot` (the paper's slot mode, LLM). @default "heuristic" */
    extractor: z.enum(['heuristic', 'llm', 'slot']).default('heuristic'),
    /** Conversations per commit: a kill loses at most one chunk of work. @default 500 */
    chunkSize: z.number().int().positive().default(500),
    /** Send LLM requests through the OpenAI Batch API (half price, hours of latency). @default false */
    llmBatch: z.boolean().default(false),
    /** Character budget of one LLM window of a long conversation. @default 12000 */
    windowChars: z.number().int().min(1000).default(12_000),
  })
  .strict();

export const embedConfigSchema = z
  .object({
    /** `wink-sif` (offline word vectors) or `openai:<model>`. @default "wink-sif" */
    embedder: z.string().min(1).default('wink-sif'),
    /** Where the converted word-vector cache lives (never committed). @default "outputs/cache" */
    cacheDir: z.string().min(1).default('outputs/cache'),
    /** Phrases per embed call and per commit. @default 4096 */
    batchSize: z.number().int().positive().default(4096),
  })
  .strict();

export const taxonomyConfigSchema = z
  .object({
    /** Levels including the root: 3 = root → category → attribute; 4 adds a subcategory. @default 3 */
    depth: z.union([z.literal(3), z.literal(4)]).default(3),
    /** Target children per internal node. @default 8 */
    branching: z.number().int().min(2).default(8),
    /** Fewer children than this and an internal node merges into its nearest sibling. @default 2 */
    minChildren: z.number().int().min(1).default(2),
    /** Distinct conversations a node needs. @default 2 */
    minSupport: z.number().int().min(1).default(2),
    /** Leaf cut as average-linkage cosine similarity; unset = the embedder's `assign` threshold. */
    leafSimilarity: z.number().min(-1).max(1).optional(),
    /** Above this many phrases in a root, k-means micro-clusters precede linkage. @default 3000 */
    microClusters: z.number().int().min(50).default(3000),
    /** `incremental` keeps the current version's leaves and places new phrases; `full` rebuilds. @default "incremental" */
    mode: z.enum(['incremental', 'full']).default('incremental'),
    /** `offline` picks labels from member phrases; `llm` asks the configured LLM (Clio-style). @default "offline" */
    labeler: z.enum(['offline', 'llm']).default('offline'),
    /** Ask the configured LLM for the root of phrases the extractor gave no root hint. @default false */
    rootJudge: z.boolean().default(false),
    /** One line per root: what belongs there, with exemplar words (used to place phrases without a hint). */
    rootDescriptions: z.record(z.string(), z.string()).default(DEFAULT_ROOT_DESCRIPTIONS),
  })
  .strict();

export const configSchema = z
  .object({
    /** Store file; `--db` wins over this. @default "outputs/deeppersona.duckdb" */
    db: z.string().min(1).default('outputs/deeppersona.duckdb'),
    /** Run seed for every sampled choice. @default 42 */
    seed: z.number().int().nonnegative().default(42),
    /** Top-level attribute categories; mentions and taxonomy roots never leave this list. */
    roots: z.array(z.string().min(1)).min(1).default([...DEFAULT_ROOTS]),
    ingest: ingestConfigSchema.prefault({}),
    extract: extractConfigSchema.prefault({}),
    embed: embedConfigSchema.prefault({}),
    taxonomy: taxonomyConfigSchema.prefault({}),
    /** OpenAI-compatible endpoint; unset = offline. The API key comes only from OPENAI_API_KEY. */
    llm: llmConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export type ExtractConfig = z.infer<typeof extractConfigSchema>;
export type TaxonomyConfig = z.infer<typeof taxonomyConfigSchema>;
