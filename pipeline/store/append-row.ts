import { FLOAT, LIST, VARCHAR, listValue, type DuckDBAppender } from '@duckdb/node-api';

export type Cell = string | number | boolean | null | readonly string[] | Float32Array;

/**
 * Appends one row. Integers go in as INTEGER and other numbers as DOUBLE; DuckDB's appender casts
 * to the column type, so an integral confidence still lands in a DOUBLE column.
 */
export function appendRow(appender: DuckDBAppender, values: readonly Cell[]): void {
  for (const value of values) {
    if (value === null) appender.appendNull();
    else if (typeof value === 'number') Number.isInteger(value) ? appender.appendInteger(value) : appender.appendDouble(value);
    else if (typeof value === 'boolean') appender.appendBoolean(value);
    else if (typeof value === 'string') appender.appendVarchar(value);
    else if (value instanceof Float32Array) appender.appendList(listValue(Array.from(value)), LIST(FLOAT));
    else appender.appendList(listValue([...value]), LIST(VARCHAR));
  }
  appender.endRow();
}
