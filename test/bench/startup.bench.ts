import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/deeppersona.js', import.meta.url));
const RECORDER = fileURLToPath(new URL('../helpers/record-loaded-modules.mjs', import.meta.url));
const ROUNDS = 5;

/** Best wall time of ROUNDS starts of `deeppersona <args>` (the process from spawn to exit). */
function bestStartMs(args: string[]): number {
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`deeppersona ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    best = Math.min(best, ms);
  }
  return best;
}

/**
 * Whether bin/deeppersona.js runs dist/ or, with a source newer than the build, the sources
 * through tsx: seen in what one start loads, not guessed from the files.
 */
function runsCompiled(work: string): boolean {
  const log = join(work, 'startup-modules.txt');
  spawnSync(process.execPath, ['--import', RECORDER, BIN, '--help'], { env: { ...process.env, LOADED_MODULES_LOG: log } });
  return readFileSync(log, 'utf8').includes('/dist/pipeline/cli/main.js');
}

/** CLI start-up: `--help` and `status` on a small store (target under 0.3 s with the compiled CLI). */
export function benchStartup(work: string, dataDir: string): void {
  const compiled = runsCompiled(work);
  const db = join(work, 'startup.duckdb');
  const ingest = spawnSync(process.execPath, [BIN, '--db', db, 'ingest', join(dataDir, 'puffin')], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest for the startup bench failed: ${ingest.stderr}`);
  const help = bestStartMs(['--help']);
  const status = bestStartMs(['--db', db, 'status']);
  console.log(
    `startup (${compiled ? 'compiled dist/' : 'through tsx: a source is newer than dist/, run `npm run build`'}), best of ${ROUNDS}: --help ${(help / 1000).toFixed(2)} s, ` +
      `status ${(status / 1000).toFixed(2)} s (target < 0.3 s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
}
