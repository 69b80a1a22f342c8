import { z } from 'zod';
import { DEFAULT_ROOTS } from '../core/types.js';

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

export const configSchema = z
  .object({
    /** Store file; `--db` wins over this. @default "outputs/deeppersona.duckdb" */
    db: z.string().min(1).default('outputs/deeppersona.duckdb'),
    /** Run seed for every sampled choice. @default 42 */
    seed: z.number().int().nonnegative().default(42),
    /** Top-level attribute categories; mentions and taxonomy roots never leave this list. */
    roots: z.array(z.string().min(1)).min(1).default([...DEFAULT_ROOTS]),
    ingest: ingestConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
