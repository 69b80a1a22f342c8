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
  run(ctx: StageContext): Promise<StageResult>;
}

export const defineStage = (stage: Stage): Stage => stage;
