import { Command, CommanderError } from 'commander';
import { EXIT_CODES, PipelineError } from '../core/errors.js';
import { registerIngestCommand, registerRunCommand } from './run-commands.js';
import { registerEvaluateCommand, registerSqlCommand, registerStatusCommand } from './read-commands.js';
import { registerTaxonomyCommand } from './taxonomy-commands.js';
import { registerPersonaCommands } from './persona-commands.js';
import { registerReportCommand } from './report-command.js';

export function buildProgram(): Command {
  const program = new Command('deeppersona')
    .description('Mine an evidence-backed attribute taxonomy from conversations and generate grounded personas.')
    .option('--db <file>', 'DuckDB store file (default: outputs/deeppersona.duckdb, or "db" in the config)')
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
  registerReportCommand(program);
  return program;
}

/** Runs the CLI and returns the exit code (documented in the README). */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_CODES.OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message; help and version are not failures.
    return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
  }
  if (error instanceof PipelineError) {
    process.stderr.write(`deeppersona: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}\n`);
    return EXIT_CODES[error.code];
  }
  process.stderr.write(`deeppersona: internal error, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT_CODES.BUG;
}
