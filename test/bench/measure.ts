import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/deeppersona.js', import.meta.url));

export interface StageRecord {
  stage: string;
  counts: Record<string, number>;
  durationMs: number;
}

export interface Manifest {
  resources?: { peakRssMb: number };
  stages: StageRecord[];
}

/** Runs the real CLI with --json in a fresh process (so peak memory is one run's) and parses its output. */
export function cliJson<T = unknown>(args: string[]): T {
  const result = spawnSync(process.execPath, [BIN, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`deeppersona ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export const runManifest = (args: string[]): Manifest => cliJson<Manifest>(args);

export const stageOf = (manifest: Manifest, stage: string): StageRecord => {
  const found = manifest.stages.find((s) => s.stage === stage);
  if (!found) throw new Error(`no ${stage} stage in the manifest`);
  return found;
};

export const mb = (bytes: number) => bytes / (1024 * 1024);
export const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
