import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliContext, withRun } from '../../pipeline/cli/context.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { removeStaleTemps } from '../../pipeline/runner/stale-temps.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The pid of a process that has exited: what a killed `sample` leaves in its temp file name. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

function touch(dir: string, name: string, ageMinutes = 0): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '');
  const at = new Date(Date.now() - ageMinutes * 60_000);
  utimesSync(file, at, at);
  return file;
}

describe('removeStaleTemps', () => {
  it('removes our outputs\' temp files whose writer is gone, and nothing else', () => {
    const out = tempDir();
    const dead = deadPid();
    const stale = [
      touch(out, `personas.jsonl.${dead}.tmp`),
      touch(out, `personas-42-0-100.jsonl.${dead}.tmp`),
      touch(out, `personas-export.json.${dead}.tmp`),
      touch(out, 'taxonomy.json.3735928559', 10),
      touch(out, 'eval.json.17', 10),
      touch(out, 'report/index.html.123456', 10),
      touch(out, 'runs/run-20250101T000000000Z-77-1.json.99', 10),
    ];
    const kept = [
      touch(out, `personas.jsonl.${process.pid}.tmp`), // this process: alive
      touch(out, `personas.jsonl.${process.ppid}.tmp`), // another live process (a concurrent run on another store)
      touch(out, 'taxonomy.json.12345'), // written just now: may still be in flight
      touch(out, `notes.jsonl.${dead}.tmp`), // not one of our outputs
      touch(out, 'backup.json.5', 10),
      touch(out, 'personas.jsonl'),
      touch(out, 'taxonomy.json'),
      touch(out, 'cache/words.bin.1.tmp', 120),
    ];
    expect(removeStaleTemps(out).sort()).toEqual([...stale].sort());
    for (const f of stale) expect(existsSync(f)).toBe(false);
    for (const f of kept) expect(existsSync(f)).toBe(true);
    expect(removeStaleTemps(join(out, 'missing'))).toEqual([]);
  });

  it('runs when a command takes the store lock, and says what it removed', async () => {
    const out = tempDir();
    const temp = touch(out, `personas.jsonl.${deadPid()}.tmp`);
    const reporter = createMemoryReporter();
    const ctx = { ...cliContext({ db: join(out, 'store.duckdb') }), reporter };
    await withRun(ctx, 'test', async () => undefined);
    expect(existsSync(temp)).toBe(false);
    expect(reporter.lines).toEqual([`removed 1 temp file(s) left by a killed run: ${temp}`]);
  });
});
