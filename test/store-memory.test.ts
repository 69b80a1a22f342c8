import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../pipeline/config/schema.js';
import { PipelineError } from '../pipeline/core/errors.js';
import { createMemoryReporter } from '../pipeline/runner/reporter.js';
import { runPipeline } from '../pipeline/runner/run-pipeline.js';
import { startRun } from '../pipeline/runner/run-record.js';
import { defineStage } from '../pipeline/runner/stage.js';
import { Store } from '../pipeline/store/store.js';
import { tempStore } from './helpers/store.js';
import { tempDir } from './helpers/temp-dir.js';

const setting = async (store: Store, name: string) => String(await store.scalar(`SELECT current_setting('${name}')`));

describe('DuckDB memory settings', () => {
  it('opens a store with a deliberate memory limit and a spill folder beside it, not DuckDB\'s 80% of RAM', async () => {
    const store = await tempStore();
    expect(await setting(store, 'memory_limit')).toBe('488.2 MiB'); // 512 MB
    expect(await setting(store, 'temp_directory')).toBe(`${store.path}.tmp`);
  });

  it('takes the configured limit and folder, also read-only', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.duckdb');
    (await Store.open(path)).close();
    const store = await Store.open(path, { readOnly: true, memoryLimit: '256MB', tempDirectory: join(dir, 'spill') });
    try {
      expect(await setting(store, 'memory_limit')).toBe('244.1 MiB');
      expect(await setting(store, 'temp_directory')).toBe(join(dir, 'spill'));
    } finally {
      store.close();
    }
  });

  it('refuses a size that is not a size, in the config and at open', async () => {
    expect(() => configSchema.parse({ duckdb: { memoryLimit: "1GB'; DROP TABLE x; --" } })).toThrow(/size such as/);
    expect(() => configSchema.parse({ duckdb: { stageMemoryLimits: { sample: 'lots' } } })).toThrow(/size such as/);
    expect(() => configSchema.parse({ duckdb: { stageMemoryLimits: { nosuch: '1GB' } } })).toThrow();
    await expect(Store.open(join(tempDir(), 'x.duckdb'), { memoryLimit: 'lots' })).rejects.toThrow(PipelineError);
  });

  it('gives every stage its own limit: its stageMemoryLimits entry, else memoryLimit', async () => {
    const store = await tempStore();
    const seen: Record<string, string> = {};
    const recording = (name: 'ingest' | 'extract', after: ('ingest' | 'extract')[]) => defineStage({
      name, version: '1', after, keyParts: async () => ({}),
      run: async ({ store: s }) => {
        seen[name] = await setting(s, 'memory_limit');
        await s.setMemoryLimit('64MB'); // a stage lowering its own limit must not leak into the next
        return { counts: {}, summary: 'ok' };
      },
    });
    const config = configSchema.parse({ duckdb: { memoryLimit: '300MB', stageMemoryLimits: { extract: '200MB' } } });
    const manifest = await startRun(store, 'run', config);
    await runPipeline({ store, config, stages: [recording('ingest', []), recording('extract', ['ingest'])], manifest, reporter: createMemoryReporter(), outputsDir: tempDir() });
    expect(seen).toEqual({ ingest: '286.1 MiB', extract: '190.7 MiB' });
  });
});

describe('Store.stream', () => {
  it('yields every row in chunks, holds the connection until the loop ends, and frees it on break', async () => {
    const store = await tempStore();
    const sizes: number[] = [];
    let sum = 0n;
    for await (const rows of store.stream<{ i: bigint }>('SELECT range AS i FROM range($1)', [5000])) {
      sizes.push(rows.length);
      for (const r of rows) sum += r.i;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2048);
    expect(sum).toBe(BigInt((4999 * 5000) / 2));
    // A statement queued during the loop runs after it, not inside it.
    const order: string[] = [];
    let queued: Promise<unknown> | undefined;
    for await (const rows of store.stream('SELECT range FROM range(10000)')) {
      order.push(`chunk ${rows.length}`);
      queued ??= store.scalar('SELECT 1').then(() => order.push('query'));
    }
    await queued;
    expect(order.at(-1)).toBe('query');
    for await (const _ of store.stream('SELECT range FROM range(10000)')) break;
    expect(await store.scalar('SELECT 42')).toBe(42);
  });
});
