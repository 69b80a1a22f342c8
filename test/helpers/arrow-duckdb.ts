import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DataType, tableFromIPC, type Field, type Table } from 'apache-arrow';

/**
 * Loads an Arrow IPC file into a DuckDB table, offline. DuckDB 1.5.6 reads Arrow IPC only through
 * its `nanoarrow` community extension, which `INSTALL` downloads (offline: "Failed to download
 * extension"), and @duckdb/node-api binds none of DuckDB's Arrow C API. So the file is decoded by
 * apache-arrow and each value appended, typed, by DuckDB's appender: Utf8 → VARCHAR, Int32 →
 * INTEGER, Float64 → DOUBLE, Bool → BOOLEAN; nested columns (lists) as their JSON text.
 */
export async function loadArrowIntoDuckDB(connection: DuckDBConnection, table: string, file: string): Promise<Table> {
  const arrow = tableFromIPC(readFileSync(file));
  const fields = arrow.schema.fields;
  const sqlType = (f: Field) =>
    DataType.isUtf8(f.type) ? 'VARCHAR' : DataType.isInt(f.type) ? 'INTEGER' : DataType.isFloat(f.type) ? 'DOUBLE' : DataType.isBool(f.type) ? 'BOOLEAN' : 'JSON';
  const types = fields.map(sqlType);
  await connection.run(`CREATE TABLE ${table} (${fields.map((f, i) => `"${f.name}" ${types[i]}`).join(', ')})`);
  const appender = await connection.createAppender(table);
  for (const row of arrow) {
    fields.forEach((f, i) => {
      const value = (row as Record<string, unknown>)[f.name];
      if (value === null || value === undefined) appender.appendNull();
      else if (types[i] === 'INTEGER') appender.appendInteger(value as number);
      else if (types[i] === 'DOUBLE') appender.appendDouble(value as number);
      else if (types[i] === 'BOOLEAN') appender.appendBoolean(value as boolean);
      else appender.appendVarchar(types[i] === 'JSON' ? JSON.stringify(value) : (value as string));
    });
    appender.endRow();
  }
  appender.closeSync();
  return arrow;
}
