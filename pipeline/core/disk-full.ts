import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineError } from './errors.js';

/** Node's errno codes and DuckDB's IO error text (it quotes strerror) for a full disk or quota. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
const FULL_TEXT = /No space left on device|Disk quota exceeded/i;
/** DuckDB names the file it failed on in double quotes: `Could not write file "/x/store.duckdb.wal": …`. */
const QUOTED_PATH = /"([^"]*\/[^"]*)"/;

type Failure = { code?: unknown; path?: unknown; message?: unknown; cause?: unknown };

/** The error itself or one of its causes (a wrapped error keeps the original as `cause`). */
function fullDiskFailure(error: unknown): Failure | undefined {
  for (let e = error as Failure | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as Failure | undefined, depth++) {
    if (FULL_CODES.has(String(e.code)) || FULL_TEXT.test(String(e.message ?? ''))) return e;
  }
  return undefined;
}

/** Bytes the current user may still write on the filesystem holding `path` (its nearest existing folder). */
export function freeBytes(path: string): number | undefined {
  for (let at = path, up = dirname(path); ; at = up, up = dirname(up)) {
    try {
      const fs = statfsSync(at);
      return fs.bavail * fs.bsize;
    } catch {
      if (up === at) return undefined;
    }
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * Maps a full disk (Node's ENOSPC/EDQUOT, or DuckDB's "No space left on device" IO error) to a
 * user error naming the path and the space left there; anything else gives undefined.
 * `fallbackPath` names where the command writes when the error does not say (Node's write(fd)
 * errors carry no path). `free` is injectable for tests.
 */
export function diskFullError(error: unknown, fallbackPath?: string, free: (path: string) => number | undefined = freeBytes): PipelineError | undefined {
  if (error instanceof PipelineError) return undefined;
  const failure = fullDiskFailure(error);
  if (!failure) return undefined;
  const path = typeof failure.path === 'string' ? failure.path : (QUOTED_PATH.exec(String(failure.message ?? ''))?.[1] ?? fallbackPath);
  const left = path === undefined ? undefined : free(path);
  const where = path === undefined ? '' : ` writing ${path}`;
  const room = left === undefined ? '' : ` (${formatBytes(left)} free there)`;
  return new PipelineError(
    'DISK_FULL',
    `disk full${where}${room}`,
    'free some space, or put the store and outputs on a bigger disk with --db, then rerun: finished stages are kept',
  );
}
