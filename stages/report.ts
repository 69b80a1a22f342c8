import { join } from 'node:path';
import { describeReport, evaluationFromEval, metricsFromEval, renderReport } from '../pipeline/report/write-report.js';
import { keepDocument, writeKeptDocuments } from '../pipeline/runner/stage-outputs.js';
import { defineStage } from '../pipeline/runner/stage.js';
import { REPORT_FILE } from './output-files.js';

/** The static HTML report (outputs/report/index.html) of everything upstream (see pipeline/report/). */
export const reportStage = defineStage({
  name: 'report',
  version: '1',
  after: ['evaluate'],
  async keyParts(config) {
    return { ages: [config.sample.minAge, config.sample.maxAge] };
  },
  async run({ store, config, runId, outputsDir }) {
    const { html, summary } = await renderReport(store, {
      // The evaluate stage ran (or rewrote eval.json) just before.
      metrics: metricsFromEval(join(outputsDir, 'eval.json')),
      evaluation: evaluationFromEval(join(outputsDir, 'eval.json')),
      minAge: config.sample.minAge,
      maxAge: config.sample.maxAge,
    });
    // Kept whole: the page shows the run that rendered it and when, so a later render would differ.
    await keepDocument(store, runId, 'report', REPORT_FILE, html);
    return {
      counts: { bytes: summary.bytes, nodes: summary.nodes, personaCards: summary.personaCards, metrics: summary.metrics },
      summary: describeReport({ out: join(outputsDir, REPORT_FILE), ...summary }).replace(/^report: /, ''),
    };
  },
  outputs: [REPORT_FILE],
  export: ({ store, outputsDir, computed }) => writeKeptDocuments(store, computed.runId, 'report', [REPORT_FILE], outputsDir),
});
