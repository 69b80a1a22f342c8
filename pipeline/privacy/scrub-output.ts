/**
 * The one scrubbing pass text takes on its way out of the store: CLI printers (context.ts
 * printJson, the reporter, `sql`'s table, error lines), export writers (taxonomy and persona
 * exports, personas.jsonl, eval.json; parquet through the `scrub_pii` SQL function) and the
 * report loader. Every string is scrubbed, whatever its field: attributes, values, quotes,
 * labels, paths, summaries, and keys of nested objects (persona attributes are keyed by labels).
 * Ids and numbers pass through unchanged (no detector matches a hash or a lone count).
 * What is and is not caught: docs/privacy.md.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from '../store/duckdb.js';
import { scrubPii } from './pii-scrubber.js';

/**
 * Labels, paths, attributes and values repeat thousands of times in an export, while a scrub
 * costs ~10 µs; short strings are memoised. Cleared when full: a bound, not an LRU.
 */
const MEMO_MAX_ENTRIES = 50_000;
const MEMO_MAX_CHARS = 200;
const memo = new Map<string, string>();

export function scrubText(text: string): string {
  if (text.length > MEMO_MAX_CHARS) return scrubPii(text).text;
  let out = memo.get(text);
  if (out === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    out = scrubPii(text).text;
    memo.set(text, out);
  }
  return out;
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of a JSON-like value with every string and every object key scrubbed. Arrays and plain
 * objects are walked; anything else (numbers, bigints, Dates, typed arrays) is kept as it is.
 */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[scrubText(k)] = scrubDeep(v);
  return out as T;
}

/** SQL name of the scrubber inside DuckDB, for exports DuckDB writes itself (parquet). */
export const SCRUB_SQL_FUNCTION = 'scrub_pii';

const registered = new WeakSet<DuckDBConnection>();

/** Makes `scrub_pii(VARCHAR) → VARCHAR` callable on this connection (once; read-only stores too). */
export function registerScrubFunction(connection: DuckDBConnection): void {
  if (registered.has(connection)) return;
  connection.registerScalarFunction(duckdb.DuckDBScalarFunction.create({
    name: SCRUB_SQL_FUNCTION,
    returnType: duckdb.VARCHAR,
    parameterTypes: [duckdb.VARCHAR],
    mainFunction: (_info, input, output) => {
      const column = input.getColumnVector(0);
      for (let i = 0; i < input.rowCount; i++) {
        const text = column.getItem(i) as string | null;
        output.setItem(i, text === null ? null : scrubText(text));
      }
      output.flush();
    },
  }));
  registered.add(connection);
}
