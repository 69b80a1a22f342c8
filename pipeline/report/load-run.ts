import { STAGE_NAMES } from '../runner/stage.js';
import type { Store } from '../store/store.js';
import type { ReportRun, StageRow } from './types.js';

const parse = (json: unknown): unknown => {
  if (json === null || json === undefined) return null;
  try {
    return JSON.parse(String(json));
  } catch {
    return String(json);
  }
};

/**
 * The newest run, and for every stage its latest finished row: a run that found everything up to
 * date skips every stage, so the counts and timings worth showing come from the run that did the work.
 */
export async function loadRun(store: Store): Promise<ReportRun | null> {
  const run = await store.one<{ run_id: string; command: string; status: string; started_at: string; finished_at: string | null; config: string; versions: string; manifest: string | null }>(
    `SELECT run_id, command, status, started_at::VARCHAR AS started_at, finished_at::VARCHAR AS finished_at,
            config::VARCHAR AS config, versions::VARCHAR AS versions, manifest::VARCHAR AS manifest
     FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1`,
  );
  if (!run) return null;
  const stages = await store.all<{ stage: string; status: string; run_id: string; stage_version: string; finished_at: string | null; duration_ms: bigint | number | null; counts: string | null }>(
    `SELECT stage, status, run_id, stage_version, finished_at::VARCHAR AS finished_at, duration_ms, counts::VARCHAR AS counts
     FROM stage_runs WHERE finished_at IS NOT NULL
     QUALIFY row_number() OVER (PARTITION BY stage ORDER BY finished_at DESC, started_at DESC) = 1`,
  );
  const order = (s: string) => {
    const i = (STAGE_NAMES as readonly string[]).indexOf(s);
    return i < 0 ? STAGE_NAMES.length : i;
  };
  const rows: StageRow[] = stages
    .map((s) => ({
      stage: s.stage,
      status: s.status,
      runId: s.run_id,
      stageVersion: s.stage_version,
      finishedAt: s.finished_at,
      durationMs: s.duration_ms === null ? null : Number(s.duration_ms),
      counts: numbers(parse(s.counts)),
    }))
    .sort((a, b) => order(a.stage) - order(b.stage) || (a.stage < b.stage ? -1 : 1));
  const versions = parse(run.versions);
  return {
    runId: run.run_id,
    command: run.command,
    status: run.status,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    config: parse(run.config),
    versions: versions !== null && typeof versions === 'object' ? (versions as Record<string, string>) : {},
    manifest: parse(run.manifest),
    stages: rows,
  };
}

function numbers(x: unknown): Record<string, number> {
  if (x === null || typeof x !== 'object') return {};
  return Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, v]) => typeof v === 'number') as [string, number][]);
}

/** The seed the newest run was configured with, to pick which persona set the report shows. */
export function runSeed(run: ReportRun | null): number | null {
  const config = run?.config;
  if (config === null || typeof config !== 'object') return null;
  const seed = (config as { seed?: unknown }).seed;
  return typeof seed === 'number' ? seed : null;
}
