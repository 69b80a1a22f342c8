import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root: the nearest folder above this file that holds package.json. The same from
 * the TypeScript sources (tsx) and from the compiled `dist/`, which sits one level deeper.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot();

/** A path inside the checkout, e.g. `repoPath('data', 'demographics')`. */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}

/**
 * A worker thread's entry beside `from` (the pool's `import.meta.url`). Compiled code starts the
 * compiled worker directly; from the TypeScript sources, `entry.mjs` registers tsx first, because
 * worker threads start without the parent's loader.
 */
export function workerEntry(from: string, worker: string): URL {
  return from.endsWith('.js') ? new URL(`./${worker}.js`, from) : new URL('./entry.mjs', from);
}
