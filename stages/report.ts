import { join } from 'node:path';
import { describeReport, metricsFromEval, writeReport } from '../pipeline/report/write-report.js';
import { defineStage } from '../pipeline/runner/stage.js';

/** The static HTML report (outputs/report/index.html) of everything upstream (see pipeline/report/). */
export const reportStage = defineStage({
  name: 'report',
  version: '1',
  after: ['evaluate'],
  async keyParts(config) {
    return { ages: [config.sample.minAge, config.sample.maxAge] };
  },
  async run({ store, config, outputsDir }) {
    const summary = await writeReport(store, join(outputsDir, 'report'), {
      metrics: metricsFromEval(join(outputsDir, 'eval.json')),
      minAge: config.sample.minAge,
      maxAge: config.sample.maxAge,
    });
    return { counts: { bytes: summary.bytes, nodes: summary.nodes, personaCards: summary.personaCards, metrics: summary.metrics }, summary: describeReport(summary).replace(/^report: /, '') };
  },
});
