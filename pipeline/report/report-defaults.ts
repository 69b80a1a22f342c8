/** Personas shown in the report by default; a module of its own so `--help` can name it cheaply. */
export const DEFAULT_REPORT_PERSONAS = 50;
