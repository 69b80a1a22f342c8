import type { Migration } from './migrations.js';

/** Migration 6: what each stage wrote beside the store, so `run` can rewrite it (see pipeline/runner/stage-outputs.ts). */
export const OUTPUT_MIGRATIONS: Migration[] = [
  {
    version: 6,
    name: 'stage outputs',
    sql: `
      -- The files a stage run wrote, relative to the folder beside the store: \`run\` rewrites the
      -- missing ones of an up-to-date stage from the store, \`status\` lists them.
      CREATE TABLE stage_outputs (
        run_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        PRIMARY KEY (run_id, stage, path)
      );
      -- Outputs kept verbatim because rows cannot re-derive them: eval.json holds computed sections
      -- and the report shows the run that rendered it. Only the newest stage runs' are kept.
      CREATE TABLE output_documents (
        run_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        content VARCHAR NOT NULL,
        PRIMARY KEY (run_id, stage, path)
      );
    `,
  },
];
