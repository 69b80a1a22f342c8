import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import type { Reporter } from './reporter.js';

export const STAGE_NAMES = ['ingest', 'extract', 'embed', 'cluster', 'sample', 'evaluate', 'report'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageContext {
  store: Store;
  config: Config;
  runId: string;
  stageKey: string;
  reporter: Reporter;
  /** Folder beside the store for artifacts (manifests, exports, caches). */
  outputsDir: string;
}

export interface StageResult {
  /** Row counts and other tallies, recorded in stage_runs and the run manifest. */
  counts: Record<string, number>;
  /** The one line printed for the stage. */
  summary: string;
  details?: unknown;
  /** Ran, but left items to retry (e.g. failed LLM calls): recorded as `partial`, so the next run is not skipped. */
  incomplete?: boolean;
  /**
   * Outputs `run` already wrote while computing (relative to outputsDir), when streaming them is
   * cheaper than reading the store back (personas.jsonl): the runner then does not call `export`.
   */
  outputs?: string[];
}

/** What `export` gets: the store and the stage run whose results it writes out. */
export interface ExportContext {
  store: Store;
  config: Config;
  outputsDir: string;
  /** The stage run that computed the results: its id and the counts it recorded. */
  computed: { runId: string; counts: Record<string, number> };
}

/**
 * A unit of the pipeline. Its key is a hash of {name, version, upstream keys, keyParts}: put in
 * keyParts exactly the settings and input fingerprints that change output (never throughput
 * knobs), so an unchanged stage is skipped and a changed one reruns.
 */
export interface Stage {
  name: StageName;
  /** Bump when the meaning of the stage's output changes. */
  version: string;
  after: StageName[];
  keyParts(config: Config, store: Store): Promise<Record<string, unknown>>;
  /** Computes: writes rows to the store (files only when streaming them is cheaper, see StageResult.outputs). */
  run(ctx: StageContext): Promise<StageResult>;
  /** Files the stage writes, relative to outputsDir: checked for stage runs recorded before outputs were. */
  outputs?: string[];
  /**
   * Writes the stage's files from the store alone, byte-identical to the first time, recomputing
   * nothing. The runner calls it after `run`, and for an up-to-date stage whose recorded outputs
   * are missing (deleted, or the store moved to another folder). Returns the files written
   * (relative to outputsDir), or null when the store lacks what they need (a store from before
   * the stage kept it): the runner then reruns the stage.
   */
  export?(ctx: ExportContext): Promise<string[] | null>;
}

export const defineStage = (stage: Stage): Stage => stage;
