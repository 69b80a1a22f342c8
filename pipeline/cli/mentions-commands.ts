import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PipelineError } from '../core/errors.js';
import { MENTION_EXPORT_FORMATS, type MentionExportFormat } from '../export/mentions-formats.js';
import { withReadOnlyStore } from './read-commands.js';

/** `deeppersona mentions export`: the extracted mentions with their provenance, for analysis outside the store. */
export function registerMentionsCommand(program: Command): void {
  const mentions = program.command('mentions').description('export the extracted mentions (read-only)');
  mentions
    .command('export')
    .description('write every mention with its quote, span, turn, conversation and source file:line, as jsonl, csv or an Arrow IPC file')
    .option('--format <format>', `output format: ${MENTION_EXPORT_FORMATS.join(', ')}`, 'jsonl')
    .option('--out <file>', 'output file (default: outputs/mentions.<format>)')
    .action((opts: { format: MentionExportFormat; out?: string }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        if (!MENTION_EXPORT_FORMATS.includes(opts.format)) {
          throw new PipelineError('USAGE', `unknown mentions export format "${opts.format}"`, `use one of ${MENTION_EXPORT_FORMATS.join(', ')}`);
        }
        // Loaded here, not with the definitions: they bring in DuckDB (see mentions-formats.ts).
        const { exportMentions } = await import('../export/mentions-export.js');
        const { printJson } = await import('./context.js');
        const file = resolve(opts.out ?? join(ctx.outputsDir, `mentions.${opts.format}`));
        const rows = await exportMentions(store, opts.format, file);
        if (ctx.json) return printJson({ format: opts.format, mentions: rows, file });
        ctx.reporter.line(`${rows} mentions (${opts.format}) → ${file}`);
      }),
    );
}
