import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { diskFullError, formatBytes, freeBytes } from '../../pipeline/core/disk-full.js';
import { EXIT_CODES, PipelineError } from '../../pipeline/core/errors.js';
import { Store } from '../../pipeline/store/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const HINT = 'free some space, or put the store and outputs on a bigger disk with --db, then rerun: finished stages are kept';
const freeSpace = (bytes: number) => () => bytes;
/** Linux's /dev/full fails every write with ENOSPC: the real errors, without filling a disk. */
const hasDevFull = existsSync('/dev/full');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('diskFullError', () => {
  it.runIf(hasDevFull)("maps Node's real ENOSPC, naming the path it has and the space left there", () => {
    const error = thrown(() => writeFileSync('/dev/full', 'x'));
    expect(error).toMatchObject({ code: 'ENOSPC' });
    const mapped = diskFullError(error, '/outputs', freeSpace(0));
    expect(mapped).toBeInstanceOf(PipelineError);
    expect(mapped).toMatchObject({ code: 'DISK_FULL', hint: HINT });
    // writeFileSync's error names no path (it failed in write(fd)), so the command's folder is named.
    expect(mapped!.message).toBe('disk full writing /outputs (0 B free there)');
    expect(EXIT_CODES[mapped!.code]).toBe(5);
  });

  it.runIf(hasDevFull)("maps DuckDB's real IO error, taking the path from its message", async () => {
    const store = await Store.open(':memory:');
    try {
      const error = await store.run("COPY (SELECT 1 AS x) TO '/dev/full' (FORMAT csv)").catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/No space left on device/);
      expect(diskFullError(error, '/outputs', freeSpace(3 * 1024 ** 3))!.message).toBe('disk full writing /dev/full (3.0 GB free there)');
    } finally {
      store.close();
    }
  });

  it.runIf(hasDevFull)('the CLI exits 5 with one line, no stack trace, when the store cannot be written', async () => {
    const file = join(tempDir(), 'chat.jsonl');
    writeFileSync(file, '{"id":"1","messages":[{"role":"user","content":"hi"}]}\n');
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      expect(await main(['node', 'deeppersona', '--db', '/dev/full', 'ingest', file])).toBe(5);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(/^deeppersona: disk full writing \/dev\/full \([\d.]+ [KMGT]?B free there\) \(hint: free some space, .*\)\n$/);
  });

  it('maps errno objects, quota errors and wrapped causes; the path on the error wins over the fallback', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC', path: '/data/out/eval.json.17' });
    expect(diskFullError(enospc, '/outputs', freeSpace(1536))!.message).toBe('disk full writing /data/out/eval.json.17 (1.5 KB free there)');
    const quota = Object.assign(new Error('EDQUOT: disk quota exceeded, write'), { code: 'EDQUOT' });
    expect(diskFullError(quota, '/outputs', freeSpace(0))!.message).toBe('disk full writing /outputs (0 B free there)');
    const duck = new Error('FATAL Error: Failed: database has been invalidated because of a previous fatal error. Original error: "Could not write file "/s/store.duckdb.wal": No space left on device"');
    expect(diskFullError(new Error('stage extract failed', { cause: duck }), undefined, freeSpace(10))!.message).toBe('disk full writing /s/store.duckdb.wal (10 B free there)');
  });

  it('without a path or a known free space it still gives the one-line message', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(diskFullError(error)!.message).toBe('disk full');
    expect(diskFullError(error, '/x', () => undefined)!.message).toBe('disk full writing /x');
  });

  it('leaves every other error alone', () => {
    expect(diskFullError(new Error('Out of Memory Error: failed to allocate'))).toBeUndefined();
    expect(diskFullError(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBeUndefined();
    expect(diskFullError(new PipelineError('INPUT', 'No space left on device in the quoted text'))).toBeUndefined();
    expect(diskFullError('a string')).toBeUndefined();
    expect(diskFullError(undefined)).toBeUndefined();
  });

  it('measures free space on the nearest existing folder', () => {
    const here = freeBytes(process.cwd());
    expect(here).toBeGreaterThan(0);
    expect(freeBytes(`${process.cwd()}/no/such/folder/file.json`)).toBeGreaterThan(0);
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(5 * 1024 ** 2 + 512 * 1024)).toBe('5.5 MB');
  });
});
