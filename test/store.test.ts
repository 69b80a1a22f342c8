import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../pipeline/store/migrations.js';
import { Store } from '../pipeline/store/store.js';
import { tempDir } from './helpers/temp-dir.js';

describe('Store', () => {
  it('applies every migration once and is idempotent on reopen', async () => {
    const path = join(tempDir(), 'a.duckdb');
    const first = await Store.open(path);
    const tables = Object.keys(await first.tableCounts());
    for (const t of ['sources', 'conversations', 'turns', 'rejects', 'runs', 'stage_runs', 'failures', 'llm_calls']) expect(tables).toContain(t);
    first.close();
    const again = await Store.open(path);
    const versions = await again.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    again.close();
  });

  it('rolls back a failed transaction completely', async () => {
    const store = await Store.open(join(tempDir(), 'b.duckdb'));
    await expect(
      store.transaction(async () => {
        await store.run("INSERT INTO failures VALUES ('r', 'ingest', 'k', 'why', now())");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(Number(await store.scalar('SELECT count(*) FROM failures'))).toBe(0);
    store.close();
  });
});
