import { duckdb } from './duckdb.js';
import { PipelineError } from '../core/errors.js';
import type { Row, Store } from './store.js';

const HINT = 'sql runs one SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE) on the store, with no access to files, extensions, other databases or settings; `deeppersona status` lists the tables';

/**
 * Shuts the store's session off from everything but the store, before any user SQL runs:
 * no file reads or writes (COPY, EXPORT, read_csv, glob, ATTACH), no extension install or
 * load, and the configuration locked so no later SET can undo it. The store file itself stays
 * readable because it was opened before; DuckDB's own spill files still work.
 */
export async function sandboxStore(store: Store): Promise<void> {
  for (const setting of ['enable_external_access = false', 'autoinstall_known_extensions = false', 'autoload_known_extensions = false', 'lock_configuration = true']) {
    await store.run(`SET ${setting}`);
  }
}

/**
 * Runs exactly one statement if DuckDB's own parser calls it a SELECT (DESCRIBE, SHOW,
 * SUMMARIZE and PRAGMA table_info are rewritten to SELECTs): the second wall, which alone refuses
 * every write, ATTACH, INSTALL, LOAD, SET and PRAGMA setting. Call it only after sandboxStore:
 * learning a statement's type means preparing it, and preparing EXPORT DATABASE already creates
 * its target folder; and a SELECT can still read files (read_csv, glob), which only the settings stop.
 */
export async function queryReadOnly(store: Store, sql: string): Promise<Row[]> {
  const connection = store.connection;
  const statements = await connection.extractStatements(sql).catch((error: unknown) => {
    // A query with no statement (empty, only comments or ';') fails without a message of its own.
    if (/^Error in native callback$/.test((error as Error).message)) {
      throw new PipelineError('USAGE', 'no SQL statement in the query', 'e.g. deeppersona sql "select count(*) from turns"');
    }
    throw queryFailed(error);
  });
  if (statements.count !== 1) {
    throw new PipelineError('USAGE', `sql runs one statement at a time, got ${statements.count}`, "run each statement separately; a PIVOT counts as several unless it lists its values: PIVOT t ON c IN ('a', 'b')");
  }
  const prepared = await statements.prepare(0).catch((error: unknown) => {
    throw queryFailed(error);
  });
  try {
    const type = prepared.statementType;
    if (type !== duckdb.StatementType.SELECT) {
      throw new PipelineError('USAGE', `sql is read-only: ${duckdb.StatementType[type] ?? type} statements are not allowed`, HINT);
    }
    const reader = await prepared.runAndReadAll().catch((error: unknown) => {
      throw queryFailed(error);
    });
    return reader.getRowObjectsJS() as Row[];
  } finally {
    prepared.destroySync();
  }
}

function queryFailed(error: unknown): PipelineError {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^Failed to extract statements: /, '');
  const firstLine = message.split('\n')[0]!;
  return new PipelineError('USAGE', `query failed: ${firstLine}`, HINT);
}
