import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { STAGE_NAMES, type StageName } from '../runner/stage.js';
import type { GlobalOptions } from './context.js';

// The stages, the runner and the store are imported by the actions, not here: importing the
// stages alone takes over a second, and `--help` needs none of it.
const pipeline = async () => ({
  ...(await import('./context.js')),
  ...(await import('../runner/run-pipeline.js')),
  ...(await import('../../stages/index.js')),
});

const stageChoice = (flags: string, description: string) => new Option(flags, description).choices([...STAGE_NAMES]);

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the pipeline on the configured inputs (default: everything under data/), skipping up-to-date stages')
    .addOption(stageChoice('--until <stage>', 'stop after this stage'))
    .addOption(stageChoice('--force <stage...>', 'rerun these stages even when up to date'))
    .option('--llm-batch', 'send LLM requests through the OpenAI Batch API (resumable; same results, half price)')
    .action(async (opts: { until?: StageName; force?: StageName[]; llmBatch?: boolean }, command: Command) => {
      const { cliContext, printJson, withRun, runPipeline, ALL_STAGES } = await pipeline();
      const base = cliContext(command.optsWithGlobals<GlobalOptions>());
      const ctx = opts.llmBatch ? { ...base, config: { ...base.config, extract: { ...base.config.extract, llmBatch: true } } } : base;
      const { manifest, manifestPath } = await withRun(ctx, 'run', (store, manifest) =>
        runPipeline({ store, config: ctx.config, stages: ALL_STAGES, manifest, reporter: ctx.reporter, outputsDir: ctx.outputsDir, until: opts.until, force: opts.force }),
      );
      if (ctx.json) return printJson(manifest);
      // Where the results are, whether this run wrote them or found them up to date.
      const outputs = ['taxonomy.json', 'personas.jsonl', 'eval.json', join('report', 'index.html')].map((f) => join(ctx.outputsDir, f)).filter((f) => existsSync(f));
      ctx.reporter.line([`store: ${ctx.dbPath}`, `manifest: ${manifestPath}`, ...outputs.map((f) => `output: ${f}`)].join('\n'));
    });
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('ingest conversation files or folders now (unchanged files are skipped, changed ones merged)')
    .argument('<path...>', 'files or folders (.json/.jsonl)')
    .addOption(new Option('--format <format>', 'input format').choices(['auto', 'puffin', 'prefeval', 'chat-jsonl']).default('auto'))
    .option('--max-turn-bytes <n>', 'reject records with a turn longer than this many UTF-8 bytes', (v) => Number.parseInt(v, 10))
    .action(async (paths: string[], opts: { format: 'auto' | 'puffin' | 'prefeval' | 'chat-jsonl'; maxTurnBytes?: number }, command: Command) => {
      const { cliContext, printJson, withRun, runPipeline, ALL_STAGES } = await pipeline();
      const ctx = cliContext(command.optsWithGlobals<GlobalOptions>());
      const ingest = { ...ctx.config.ingest, paths, format: opts.format, maxTurnBytes: opts.maxTurnBytes ?? ctx.config.ingest.maxTurnBytes };
      const config = { ...ctx.config, ingest };
      const { manifest } = await withRun({ ...ctx, config }, 'ingest', (store, manifest) =>
        runPipeline({ store, config, stages: ALL_STAGES, manifest, reporter: ctx.reporter, outputsDir: ctx.outputsDir, until: 'ingest', force: ['ingest'] }),
      );
      if (ctx.json) printJson(manifest);
    });
}
