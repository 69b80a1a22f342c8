import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { canonicalJson } from '../core/hash.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import { toolVersions } from './versions.js';

export interface StageReport {
  stage: string;
  key: string;
  status: 'done' | 'partial' | 'skipped' | 'failed';
  counts: Record<string, number>;
  durationMs: number;
  summary: string;
  /** Files written beside the store (relative to it): by the stage's run, or rewritten from the store when skipped. */
  outputs?: string[];
}

export interface RunManifest {
  runId: string;
  command: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
  config: Config;
  versions: Record<string, string>;
  stages: StageReport[];
  /** Peak memory and CPU of the whole process, filled in when the run closes. */
  resources?: { peakRssMb: number; cpuUserMs: number; cpuSystemMs: number };
  error?: string;
}

let runsInProcess = 0;

/** Sortable by time, unique across processes; not pipeline output, so a clock is fine here. */
export function newRunId(now = new Date()): string {
  runsInProcess++;
  return `run-${now.toISOString().replace(/[-:]/g, '').replace('.', '')}-${process.pid}-${runsInProcess}`;
}

/**
 * Opens a run. Holding the store's lock means no other process is running, so any row still
 * marked running was left by a killed process: mark it abandoned rather than trust it.
 */
export async function startRun(store: Store, command: string, config: Config): Promise<RunManifest> {
  await store.run("UPDATE stage_runs SET status = 'abandoned' WHERE status = 'running'");
  await store.run("UPDATE runs SET status = 'abandoned' WHERE status = 'running'");
  const manifest: RunManifest = {
    runId: newRunId(),
    command,
    status: 'running',
    startedAt: new Date().toISOString(),
    config,
    versions: await toolVersions(store),
    stages: [],
  };
  await store.run('INSERT INTO runs VALUES ($1, $2, $3, $4::TIMESTAMP, NULL, $5::JSON, $6::JSON, NULL)', [
    manifest.runId,
    command,
    'running',
    manifest.startedAt,
    JSON.stringify(config),
    JSON.stringify(manifest.versions),
  ]);
  return manifest;
}

/** Closes the run in the store and writes outputs/runs/<run-id>.json atomically. */
export async function finishRun(store: Store, manifest: RunManifest, outputsDir: string): Promise<string> {
  manifest.finishedAt = new Date().toISOString();
  const usage = process.resourceUsage();
  manifest.resources = { peakRssMb: Math.round(usage.maxRSS / 1024), cpuUserMs: Math.round(usage.userCPUTime / 1000), cpuSystemMs: Math.round(usage.systemCPUTime / 1000) };
  await store.run('UPDATE runs SET status = $2, finished_at = $3::TIMESTAMP, manifest = $4::JSON WHERE run_id = $1', [
    manifest.runId,
    manifest.status,
    manifest.finishedAt,
    JSON.stringify(manifest),
  ]);
  const dir = join(outputsDir, 'runs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${manifest.runId}.json`);
  await writeFileAtomic(file, `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`);
  return file;
}
