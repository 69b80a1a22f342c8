import { z } from 'zod';
import { DEFAULT_ROOTS } from '../core/types.js';
import { llmConfigSchema } from '../llm/config.js';

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
    /** OpenAI-compatible endpoint; unset = offline. The API key comes only from OPENAI_API_KEY. */
    llm: llmConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export type ExtractConfig = z.infer<typeof extractConfigSchema>;
