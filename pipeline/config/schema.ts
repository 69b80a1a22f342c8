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
    /**
     * Files or folders ingested by `run`: the bundled corpora (the rest of data/ is lookup tables
     * and lexicons, which a folder walk would list as skipped on every run). @default ["data/puffin", "data/prefeval"]
     */
    paths: z.array(z.string().min(1)).min(1).default(['data/puffin', 'data/prefeval']),
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
    /** Share of the conversations attempted in a run that may throw in the extractor (each is a `failures` row, retried next run); above it the stage fails (exit 4). @default 0.05 */
    maxFailureRate: z.number().min(0).max(1).default(0.05),
    /**
     * Threads for the offline extractor; output never depends on it. 1 = in-process. 0 = automatic: one
     * per core (at most 4) when at least `parallelFrom` user turns are pending (starting a thread costs
     * about 0.7 s: loading the tagger). @default 0
     */
    threads: z.number().int().min(0).max(64).default(0),
    /** Pending user turns from which automatic `threads` starts worker threads. @default 5000 */
    parallelFrom: z.number().int().min(0).default(5000),
  })
  .strict();

export const embedConfigSchema = z
  .object({
    /** `wink-sif` (offline word vectors) or `openai:<model>` (`openai` alone: llm.embeddingModel). @default "wink-sif" */
    embedder: z.string().min(1).default('wink-sif'),
    /** The embedding server when it is not llm.baseURL / OPENAI_BASE_URL (e.g. a separate vLLM or Ollama). */
    baseURL: z.url().optional(),
    /** Vector length the embedding model must return; checked on every answer and part of the embedder's id. */
    dimensions: z.number().int().positive().optional(),
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
    /**
     * `lexical`: each attribute is a leaf under the WordNet hypernyms its topic shares with others
     * (word vectors place what WordNet cannot); `vectors`: k-means + average linkage on word vectors alone. @default "lexical"
     */
    grouping: z.enum(['lexical', 'vectors']).default('lexical'),
    /** `incremental` keeps the current version's leaves and places new phrases (with `grouping: "lexical"`: a lexical rebuild that carries ids over); `full` rebuilds. @default "incremental" */
    mode: z.enum(['incremental', 'full']).default('incremental'),
    /** `offline` picks labels from member phrases; `llm` asks the configured LLM (Clio-style). @default "offline" */
    labeler: z.enum(['offline', 'llm']).default('offline'),
    /** Ask the configured LLM for the root of phrases the extractor gave no root hint. @default false */
    rootJudge: z.boolean().default(false),
    /** One line per root: what belongs there, with exemplar words (used to place phrases without a hint). */
    rootDescriptions: z.record(z.string(), z.string()).default(DEFAULT_ROOT_DESCRIPTIONS),
    /** Value facets below each leaf (see pipeline/taxonomy/value-facets.ts); values cluster at the embedder's `assign` cosine. */
    facets: z
      .object({
        /** A leaf needs this many distinct values to be split; 0 disables facets (every leaf is one facet). @default 4 */
        minValues: z.number().int().min(0).default(4),
        /** Values per leaf clustered by linkage (most mentioned first); the rest join their nearest facet. @default 2000 */
        maxClustered: z.number().int().min(2).default(2000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const sampleConfigSchema = z
  .object({
    /** Personas generated by `sample` (indices 0…personas−1 of the run seed). @default 100 */
    personas: z.number().int().positive().default(100),
    /** Target attributes per persona. @default 250 */
    k: z.number().int().min(0).default(250),
    /** Attributes each root gets at least (capped by its leaves). @default 10 */
    minPerRoot: z.number().int().min(0).default(10),
    /** Draw ratio of the near / middle / far terciles. @default [5, 3, 2] */
    strata: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).default([5, 3, 2]),
    /** Leaf prior ∝ support^exponent. @default 0.5 */
    supportExponent: z.number().min(0).default(0.5),
    /** Weight × (1 + boost · log1p(co-occurrences with chosen leaves)). @default 1 */
    cooccurBoost: z.number().min(0).default(1),
    /** `population` (real tables) or `uniform` (the authors' fixed country, ages 7–85). @default "population" */
    anchorMode: z.enum(['population', 'uniform']).default('population'),
    /** Youngest anchor age (population mode). @default 18 */
    minAge: z.number().int().min(0).default(18),
    /** Oldest anchor age (population mode). @default 90 */
    maxAge: z.number().int().min(0).default(90),
    /** Longest persona value; a longer one is cut only at a phrase boundary (fitValue in extractors/value-gate.ts), else not drawn. @default 50 */
    maxValueChars: z.number().int().min(1).default(50),
    /** Fixed anchors for every persona (`--anchor k=v`): country (ISO2/ISO3/name), age ("30" or "30-45"), sex. */
    anchors: z
      .object({ country: z.string().min(1).optional(), age: z.string().min(1).optional(), sex: z.enum(['female', 'male']).optional() })
      .strict()
      .prefault({}),
    /**
     * Worker threads for offline generation; 0 = one per core, at most 4. Output never depends on
     * it. Default 1 (no workers): on 2 cores, 2 workers measured the same speed with more memory.
     * @default 1
     */
    threads: z.number().int().min(0).max(64).default(1),
    /** Life-story core, values, consistency check and summary from the configured LLM (llm.baseURL/model). @default false */
    llm: z.boolean().default(false),
    /** With `llm`: personas generated at once (each one's calls are sequential; llm.maxConcurrency bounds the calls). @default 8 */
    llmPersonas: z.number().int().min(1).default(8),
  })
  .strict();

export const evaluateConfigSchema = z
  .object({
    /** Personas evaluated per set (ours and each baseline): the first N indices. @default 1000 */
    maxPersonas: z.number().int().positive().default(1000),
    /** Bootstrap resamples for the anchor-fidelity intervals. @default 1000 */
    bootstrap: z.number().int().min(10).default(1000),
    /** A reference taxonomy (nested JSON, e.g. the authors') to compare with; skipped with a note when the file is absent. Unset: the one in `referenceDir`. */
    reference: z.string().min(1).optional(),
    /**
     * The DeepPersona authors' release (their profiles, baseline characters and taxonomy), read at
     * run time and never copied; skipped with a note when absent; false = do not read it.
     * @default "../shared/data/deeppersona-reference" beside the repo
     */
    referenceDir: z.union([z.string().min(1), z.literal(false)]).optional(),
    /** Persona files scored beside ours (JSON Lines, a JSON array of records, or the authors' profile JSON); `--compare FILE` adds one. @default [] */
    compare: z.array(z.string().min(1)).default([]),
    /** Samples drawn from the population tables per fidelity noise floor. @default 100 */
    noiseFloorDraws: z.number().int().min(10).default(100),
    /** Random leaf paths in eval.json's label-quality sample (`taxonomy sample`); 0 = none. @default 60 */
    labelSample: z.number().int().min(0).default(60),
    /** Run the LLM-judge suite (needs an LLM endpoint). @default false */
    judge: z.boolean().default(false),
    /** Personas per set the judge reads. @default 5 */
    judgePersonas: z.number().int().positive().default(5),
    /** Personalised-QA requests per persona (of the 12). @default 12 */
    judgeRequests: z.number().int().min(1).max(12).default(12),
  })
  .strict();

/** A DuckDB memory size ("512MB", "1GB", "2GiB"). */
const memorySize = z.string().regex(/^\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)$/i, 'expected a size such as "512MB" or "1GB"');

export const duckdbConfigSchema = z
  .object({
    /**
     * DuckDB's memory limit: its buffer pool and query state; beyond it DuckDB spills to
     * `tempDirectory` (a query whose state cannot spill fails with "Out of Memory"). Node's own
     * memory comes on top. @default "512MB"
     */
    memoryLimit: memorySize.default('512MB'),
    /** Per-stage limits that replace `memoryLimit` while that stage runs, e.g. {"report": "1GB"}. @default {} */
    stageMemoryLimits: z.partialRecord(z.enum(['ingest', 'extract', 'embed', 'cluster', 'sample', 'evaluate', 'report']), memorySize).default({}),
    /** Where DuckDB spills; unset = the store's path + ".tmp" (beside the store, on its disk). */
    tempDirectory: z.string().min(1).optional(),
  })
  .strict();

export const DEFAULT_DB = '.deeppersona/deeppersona.duckdb';

export const configSchema = z
  .object({
    /**
     * Store file; `--db` wins over this. Kept out of `outputs/` so that deleting the outputs never
     * deletes the state they are rewritten from. @default ".deeppersona/deeppersona.duckdb"
     */
    db: z.string().min(1).default(DEFAULT_DB),
    /** Folder for taxonomy.json, personas.jsonl, eval.json, the report and run manifests; `--outputs` wins. Unset: "outputs" for the default store, else the store's folder. */
    outputs: z.string().min(1).optional(),
    /** Run seed for every sampled choice. @default 42 */
    seed: z.number().int().nonnegative().default(42),
    /** Top-level attribute categories; mentions and taxonomy roots never leave this list. */
    roots: z.array(z.string().min(1)).min(1).default([...DEFAULT_ROOTS]),
    ingest: ingestConfigSchema.prefault({}),
    extract: extractConfigSchema.prefault({}),
    embed: embedConfigSchema.prefault({}),
    taxonomy: taxonomyConfigSchema.prefault({}),
    sample: sampleConfigSchema.prefault({}),
    evaluate: evaluateConfigSchema.prefault({}),
    /** OpenAI-compatible endpoint; unset = offline. The API key comes only from OPENAI_API_KEY. */
    llm: llmConfigSchema.prefault({}),
    /** DuckDB's memory limit and spill folder (throughput settings: they never change a result). */
    duckdb: duckdbConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export type ExtractConfig = z.infer<typeof extractConfigSchema>;
export type TaxonomyConfig = z.infer<typeof taxonomyConfigSchema>;
export type SampleConfig = z.infer<typeof sampleConfigSchema>;
export type DuckdbConfig = z.infer<typeof duckdbConfigSchema>;
