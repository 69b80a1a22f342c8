import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/deeppersona.js', import.meta.url));

export interface Measured {
  wallMs: number;
  manifest: { resources?: { peakRssMb: number }; stages: { stage: string; counts: Record<string, number>; durationMs: number }[] };
}

/** Runs the real CLI in a fresh process so peak memory is that of one run, not of the bench. */
export function measureCli(args: string[]): Measured {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`deeppersona ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { wallMs: Date.now() - started, manifest: JSON.parse(result.stdout) };
}

export const mb = (bytes: number) => bytes / (1024 * 1024);
