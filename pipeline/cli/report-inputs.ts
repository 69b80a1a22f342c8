import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { AnchorsReference, MetricRow } from '../report/types.js';

/** The JSON files `report` may be given (--metrics, --anchors-reference), checked before the store is read. */

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

export const readMetricsFile = (file: string): MetricRow[] => readJsonFile(file, metricsFile, 'a JSON list of {metric, ours, baselines} rows');

export const readAnchorsReferenceFile = (file: string): AnchorsReference =>
  readJsonFile(file, anchorsReferenceFile, 'a JSON object {age?, sex?, countries?} of reference weights');

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
