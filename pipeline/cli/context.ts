import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { createReporter, type Reporter } from '../runner/reporter.js';
import { finishRun, startRun, type RunManifest } from '../runner/run-record.js';
import { Store } from '../store/store.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
}

export interface CliContext {
  config: Config;
  dbPath: string;
  outputsDir: string;
  reporter: Reporter;
  json: boolean;
}

export function cliContext(opts: GlobalOptions): CliContext {
  const config = loadConfig(opts.config);
  const dbPath = resolve(opts.db ?? config.db);
  return {
    config: { ...config, db: dbPath },
    dbPath,
    outputsDir: dirname(dbPath),
    reporter: createReporter({ quiet: opts.quiet, json: opts.json }),
    json: Boolean(opts.json),
  };
}

/**
 * Opens the store (taking its lock), records a run around `fn`, and always closes the run,
 * failed or not, so the manifest says what happened.
 */
export async function withRun<T>(ctx: CliContext, command: string, fn: (store: Store, manifest: RunManifest) => Promise<T>): Promise<{ result: T; manifest: RunManifest; manifestPath: string }> {
  const store = await Store.open(ctx.dbPath);
  const manifest = await startRun(store, command, ctx.config);
  try {
    const result = await fn(store, manifest);
    manifest.status = 'done';
    const manifestPath = await finishRun(store, manifest, ctx.outputsDir);
    return { result, manifest, manifestPath };
  } catch (error) {
    manifest.status = 'failed';
    manifest.error = error instanceof Error ? error.message : String(error);
    await finishRun(store, manifest, ctx.outputsDir).catch(() => undefined);
    throw error;
  } finally {
    store.close();
  }
}

/** JSON for machine readers: bigints become numbers (counts here never exceed 2^53). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
}
