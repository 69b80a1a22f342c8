import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/deeppersona.js', import.meta.url));
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

/** CLI start-up: `--help` and `status` on a small store (target under 0.3 s with the compiled CLI). */
export function benchStartup(work: string, dataDir: string): void {
  const built = existsSync(fileURLToPath(new URL('../../dist/pipeline/cli/main.js', import.meta.url)));
  const db = join(work, 'startup.duckdb');
  const ingest = spawnSync(process.execPath, [BIN, '--db', db, 'ingest', join(dataDir, 'puffin')], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest for the startup bench failed: ${ingest.stderr}`);
  const help = bestStartMs(['--help']);
  const status = bestStartMs(['--db', db, 'status']);
  console.log(
    `startup (${built ? 'compiled dist/' : 'no dist/: tsx'}), best of ${ROUNDS}: --help ${(help / 1000).toFixed(2)} s, ` +
      `status ${(status / 1000).toFixed(2)} s (target < 0.3 s)`,
  );
}
