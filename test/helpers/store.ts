import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Store } from '../../pipeline/store/store.js';
import { tempDir } from './temp-dir.js';

const open: Store[] = [];

/** A fresh file-backed store per test (file-backed, so reopen and lock behave as in production). */
export async function tempStore(): Promise<Store> {
  const store = await Store.open(join(tempDir('dp-store-'), 'test.duckdb'));
  open.push(store);
  return store;
}

afterEach(() => {
  for (const store of open.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
});
