import { PipelineError } from '../core/errors.js';
import { hashJson } from '../core/hash.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import type { Reporter } from './reporter.js';
import type { StageReport, RunManifest } from './run-record.js';
import { STAGE_NAMES, type Stage, type StageName } from './stage.js';

export interface PipelineOptions {
  store: Store;
  config: Config;
  stages: Stage[];
  manifest: RunManifest;
  reporter: Reporter;
  outputsDir: string;
  until?: StageName;
  force?: StageName[];
}

/**
 * Runs stages in order. A stage is skipped when the newest finished run of it has the same key:
 * "newest" matters, since an older done row with an equal key may no longer describe the store.
 */
export async function runPipeline(opts: PipelineOptions): Promise<StageReport[]> {
  const { store, config, manifest, reporter } = opts;
  const ordered = selectStages(opts.stages, opts.until);
  const keys = new Map<StageName, string>();
  for (const stage of ordered) {
    const upstream = Object.fromEntries(stage.after.map((name) => [name, keys.get(name) ?? null]));
    const key = hashJson({ name: stage.name, version: stage.version, upstream, parts: await stage.keyParts(config, store) });
    keys.set(stage.name, key);
    const forced = opts.force?.includes(stage.name) ?? false;
    if (!forced && (await latestDoneKey(store, stage.name)) === key) {
      const report: StageReport = { stage: stage.name, key, status: 'skipped', counts: {}, durationMs: 0, summary: 'up to date' };
      manifest.stages.push(report);
      reporter.line(`${stage.name}: up to date (key ${key.slice(0, 12)})`);
      continue;
    }
    manifest.stages.push(await runStage(stage, key, opts));
  }
  return manifest.stages;
}

async function runStage(stage: Stage, key: string, opts: PipelineOptions): Promise<StageReport> {
  const { store, manifest, reporter } = opts;
  const started = Date.now();
  await store.run(
    "INSERT INTO stage_runs VALUES ($1, $2, $3, $4, 'running', NULL, now(), NULL, NULL, NULL)",
    [manifest.runId, stage.name, key, stage.version],
  );
  try {
    const result = await stage.run({ store, config: opts.config, runId: manifest.runId, stageKey: key, reporter, outputsDir: opts.outputsDir });
    const durationMs = Date.now() - started;
    const status = result.incomplete ? 'partial' : 'done';
    await closeStageRun(store, manifest.runId, stage.name, status, result.counts, durationMs, null);
    reporter.line(`${stage.name}: ${result.summary} (${(durationMs / 1000).toFixed(1)} s)`);
    return { stage: stage.name, key, status, counts: result.counts, durationMs, summary: result.summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await closeStageRun(store, manifest.runId, stage.name, 'failed', {}, Date.now() - started, message);
    throw error;
  }
}

async function closeStageRun(
  store: Store, runId: string, stage: string, status: string, counts: Record<string, number>, durationMs: number, error: string | null,
): Promise<void> {
  await store.run(
    `UPDATE stage_runs SET status = $3, counts = $4::JSON, finished_at = now(), duration_ms = $5, error = $6
     WHERE run_id = $1 AND stage = $2 AND status = 'running'`,
    [runId, stage, status, JSON.stringify(counts), durationMs, error],
  );
}

async function latestDoneKey(store: Store, stage: string): Promise<string | undefined> {
  return store.scalar<string>(
    "SELECT stage_key FROM stage_runs WHERE stage = $1 AND status = 'done' ORDER BY finished_at DESC, started_at DESC LIMIT 1",
    [stage],
  );
}

function selectStages(stages: Stage[], until?: StageName): Stage[] {
  const ordered = [...stages].sort((a, b) => STAGE_NAMES.indexOf(a.name) - STAGE_NAMES.indexOf(b.name));
  if (!until) return ordered;
  if (!ordered.some((s) => s.name === until)) {
    throw new PipelineError('USAGE', `unknown stage "${until}"`, `choose one of: ${ordered.map((s) => s.name).join(', ')}`);
  }
  return ordered.slice(0, ordered.findIndex((s) => s.name === until) + 1);
}
