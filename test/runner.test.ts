import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../pipeline/config/schema.js';
import { createMemoryReporter } from '../pipeline/runner/reporter.js';
import { runPipeline } from '../pipeline/runner/run-pipeline.js';
import { finishRun, startRun } from '../pipeline/runner/run-record.js';
import { defineStage, type Stage } from '../pipeline/runner/stage.js';
import type { Store } from '../pipeline/store/store.js';
import { tempStore } from './helpers/store.js';
import { tempDir } from './helpers/temp-dir.js';

function countingStage(name: 'ingest' | 'extract', after: ('ingest' | 'extract')[], setting: () => unknown, ran: string[]): Stage {
  return defineStage({
    name,
    version: '1',
    after,
    keyParts: async () => ({ setting: setting() }),
    run: async () => {
      ran.push(name);
      return { counts: { rows: 1 }, summary: 'did it' };
    },
  });
}

async function runOnce(store: Store, stages: Stage[], extra: { force?: ('ingest' | 'extract')[]; until?: 'ingest' | 'extract' } = {}) {
  const config = configSchema.parse({});
  const manifest = await startRun(store, 'run', config);
  const reporter = createMemoryReporter();
  await runPipeline({ store, config, stages, manifest, reporter, outputsDir: tempDir(), ...extra });
  return { manifest, reporter };
}

describe('runPipeline', () => {
  it('skips stages whose key is done, reruns downstream when an upstream key changes', async () => {
    const store = await tempStore();
    const ran: string[] = [];
    let setting = 'a';
    const stages = [countingStage('extract', ['ingest'], () => 'fixed', ran), countingStage('ingest', [], () => setting, ran)];
    await runOnce(store, stages);
    expect(ran).toEqual(['ingest', 'extract']);
    const second = await runOnce(store, stages);
    expect(ran).toEqual(['ingest', 'extract']);
    expect(second.manifest.stages.map((s) => s.status)).toEqual(['skipped', 'skipped']);
    setting = 'b';
    await runOnce(store, stages);
    expect(ran).toEqual(['ingest', 'extract', 'ingest', 'extract']);
  });

  it('--force reruns one stage, --until stops early', async () => {
    const store = await tempStore();
    const ran: string[] = [];
    const stages = [countingStage('ingest', [], () => 1, ran), countingStage('extract', ['ingest'], () => 1, ran)];
    await runOnce(store, stages, { until: 'ingest' });
    expect(ran).toEqual(['ingest']);
    await runOnce(store, stages, { force: ['ingest'] });
    expect(ran).toEqual(['ingest', 'ingest', 'extract']);
  });

  it('compares with the newest done key, not any done key', async () => {
    const store = await tempStore();
    const ran: string[] = [];
    let setting = 'a';
    const stages = [countingStage('ingest', [], () => setting, ran)];
    await runOnce(store, stages);
    setting = 'b';
    await runOnce(store, stages);
    setting = 'a';
    await runOnce(store, stages);
    expect(ran).toEqual(['ingest', 'ingest', 'ingest']);
  });

  it('records a failed stage and marks stale running rows abandoned', async () => {
    const store = await tempStore();
    const failing = defineStage({ name: 'ingest', version: '1', after: [], keyParts: async () => ({}), run: async () => Promise.reject(new Error('disk on fire')) });
    await expect(runOnce(store, [failing])).rejects.toThrow('disk on fire');
    expect(await store.one('SELECT status, error FROM stage_runs')).toEqual({ status: 'failed', error: 'disk on fire' });
    await store.run("INSERT INTO stage_runs VALUES ('dead', 'extract', 'k', '1', 'running', NULL, now(), NULL, NULL, NULL)");
    await startRun(store, 'run', configSchema.parse({}));
    expect(await store.scalar("SELECT status FROM stage_runs WHERE run_id = 'dead'")).toBe('abandoned');
  });

  it('writes the manifest to the store and to runs/<run-id>.json', async () => {
    const store = await tempStore();
    const out = tempDir();
    const { manifest } = await runOnce(store, [countingStage('ingest', [], () => 1, [])]);
    manifest.status = 'done';
    const file = await finishRun(store, manifest, out);
    expect(existsSync(file)).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.runId).toBe(manifest.runId);
    expect(written.stages[0]).toMatchObject({ stage: 'ingest', status: 'done', counts: { rows: 1 } });
    expect(written.versions).toHaveProperty('duckdb');
    expect(written.config.seed).toBe(42);
    expect(await store.scalar('SELECT status FROM runs WHERE run_id = $1', [manifest.runId])).toBe('done');
  });
});
