import { Command, CommanderError } from 'commander';
import { EXIT_CODES, PipelineError } from '../core/errors.js';
import { diskFullError } from '../core/disk-full.js';
import { escapeControls } from '../core/terminal-text.js';
import { registerIngestCommand, registerRunCommand } from './run-commands.js';
import { registerEvaluateCommand, registerSqlCommand, registerStatusCommand } from './read-commands.js';
import { registerTaxonomyCommand } from './taxonomy-commands.js';
import { registerPersonaCommands } from './persona-commands.js';
import { registerMentionsCommand } from './mentions-commands.js';
import { registerReportCommand } from './report-command.js';

/**
 * The program's definition imports nothing heavy (no store, stages, NLP model or LLM client):
 * each command's action imports what it needs when it runs, so `--help` loads commander and the
 * definitions alone (issue 15: start-up under 0.3 s; `npm run bench -- startup`,
 * test/cli/lazy-startup.test.ts).
 */
export function buildProgram(): Command {
  const program = new Command('deeppersona')
    .description('Mine an evidence-backed attribute taxonomy from conversations and generate grounded personas.')
    .option('--db <file>', 'DuckDB store file (default: .deeppersona/deeppersona.duckdb, or "db" in the config)')
    .option('--outputs <dir>', 'folder for the output files (default: outputs/ for the default store, else beside the store)')
    .option('--config <file>', 'JSON config file (validated; unknown keys are errors)')
    .option('--json', 'print machine-readable JSON on stdout instead of summary lines')
    .option('--quiet', 'print nothing but errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRunCommand(program);
  registerIngestCommand(program);
  registerStatusCommand(program);
  registerSqlCommand(program);
  registerEvaluateCommand(program);
  registerTaxonomyCommand(program);
  registerPersonaCommands(program);
  registerMentionsCommand(program);
  registerReportCommand(program);
  return program;
}

/** Runs the CLI and returns the exit code (documented in docs/cli.md). */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_CODES.OK;
  } catch (error) {
    return await reportError(error);
  }
}

async function reportError(thrown: unknown): Promise<number> {
  // A full disk is the machine's state, not a bug: one line with the path, no stack trace.
  const error = diskFullError(thrown) ?? thrown;
  if (error instanceof CommanderError) {
    // Commander already printed its message; help and version are not failures.
    return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
  }
  // Loaded only to print an error: it brings in DuckDB (the store's scrub function), 0.2 s.
  const { scrubText } = await import('../privacy/scrub-output.js');
  if (error instanceof PipelineError) {
    // Messages and hints can name taxonomy paths and labels: scrubbed like every other output,
    // and kept to one line with no raw control characters (labels come from the corpus).
    process.stderr.write(`${escapeControls(scrubText(`deeppersona: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`), { oneLine: true })}\n`);
    return EXIT_CODES[error.code];
  }
  process.stderr.write(escapeControls(scrubText(`deeppersona: internal error, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`)));
  return EXIT_CODES.BUG;
}
