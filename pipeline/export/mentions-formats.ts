/**
 * The formats of `mentions export`, kept apart from the exporter: the CLI's command definitions
 * load for `--help` and must not load DuckDB (which the exporter's scrubber brings in).
 */
export type MentionExportFormat = 'jsonl' | 'csv' | 'arrow';
export const MENTION_EXPORT_FORMATS: readonly MentionExportFormat[] = ['jsonl', 'csv', 'arrow'];
