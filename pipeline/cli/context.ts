import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { DEFAULT_DB, type Config } from '../config/schema.js';
import { createReporter, type Reporter } from '../runner/reporter.js';
import { finishRun, startRun, type RunManifest } from '../runner/run-record.js';
import { removeStaleTemps } from '../runner/stale-temps.js';
import { diskFullError } from '../core/disk-full.js';
import { Store } from '../store/store.js';
import { scrubDeep } from '../privacy/scrub-output.js';
import { escapeJsonControls } from '../core/terminal-text.js';

export interface GlobalOptions {
  db?: string;
  outputs?: string;
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
    outputsDir: resolve(opts.outputs ?? config.outputs ?? (opts.db === undefined && config.db === DEFAULT_DB ? 'outputs' : dirname(dbPath))),
    reporter: createReporter({ quiet: opts.quiet, json: opts.json }),
    json: Boolean(opts.json),
  };
}

/**
 * Opens the store (taking its lock), records a run around `fn`, and always closes the run,
 * failed or not, so the manifest says what happened.
 */
export async function withRun<T>(ctx: CliContext, command: string, fn: (store: Store, manifest: RunManifest) => Promise<T>): Promise<{ result: T; manifest: RunManifest; manifestPath: string }> {
  const store = await Store.open(ctx.dbPath, ctx.config.duckdb);
  // Only now: the store's lock says no other run on it is writing these outputs.
  const stale = removeStaleTemps(ctx.outputsDir);
  if (stale.length > 0) ctx.reporter.line(`removed ${stale.length} temp file(s) left by a killed run: ${stale.join(', ')}`);
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
    // Node's write errors carry no path; this command writes its files in the outputs folder.
    throw diskFullError(error, ctx.outputsDir) ?? error;
  } finally {
    store.close();
  }
}

/** JSON for machine readers: PII-scrubbed, every string; bigints become numbers (counts here never exceed 2^53). */
export function printJson(value: unknown): void {
  process.stdout.write(`${escapeJsonControls(JSON.stringify(scrubDeep(value), (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2))}\n`);
}
