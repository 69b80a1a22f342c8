import { scrubDeep } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';
import { loadFacets } from './load-facets.js';
import { loadPersonas } from './load-personas.js';
import { loadRun, runSeed } from './load-run.js';
import { currentVersion, loadTaxonomy } from './load-taxonomy.js';
import type { AnchorsReference, MetricRow, ReportData, ReportEvaluation } from './types.js';

export type { ReportData } from './types.js';

export interface ReportOptions {
  /** Persona cards embedded in the page (the charts still cover every persona). Default 50. */
  personas?: number;
  /** Top values embedded per taxonomy node. Default 12. */
  valuesPerNode?: number;
  /** Evidence quotes embedded per taxonomy node. Default 5. */
  evidencePerNode?: number;
  /** Top values embedded per value facet. Default 8 (facets are many: ~580 on the bundled data). */
  valuesPerFacet?: number;
  /** Evidence quotes embedded per value facet. Default 5. */
  evidencePerFacet?: number;
  /** Default: now. Pass a fixed time for a byte-stable report. */
  generatedAt?: string;
  metrics?: MetricRow[];
  evaluation?: ReportEvaluation;
  anchorsReference?: AnchorsReference;
}

import { DEFAULT_REPORT_PERSONAS } from './report-defaults.js';

export { DEFAULT_REPORT_PERSONAS };

/**
 * Everything the report shows, read from the store (read-only queries only), every string
 * PII-scrubbed in one pass here (privacy/scrub-output.ts) before anything renders, cuts or wraps it.
 */
export async function loadReportData(store: Store, opts: ReportOptions = {}): Promise<ReportData> {
  const version = await currentVersion(store);
  const run = await loadRun(store);
  const taxonomy = version === null ? null : {
    ...(await loadTaxonomy(store, version, { valuesPerNode: opts.valuesPerNode ?? 12, evidencePerNode: opts.evidencePerNode ?? 5 })),
    facets: await loadFacets(store, version, { valuesPerFacet: opts.valuesPerFacet ?? 8, evidencePerFacet: opts.evidencePerFacet ?? 5 }),
  };
  const personas = await loadPersonas(store, { currentVersion: version, preferredSeed: runSeed(run), limit: opts.personas ?? DEFAULT_REPORT_PERSONAS });
  return scrubDeep({
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    taxonomy,
    personas,
    run,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.evaluation ? { evaluation: opts.evaluation } : {}),
    ...(opts.anchorsReference ? { anchorsReference: opts.anchorsReference } : {}),
  });
}
