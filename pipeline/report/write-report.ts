import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { populationReference } from '../evaluate/population-reference.js';
import type { Store } from '../store/store.js';
import { loadReportData, type ReportOptions } from './report-data.js';
import { renderHtml } from './render-html.js';
import type { MetricRow, ReportEvaluation } from './types.js';

/** Writes `<dir>/index.html`; shared by `deeppersona report` and the pipeline's report stage. */

export interface ReportSummary {
  out: string;
  bytes: number;
  taxonomyVersion: number | null;
  nodes: number;
  /** Value facets of split leaves (a leaf that is not split is its own one facet). */
  valueFacets: number;
  personas: number;
  personaCards: number;
  metrics: number;
}

/** Metric rows of an eval.json (`deeppersona evaluate`), or undefined when there is none. */
export function metricsFromEval(file: string): MetricRow[] | undefined {
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { metrics?: MetricRow[] };
  return doc.metrics?.map(({ metric, ours, baselines, ci, description, direction, notApplicable, noiseFloor }) => ({
    metric, ours, baselines, ...(ci ? { ci } : {}), ...(description ? { description } : {}), ...(direction ? { direction } : {}),
    ...(notApplicable ? { notApplicable } : {}), ...(noiseFloor ? { noiseFloor } : {}),
  }));
}

/** Where we lose, the sets and the taxonomy review of an eval.json, or undefined (no file, or one from before they existed). */
export function evaluationFromEval(file: string): ReportEvaluation | undefined {
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReportEvaluation> & { taxonomy?: { reference?: Record<string, unknown>; labelSample?: ReportEvaluation['labelSample'] } | null };
  if (!Array.isArray(doc.whereWeLose) || !Array.isArray(doc.sets)) return undefined;
  return {
    whereWeLose: doc.whereWeLose,
    sets: doc.sets,
    skippedSets: doc.skippedSets ?? [],
    ...(doc.intervals ? { intervals: doc.intervals } : {}),
    ...(doc.taxonomy?.reference ? { taxonomyReference: doc.taxonomy.reference } : {}),
    ...(doc.taxonomy?.labelSample ? { labelSample: doc.taxonomy.labelSample } : {}),
  };
}

export async function writeReport(store: Store, dir: string, opts: ReportOptions & { minAge: number; maxAge: number }): Promise<ReportSummary> {
  const { html, summary } = await renderReport(store, opts);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.html');
  await writeFileAtomic(file, html);
  return { out: file, ...summary };
}

/** The page and what it holds, not yet written (the report stage keeps it in the store first). */
export async function renderReport(store: Store, opts: ReportOptions & { minAge: number; maxAge: number }): Promise<{ html: string; summary: Omit<ReportSummary, 'out'> }> {
  const anchorsReference = opts.anchorsReference ?? populationReference(opts.minAge, opts.maxAge);
  const data = await loadReportData(store, { ...opts, anchorsReference });
  const html = renderHtml(data);
  const summary = {
    bytes: Buffer.byteLength(html),
    taxonomyVersion: data.taxonomy?.version ?? null,
    nodes: data.taxonomy?.nodes.length ?? 0,
    valueFacets: data.taxonomy?.facets.filter((f) => f.isSplit).length ?? 0,
    personas: data.personas.total,
    personaCards: data.personas.cards.length,
    metrics: data.metrics?.length ?? 0,
  };
  return { html, summary };
}

export const describeReport = (s: ReportSummary): string =>
  `report: ${s.out} (${Math.round(s.bytes / 1024)} KB; ${s.nodes} taxonomy nodes, ${s.valueFacets} value facets, ${s.personaCards} of ${s.personas} personas` +
  `${s.metrics ? `, ${s.metrics} metrics` : ', no metrics: run deeppersona evaluate'})`;
