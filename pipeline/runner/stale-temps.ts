import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Our streamed outputs' temp names: `<output>.<pid>.tmp` (personas.jsonl, personas-….jsonl, personas-export.*). */
const PID_TEMP = /^personas(-[^/]*)?\.(\w+)\.(\d+)\.tmp$/;

/** write-file-atomic's temp names (`<file>.<uint32>`) for the outputs it writes, per folder under outputs/. */
const ATOMIC_TEMPS: Record<string, RegExp> = {
  '.': /^(taxonomy\.json|eval\.json)\.\d+$/,
  report: /^index\.html\.\d+$/,
  runs: /^run-[\w-]+\.json\.\d+$/,
};

/**
 * write-file-atomic's names carry no pid, and its writes last milliseconds: one this old was
 * left by a killed process. The age only guards a second store sharing the same folder.
 */
const ATOMIC_STALE_MS = 5 * 60_000;

const isAlive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
};

/**
 * Deletes temp files a killed run left among our outputs (0-byte `personas.jsonl.<pid>.tmp` after
 * a killed `sample`, for instance) and returns their paths. Call it with the store's write lock
 * held: then no other deeppersona process on this store is writing. Only our own output names are
 * matched, since the outputs folder is the store's folder and may hold anything else.
 */
export function removeStaleTemps(outputsDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const [sub, atomic] of Object.entries(ATOMIC_TEMPS)) {
    const dir = join(outputsDir, sub);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // not written yet
    }
    for (const name of names) {
      const file = join(dir, name);
      const pid = sub === '.' ? PID_TEMP.exec(name)?.[3] : undefined;
      try {
        const stale = pid !== undefined ? !isAlive(Number(pid)) : atomic.test(name) && now - statSync(file).mtimeMs > ATOMIC_STALE_MS;
        if (!stale || !statSync(file).isFile()) continue;
        rmSync(file);
        removed.push(file);
      } catch {
        // gone already (its owner finished): nothing to clean
      }
    }
  }
  return removed;
}
