import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { diskFullError } from '../core/disk-full.js';
import { PipelineError } from '../core/errors.js';
import { duckdb } from './duckdb.js';
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

  static async open(path: string, opts: { readOnly?: boolean } & MemorySettings = {}): Promise<Store> {
    const readOnly = opts.readOnly ?? false;
    if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await duckdb.DuckDBInstance.create(path, {
        ...(readOnly ? { access_mode: 'READ_ONLY' } : {}),
        ...memoryOptions(path, opts),
        ...CRASH_SAFE_WRITES,
      });
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

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  async changes(sql: string, params?: Params): Promise<number> {
    const result = await this.serial(() => this.connection.run(sql, params));
    return result.rowsChanged;
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.serial(() => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as T[];
  }

  /**
   * The rows of a query one DuckDB chunk (about 2,048 rows) at a time, so a result bigger than
   * memory never sits in JS at once. The connection is held until the loop ends: run no other
   * statement on this store inside the loop (it would wait for the loop, forever).
   */
  async *stream<T extends Row = Row>(sql: string, params?: Params): AsyncGenerator<T[]> {
    const before = this.tail;
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    this.tail = before.then(() => done, () => done);
    try {
      await before.catch(() => undefined);
      const result = await this.connection.stream(sql, params);
      for await (const rows of result.yieldRowObjectJs()) yield rows as T[];
    } finally {
      release();
    }
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

  /** DuckDB's memory limit from now on (the runner sets each stage's own; see duckdb.stageMemoryLimits). */
  async setMemoryLimit(limit: string): Promise<void> {
    await this.run(`SET memory_limit = '${checkedSize(limit)}'`);
  }

  async memoryLimit(): Promise<string> {
    return String(await this.scalar("SELECT current_setting('memory_limit')"));
  }

  appender(table: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table);
  }

  async tableCounts(): Promise<Record<string, number>> {
    const tables = await this.all<{ table_name: string }>(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name",
    );
    if (tables.length === 0) return {};
    // One statement, not one per table: `status` prints every count, and 28 round trips were a tenth of its start.
    const rows = await this.all<{ i: number | bigint; n: number | bigint }>(tables.map(({ table_name }, i) => `SELECT ${i} AS i, count(*) AS n FROM "${table_name}"`).join(' UNION ALL '));
    const counts = new Map(rows.map((r) => [Number(r.i), Number(r.n)]));
    return Object.fromEntries(tables.map(({ table_name }, i) => [table_name, counts.get(i) ?? 0]));
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

/**
 * DuckDB's own default memory limit is 80% of RAM, for the process that also holds Node's heap,
 * and it keeps every block it read cached up to that limit: memory then grows with the store, not
 * with the work. The default here is deliberate (config `duckdb`), and DuckDB spills beyond it to a
 * folder beside the store (not /tmp, which may be RAM).
 */
export interface MemorySettings {
  /** DuckDB memory limit, e.g. "512MB". @default "512MB" */
  memoryLimit?: string;
  /** Spill folder. @default the store path + ".tmp" */
  tempDirectory?: string;
}

export const DEFAULT_MEMORY_LIMIT = '512MB';

/**
 * DuckDB 1.5.6 writes a large transaction's rows to the database file before COMMIT ("optimistic
 * writes"). A process killed during such a COMMIT can leave a WAL whose replay keeps one table's rows
 * but not another's from the same transaction, with a primary-key index that no longer matches its
 * rows (reproduced by test/store/kill-during-commit.test.ts: 130,000 turns without their 65,000 conversations;
 * the next insert fails "Duplicate key", a delete fails "Failed to delete all rows from index").
 * Without optimistic writes every committed row goes through the WAL and a kill at any point leaves
 * all or none of a transaction. docs/ingest.md "Crash safety" has the numbers.
 */
const CRASH_SAFE_WRITES = { enable_optimistic_write: 'false' };

function memoryOptions(path: string, opts: MemorySettings): Record<string, string> {
  const options: Record<string, string> = { memory_limit: checkedSize(opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT) };
  const temp = opts.tempDirectory ?? (path === ':memory:' ? undefined : `${path}.tmp`);
  if (temp !== undefined) options.temp_directory = temp;
  return options;
}

/** Sizes go into SQL text: only digits, a unit and spaces pass (the config schema says the same). */
function checkedSize(size: string): string {
  if (!/^\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)$/i.test(size)) {
    throw new PipelineError('CONFIG', `invalid DuckDB memory size "${size}"`, 'use a size such as "512MB" or "1GB"');
  }
  return size;
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
  return diskFullError(error, path) ?? new PipelineError('INPUT', `cannot open store ${path}: ${message.split('\n')[0]}`, 'check the --db path');
}
