/**
 * Values the command definitions show in help texts and defaults, copied from modules that are
 * slow to import: the taxonomy and persona exports and the report loader bring in DuckDB (through
 * the scrubber's SQL function) and Arrow, the reference comparison its matching code. The
 * definitions load for `deeppersona --help`, which must start in well under 0.3 s, so they import
 * none of those; the actions validate against the originals. test/cli/help-values.test.ts fails
 * when a copy differs from its original: change both.
 */
export const TAXONOMY_EXPORT_FORMATS = ['deeppersona', 'paths', 'jsonl', 'parquet', 'arrow'] as const;
export const PERSONA_EXPORT_FORMATS = ['jsonl', 'parquet', 'arrow', 'deeppersona'] as const;
export const DEFAULT_REPORT_PERSONAS = 50;
export const REFERENCE_TAXONOMY_FILE = 'generation_user_profile_new/data/large_attributes.json';
