import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';

/**
 * @duckdb/node-api's values (classes, enums, type constants), loaded with require. The package is
 * CommonJS: an ESM `import` of it makes Node scan each of its files for export names
 * (cjs-module-lexer) before running them, 0.17 s of every command's start-up; require runs the
 * same code without that scan. Types still come from `import type`. The store, the scrubber and
 * the read-only query load it this way, so `status` and `sql` never pay the scan; the stages'
 * helpers that still `import` it pay it once per pipeline run.
 */
export const duckdb: typeof DuckDB = createRequire(import.meta.url)('@duckdb/node-api');
