import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../pipeline/config/schema.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { runPipeline } from '../../pipeline/runner/run-pipeline.js';
import { startRun, type RunManifest } from '../../pipeline/runner/run-record.js';
import { defineStage, type ExportContext, type Stage } from '../../pipeline/runner/stage.js';
import { outputStatus } from '../../pipeline/runner/stage-outputs.js';
import { Store } from '../../pipeline/store/store.js';
import { ALL_STAGES } from '../../stages/index.js';
import { runCli } from '../helpers/cli.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Outputs follow the store: an up-to-date stage whose files were deleted, or whose store was
 * copied to another folder, gets them back from the store, byte for byte, without recomputing.
 */

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';
const OUTPUTS = ['taxonomy.json', 'personas.jsonl', 'eval.json', 'report/index.html'];

// One real pipeline run (ingest → report) shared by the file, in folder `a` beside its store.
let dir: string;
let first: string;
let store: Store;
let config: Config;
let original: Map<string, Buffer>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-outputs-'));
  first = join(dir, 'a');
  mkdirSync(first);
  store = await Store.open(join(first, 'store.duckdb'));
  config = testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 5, k: 40 } });
  await runStages(store, config, { outputsDir: first });
  original = new Map(OUTPUTS.map((f) => [f, readFileSync(join(first, f))]));
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const computed = async (s: Store) => s.one<Record<string, number>>(
  `SELECT (SELECT count(*) FROM stage_runs)::INTEGER AS stageRuns, (SELECT count(*) FROM taxonomy_versions)::INTEGER AS versions,
          (SELECT count(*) FROM evaluations)::INTEGER AS evaluations, (SELECT count(*) FROM personas)::INTEGER AS personas`,
);

function expectRestoredFrom(manifest: RunManifest, outputsDir: string): void {
  expect(manifest.stages.map((s) => [s.stage, s.status])).toEqual(ALL_STAGES.map((s) => [s.name, 'skipped']));
  const rewritten = Object.fromEntries(manifest.stages.filter((s) => s.outputs).map((s) => [s.stage, s.outputs]));
  expect(rewritten).toEqual({ cluster: ['taxonomy.json'], sample: ['personas.jsonl'], evaluate: ['eval.json'], report: ['report/index.html'] });
  expect(manifest.stages.find((s) => s.stage === 'report')!.summary).toBe('up to date; rewrote report/index.html from the store');
  for (const f of OUTPUTS) expect(readFileSync(join(outputsDir, f)).equals(original.get(f)!), f).toBe(true);
}

describe('outputs follow the store', () => {
  it('the first run wrote every output and recorded it', async () => {
    expect([...original.values()].every((b) => b.length > 0)).toBe(true);
    const recorded = await store.all<{ stage: string; path: string }>('SELECT stage, path FROM stage_outputs ORDER BY path');
    expect(recorded.map((r) => `${r.stage}:${r.path}`).sort()).toEqual(['cluster:taxonomy.json', 'evaluate:eval.json', 'report:report/index.html', 'sample:personas.jsonl']);
    expect(String(original.get('personas.jsonl')).trimEnd().split('\n')).toHaveLength(5);
  });

  it('status lists the missing outputs of each stage', async () => {
    rmSync(join(first, 'eval.json'));
    rmSync(join(first, 'report'), { recursive: true });
    const status = await outputStatus(store, ALL_STAGES, first);
    expect(Object.fromEntries([...status].map(([stage, s]) => [stage, s.missing]))).toEqual({
      cluster: [], sample: [], evaluate: ['eval.json'], report: ['report/index.html'],
    });
    expect(status.get('sample')!.outputs).toEqual(['personas.jsonl']);
  });

  it('deleted outputs come back byte-identical from the store, no stage recomputed', async () => {
    for (const f of ['taxonomy.json', 'personas.jsonl']) rmSync(join(first, f));
    expect(OUTPUTS.some((f) => existsSync(join(first, f)))).toBe(false);
    const before = await computed(store);
    const manifest = await runStages(store, config, { outputsDir: first });
    expectRestoredFrom(manifest, first);
    expect(await computed(store)).toEqual(before);
    // Nothing missing: the next run rewrites nothing.
    const again = await runStages(store, config, { outputsDir: first });
    expect(again.stages.every((s) => s.summary === 'up to date' && !s.outputs)).toBe(true);
  });

  it('a store copied to another folder writes its outputs there, and the CLI status shows what is missing', async () => {
    store.close();
    const moved = join(dir, 'b');
    mkdirSync(moved);
    copyFileSync(join(first, 'store.duckdb'), join(moved, 'store.duckdb'));
    const status = await runCli(['--db', join(moved, 'store.duckdb'), 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/stage evaluate: done .*; outputs eval\.json; missing eval\.json \(`deeppersona run` rewrites it from the store\)/);
    expect(status.stdout).toMatch(/stage extract: done [^;\n]*\n/); // no outputs, nothing said
    store = await Store.open(join(moved, 'store.duckdb'));
    const before = await computed(store);
    expectRestoredFrom(await runStages(store, config, { outputsDir: moved }), moved);
    expect(await computed(store)).toEqual(before);
  });
});

describe('the runner and a stage that exports', () => {
  const fileStage = (log: string[], exportable = () => true): Stage => defineStage({
    name: 'ingest',
    version: '1',
    after: [],
    keyParts: async () => ({}),
    run: async ({ runId }) => {
      log.push('run');
      return { counts: { made: runId.length }, summary: 'made it' };
    },
    outputs: ['made.txt'],
    export: async ({ outputsDir, computed }: ExportContext) => {
      if (!exportable()) return null;
      log.push('export');
      writeFileSync(join(outputsDir, 'made.txt'), `made by ${computed.runId} (${computed.counts.made})`);
      return ['made.txt'];
    },
  });
  const runOnce = async (store: Store, stage: Stage, outputsDir: string) => {
    const manifest = await startRun(store, 'run', testConfig({}));
    await runPipeline({ store, config: manifest.config, stages: [stage], manifest, reporter: createMemoryReporter(), outputsDir });
    return manifest;
  };

  it('exports after run, and again from the recorded run when the file is missing', async () => {
    const store = await tempStore();
    const out = tempDir();
    const log: string[] = [];
    const stage = fileStage(log);
    const firstRun = await runOnce(store, stage, out);
    const written = readFileSync(join(out, 'made.txt'), 'utf8');
    expect(written).toBe(`made by ${firstRun.runId} (${firstRun.runId.length})`);
    await runOnce(store, stage, out);
    expect(log).toEqual(['run', 'export']);
    rmSync(join(out, 'made.txt'));
    const third = await runOnce(store, stage, out);
    expect(log).toEqual(['run', 'export', 'export']);
    expect(third.stages[0]).toMatchObject({ status: 'skipped', outputs: ['made.txt'] });
    expect(readFileSync(join(out, 'made.txt'), 'utf8')).toBe(written);
  });

  it('reruns the stage when the store cannot rewrite its outputs (a run from before they were kept)', async () => {
    const store = await tempStore();
    const out = tempDir();
    const log: string[] = [];
    let exportable = true;
    const stage = fileStage(log, () => exportable);
    await runOnce(store, stage, out);
    await store.run('DELETE FROM stage_outputs'); // as recorded before outputs were: the declared ones are checked
    rmSync(join(out, 'made.txt'));
    exportable = false;
    const manifest = await runOnce(store, stage, out);
    expect(log).toEqual(['run', 'export', 'run']);
    expect(manifest.stages[0]!.status).toBe('done');
  });
});
