import { mkdirSync } from 'node:fs';
import { PipelineError } from '../core/errors.js';
import { hashJson } from '../core/hash.js';
import type { Config } from '../config/schema.js';
import { DEFAULT_MEMORY_LIMIT, type Store } from '../store/store.js';
import type { Reporter } from './reporter.js';
import type { StageReport, RunManifest } from './run-record.js';
import { STAGE_NAMES, type Stage, type StageName } from './stage.js';
import { expectedOutputs, missingOutputs, recordOutputs } from './stage-outputs.js';

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
 * A skipped stage still gets its missing output files back, exported from the store.
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
    const latest = forced ? undefined : await latestDone(store, stage.name);
    if (latest?.key === key) {
      const skipped = await restoreOutputs(stage, key, latest, opts);
      if (skipped) {
        manifest.stages.push(skipped);
        continue;
      }
    }
    manifest.stages.push(await runStage(stage, key, opts));
  }
  return manifest.stages;
}

/**
 * An up-to-date stage: rewrites its missing outputs from the store (they were deleted, or the
 * store moved to another folder) without recomputing. Undefined when the store cannot: then the
 * stage runs again.
 */
async function restoreOutputs(stage: Stage, key: string, latest: DoneRun, opts: PipelineOptions): Promise<StageReport | undefined> {
  const { store, reporter, outputsDir } = opts;
  const started = Date.now();
  const missing = missingOutputs(await expectedOutputs(store, stage, latest.runId), outputsDir);
  let written: string[] = [];
  if (missing.length > 0 && stage.export) {
    const exported = await exportOutputs(stage, latest, opts);
    if (exported === null) return undefined;
    written = exported;
  }
  if (written.length === 0) {
    reporter.line(`${stage.name}: up to date (key ${key.slice(0, 12)})`);
    return { stage: stage.name, key, status: 'skipped', counts: {}, durationMs: 0, summary: 'up to date' };
  }
  const durationMs = Date.now() - started;
  const summary = `up to date; rewrote ${written.join(', ')} from the store`;
  reporter.line(`${stage.name}: ${summary} (key ${key.slice(0, 12)}; ${(durationMs / 1000).toFixed(1)} s)`);
  return { stage: stage.name, key, status: 'skipped', counts: {}, durationMs, summary, outputs: written };
}

/** Writes a stage run's files from the store and records them; null when the store cannot. */
async function exportOutputs(stage: Stage, computed: { runId: string; counts: Record<string, number> }, opts: PipelineOptions): Promise<string[] | null> {
  if (!stage.export) return [];
  mkdirSync(opts.outputsDir, { recursive: true });
  const written = await stage.export({ store: opts.store, config: opts.config, outputsDir: opts.outputsDir, computed });
  if (written) await recordOutputs(opts.store, computed.runId, stage.name, written);
  return written;
}

async function runStage(stage: Stage, key: string, opts: PipelineOptions): Promise<StageReport> {
  const { store, manifest, reporter } = opts;
  const started = Date.now();
  await store.run(
    "INSERT INTO stage_runs VALUES ($1, $2, $3, $4, 'running', NULL, now(), NULL, NULL, NULL)",
    [manifest.runId, stage.name, key, stage.version],
  );
  try {
    // Each stage's DuckDB memory is chosen, not inherited from the stage before (see duckdb config).
    const duckdb = opts.config.duckdb as Config['duckdb'] | undefined; // absent in a manifest's config from before it existed
    await store.setMemoryLimit(duckdb?.stageMemoryLimits[stage.name] ?? duckdb?.memoryLimit ?? DEFAULT_MEMORY_LIMIT);
    const result = await stage.run({ store, config: opts.config, runId: manifest.runId, stageKey: key, reporter, outputsDir: opts.outputsDir });
    // One writer for the files: export from the store, unless run already streamed them out.
    const outputs = result.outputs ?? (await exportOutputs(stage, { runId: manifest.runId, counts: result.counts }, opts)) ?? [];
    if (result.outputs) await recordOutputs(store, manifest.runId, stage.name, outputs);
    const durationMs = Date.now() - started;
    const status = result.incomplete ? 'partial' : 'done';
    await closeStageRun(store, manifest.runId, stage.name, status, result.counts, durationMs, null);
    reporter.line(`${stage.name}: ${result.summary} (${(durationMs / 1000).toFixed(1)} s)`);
    return { stage: stage.name, key, status, counts: result.counts, durationMs, summary: result.summary, ...(outputs.length > 0 ? { outputs } : {}) };
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

interface DoneRun {
  key: string;
  runId: string;
  counts: Record<string, number>;
}

async function latestDone(store: Store, stage: string): Promise<DoneRun | undefined> {
  const row = await store.one<{ stage_key: string; run_id: string; counts: string | null }>(
    "SELECT stage_key, run_id, counts::VARCHAR AS counts FROM stage_runs WHERE stage = $1 AND status = 'done' ORDER BY finished_at DESC, started_at DESC LIMIT 1",
    [stage],
  );
  return row && { key: row.stage_key, runId: row.run_id, counts: JSON.parse(row.counts ?? '{}') as Record<string, number> };
}

function selectStages(stages: Stage[], until?: StageName): Stage[] {
  const ordered = [...stages].sort((a, b) => STAGE_NAMES.indexOf(a.name) - STAGE_NAMES.indexOf(b.name));
  if (!until) return ordered;
  if (!ordered.some((s) => s.name === until)) {
    throw new PipelineError('USAGE', `unknown stage "${until}"`, `choose one of: ${ordered.map((s) => s.name).join(', ')}`);
  }
  return ordered.slice(0, ordered.findIndex((s) => s.name === until) + 1);
}
