/**
 * The real wink vectors for tests: reuses outputs/cache when it holds a valid cache, otherwise
 * converts the 307 MB JSON once for the calling test file (~3–4 s) into a temp dir removed
 * afterwards. Call at the top level of a test file; read the returned getter inside tests.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_CACHE_DIR, loadWinkVectors, readWinkCache, winkCachePath, winkSourcePath } from '../../pipeline/embed/wink-vectors.js';

export function useRealWinkCache(): () => string {
  let dir = '';
  let temp: string | undefined;
  beforeAll(async () => {
    const shared = await readWinkCache(winkCachePath(DEFAULT_CACHE_DIR), statSync(winkSourcePath()).size);
    if ('vectors' in shared) return void (dir = DEFAULT_CACHE_DIR);
    dir = temp = mkdtempSync(join(tmpdir(), 'dp-wink-'));
    const t0 = performance.now();
    await loadWinkVectors({ cacheDir: dir });
    console.log(`wink cache converted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });
  return () => dir;
}
