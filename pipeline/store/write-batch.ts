import type { DuckDBAppender } from '@duckdb/node-api';
import type { Store } from './store.js';

export interface WriteBatch<T extends string> {
  to: Record<T, DuckDBAppender>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * A transaction with one appender per table: bulk rows go in fast, and the commit makes them
 * visible together (a killed process leaves none of them).
 */
export async function openWriteBatch<T extends string>(store: Store, tables: readonly T[]): Promise<WriteBatch<T>> {
  await store.run('BEGIN TRANSACTION');
  const to = {} as Record<T, DuckDBAppender>;
  for (const table of tables) to[table] = await store.appender(table);
  const close = () => Object.values<DuckDBAppender>(to).forEach((a) => a.closeSync());
  return {
    to,
    async commit() {
      close();
      await store.run('COMMIT');
    },
    async rollback() {
      for (const appender of Object.values<DuckDBAppender>(to)) {
        try {
          appender.closeSync();
        } catch {
          // After a failed statement an appender cannot flush ("transaction is aborted"); that
          // error must not hide the one that made us roll back, and its rows are discarded anyway.
        }
      }
      await store.run('ROLLBACK').catch(() => undefined);
    },
  };
}
