import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { PipelineError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * The one DuckDB file that holds everything. DuckDB's own file lock is the run lock: a second
 * writer fails at once, and the OS drops the lock when a killed process dies, so no stale lock
 * file can ever block a later run.
 */
export class Store {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly readOnly: boolean,
  ) {}

  static async open(path: string, opts: { readOnly?: boolean } = {}): Promise<Store> {
    const readOnly = opts.readOnly ?? false;
    if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      throw translateOpenError(path, error);
    }
    const store = new Store(path, instance, await instance.connect(), readOnly);
    if (!readOnly) await store.migrate();
    return store;
  }

  /** One connection runs one statement at a time; concurrent callers (LLM cache writes) queue here. */
  private tail: Promise<unknown> = Promise.resolve();

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.serial(() => this.connection.run(sql, params));
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.serial(() => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as T[];
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async scalar<T = unknown>(sql: string, params?: Params): Promise<T | undefined> {
    const row = await this.one(sql, params);
    return row ? (Object.values(row)[0] as T) : undefined;
  }

  /** Either every write in `fn` lands or none does, so a crash never leaves a half-written stage. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  appender(table: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table);
  }

  async tableCounts(): Promise<Record<string, number>> {
    const tables = await this.all<{ table_name: string }>(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name",
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      counts[table_name] = Number(await this.scalar(`SELECT count(*) FROM "${table_name}"`));
    }
    return counts;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async migrate(): Promise<void> {
    await this.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    const applied = new Set(
      (await this.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await this.transaction(async () => {
        await this.run(migration.sql);
        await this.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [migration.version, migration.name]);
      });
    }
  }
}

function translateOpenError(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  if (lock) {
    return new PipelineError(
      'LOCKED',
      `${path} is in use by another deeppersona process (PID ${lock[2]})`,
      'wait for that run to finish, or stop it; a killed run releases the lock by itself',
    );
  }
  return new PipelineError('INPUT', `cannot open store ${path}: ${message.split('\n')[0]}`, 'check the --db path');
}
