/**
 * The formats of `personas export`, kept apart from the exporter: the CLI's command definitions
 * load for `--help` and must not load DuckDB or Arrow (which the exporter brings in).
 */
export type PersonaExportFormat = 'jsonl' | 'parquet' | 'arrow' | 'deeppersona';
export const PERSONA_EXPORT_FORMATS: readonly PersonaExportFormat[] = ['jsonl', 'parquet', 'arrow', 'deeppersona'];
