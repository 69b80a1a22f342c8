/**
 * The formats of `taxonomy export`, kept apart from the exporter: the CLI's command definitions
 * load for `--help` and must not load DuckDB or Arrow (which the exporter brings in).
 */
export type ExportFormat = 'deeppersona' | 'paths' | 'jsonl' | 'parquet' | 'arrow';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['deeppersona', 'paths', 'jsonl', 'parquet', 'arrow'];
