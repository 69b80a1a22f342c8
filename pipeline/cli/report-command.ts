import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { AnchorsReference, MetricRow } from '../report/types.js';
import { DEFAULT_REPORT_PERSONAS } from '../report/report-defaults.js';
import { withReadOnlyStore } from './read-commands.js';

const positiveInt = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(v);
};

type ReportOpts = { out?: string; personas: number; metrics?: string; anchorsReference?: string };

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report: taxonomy browser with evidence, persona cards, charts, metrics, run manifest (read-only)')
    .option('--out <dir>', 'output folder; the page is <dir>/index.html (default: report/ next to the store, i.e. outputs/report)')
    .option('--personas <n>', 'persona cards to embed (the charts always cover every persona)', positiveInt, DEFAULT_REPORT_PERSONAS)
    .option('--metrics <file>', 'JSON metric rows [{metric, ours, baselines: {name: value|null}, ci?: [low, high]}] (or {metrics: [...]}); default: outputs/eval.json when present')
    .option('--anchors-reference <file>', 'JSON reference anchor distributions {label?, age?: {lo, weights}, sex?: {...}, countries?: {ISO2: weight}}; default: the bundled population tables')
    .action((opts: ReportOpts, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        // The report writer, the file schemas (zod) and the printer load when the command runs, not with `--help`.
        const { readAnchorsReferenceFile, readMetricsFile } = await import('./report-inputs.js');
        const { describeReport, evaluationFromEval, metricsFromEval, writeReport } = await import('../report/write-report.js');
        const { printJson } = await import('./context.js');
        const metrics: MetricRow[] | undefined = opts.metrics === undefined ? undefined : readMetricsFile(opts.metrics);
        const anchorsReference: AnchorsReference | undefined = opts.anchorsReference === undefined ? undefined : readAnchorsReferenceFile(opts.anchorsReference);
        const evalFile = join(ctx.outputsDir, 'eval.json');
        const summary = await writeReport(store, resolve(opts.out ?? join(ctx.outputsDir, 'report')), {
          personas: opts.personas,
          metrics: metrics ?? metricsFromEval(evalFile),
          ...(metrics ? {} : { evaluation: evaluationFromEval(evalFile) }),
          anchorsReference,
          minAge: ctx.config.sample.minAge,
          maxAge: ctx.config.sample.maxAge,
        });
        if (ctx.json) return printJson(summary);
        ctx.reporter.line(describeReport(summary));
      }),
    );
}
