import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { DEFAULT_REPORT_PERSONAS } from '../report/report-data.js';
import { describeReport, evaluationFromEval, metricsFromEval, writeReport } from '../report/write-report.js';
import type { AnchorsReference, MetricRow } from '../report/types.js';
import { printJson } from './context.js';
import { withReadOnlyStore } from './read-commands.js';

const positiveInt = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(v);
};

const metricRow = z.object({
  metric: z.string(),
  ours: z.number().nullable(),
  baselines: z.record(z.string(), z.number().nullable()).default({}),
  ci: z.tuple([z.number(), z.number()]).optional(),
});
/** A list of rows, or an object holding one under `metrics` (as an eval.json may). */
const metricsFile = z.preprocess(
  (x) => (x !== null && typeof x === 'object' && !Array.isArray(x) && 'metrics' in x ? (x as { metrics: unknown }).metrics : x),
  z.array(metricRow),
);
const weights = z.record(z.string(), z.number().min(0));
const anchorsReferenceFile = z.object({
  label: z.string().optional(),
  age: z.object({ lo: z.number().int(), weights: z.array(z.number().min(0)) }).optional(),
  sex: weights.optional(),
  countries: weights.optional(),
});

function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  if (!existsSync(file)) throw new PipelineError('INPUT', `${file}: no such file`, `pass ${what}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PipelineError('INPUT', `${file}: not valid JSON (${(error as Error).message})`, `pass ${what}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError('INPUT', `${file}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}`, `pass ${what}`);
  }
  return parsed.data;
}

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
        const metrics: MetricRow[] | undefined = opts.metrics === undefined ? undefined
          : readJsonFile(opts.metrics, metricsFile, 'a JSON list of {metric, ours, baselines} rows');
        const anchorsReference: AnchorsReference | undefined = opts.anchorsReference === undefined ? undefined
          : readJsonFile(opts.anchorsReference, anchorsReferenceFile, 'a JSON object {age?, sex?, countries?} of reference weights');
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
