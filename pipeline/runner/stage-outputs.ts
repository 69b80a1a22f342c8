import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Store } from '../store/store.js';
import type { Stage } from './stage.js';

/**
 * Outputs follow the store: each stage run records the files it wrote (relative to the folder
 * beside the store), so an up-to-date stage whose files were deleted, or whose store was moved to
 * another folder, gets them rewritten from the store instead of being recomputed.
 */

/** Records the files a stage run wrote, replacing what was recorded for that run before. */
export async function recordOutputs(store: Store, runId: string, stage: string, paths: readonly string[]): Promise<void> {
  await store.transaction(async () => {
    await store.run('DELETE FROM stage_outputs WHERE run_id = $1 AND stage = $2', [runId, stage]);
    for (const path of new Set(paths)) await store.run('INSERT INTO stage_outputs VALUES ($1, $2, $3)', [runId, stage, path]);
  });
}

/**
 * The files a stage run should have left: those it recorded, or, for a run from before outputs
 * were recorded (or one that wrote none), the files the stage declares.
 */
export async function expectedOutputs(store: Store, stage: Pick<Stage, 'name' | 'outputs'>, runId: string): Promise<string[]> {
  // A store opened read-only (`status`) is not migrated, so the table may not exist yet.
  const recorded = (await hasTable(store, 'stage_outputs'))
    ? await store.all<{ path: string }>('SELECT path FROM stage_outputs WHERE run_id = $1 AND stage = $2 ORDER BY path', [runId, stage.name])
    : [];
  return recorded.length > 0 ? recorded.map((r) => r.path) : [...(stage.outputs ?? [])];
}

export const missingOutputs = (paths: readonly string[], outputsDir: string): string[] => paths.filter((p) => !existsSync(join(outputsDir, p)));

/**
 * Keeps an output verbatim, for files the rows cannot re-derive byte for byte. Copies of older
 * runs go, except the newest done run's: if this run fails, that one is still the stage's result.
 */
export async function keepDocument(store: Store, runId: string, stage: string, path: string, content: string): Promise<void> {
  await store.transaction(async () => {
    await store.run(
      `DELETE FROM output_documents WHERE stage = $1 AND path = $2 AND run_id <> $3 AND run_id NOT IN (
         SELECT run_id FROM stage_runs WHERE stage = $1 AND status = 'done' ORDER BY finished_at DESC, started_at DESC LIMIT 1)`,
      [stage, path, runId],
    );
    await store.run('INSERT OR REPLACE INTO output_documents VALUES ($1, $2, $3, $4)', [runId, stage, path, content]);
  });
}

/** Writes kept documents of a stage run into outputsDir; null when any is not in the store. */
export async function writeKeptDocuments(store: Store, runId: string, stage: string, paths: readonly string[], outputsDir: string): Promise<string[] | null> {
  const contents: string[] = [];
  for (const path of paths) {
    const content = await store.scalar<string>('SELECT content FROM output_documents WHERE run_id = $1 AND stage = $2 AND path = $3', [runId, stage, path]);
    if (content === undefined || content === null) return null;
    contents.push(content);
  }
  for (const [i, path] of paths.entries()) {
    const file = join(outputsDir, path);
    mkdirSync(dirname(file), { recursive: true });
    await writeFileAtomic(file, contents[i]!);
  }
  return [...paths];
}

async function hasTable(store: Store, name: string): Promise<boolean> {
  return Number(await store.scalar("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1", [name])) > 0;
}

/** For `status`: per stage with a done run, the files its newest done run left and which are missing now. */
export async function outputStatus(store: Store, stages: readonly Pick<Stage, 'name' | 'outputs'>[], outputsDir: string): Promise<Map<string, { outputs: string[]; missing: string[] }>> {
  const latest = await store.all<{ stage: string; run_id: string }>(
    `SELECT stage, run_id FROM stage_runs WHERE status = 'done'
     QUALIFY row_number() OVER (PARTITION BY stage ORDER BY finished_at DESC, started_at DESC) = 1`,
  );
  const status = new Map<string, { outputs: string[]; missing: string[] }>();
  for (const { stage, run_id } of latest) {
    const declared = stages.find((s) => s.name === stage);
    if (!declared) continue;
    const outputs = await expectedOutputs(store, declared, run_id);
    if (outputs.length > 0) status.set(stage, { outputs, missing: missingOutputs(outputs, outputsDir) });
  }
  return status;
}
