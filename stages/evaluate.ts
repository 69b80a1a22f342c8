import { join } from 'node:path';
import { runEvaluation, writeEvaluations } from '../pipeline/evaluate/run-evaluation.js';
import { evaluationJson } from '../pipeline/evaluate/write-evaluation.js';
import { resolveLlmSettings } from '../pipeline/llm/config.js';
import { keepDocument, writeKeptDocuments } from '../pipeline/runner/stage-outputs.js';
import { defineStage } from '../pipeline/runner/stage.js';

const EVAL_FILE = 'eval.json';

/** Personas, baselines, taxonomy and extraction scored side by side → `evaluations` and outputs/eval.json (see pipeline/evaluate/). */
export const evaluateStage = defineStage({
  name: 'evaluate',
  version: '1',
  after: ['cluster', 'sample'],
  async keyParts(config) {
    const judge = config.evaluate.judge ? { model: resolveLlmSettings(config.llm).model, temperature: config.llm.temperature } : undefined;
    return { evaluate: config.evaluate, seed: config.seed, roots: config.roots, minSupport: config.taxonomy.minSupport, sample: config.sample, judge };
  },
  async run({ store, config, runId, outputsDir }) {
    const evaluation = await runEvaluation(store, config, runId);
    const rows = await writeEvaluations(store, runId, evaluation);
    // Kept whole: the rows hold the metrics, not the document's computed sections (reference, taxonomy, extraction).
    await keepDocument(store, runId, 'evaluate', EVAL_FILE, evaluationJson(evaluation));
    const get = (metric: string) => evaluation.metrics.find((m) => m.metric === metric);
    const attrs = get('attributes.mean');
    const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
    return {
      counts: { personas: evaluation.personas.evaluated, metrics: evaluation.metrics.length, rows },
      summary: `${evaluation.personas.evaluated} personas scored against 2 baselines: attributes ${fmt(attrs?.ours)} ` +
        `(personahub ${fmt(attrs?.baselines.personahub)}, paper-code ${fmt(attrs?.baselines['paper-code'])}); ${join(outputsDir, EVAL_FILE)}`,
    };
  },
  outputs: [EVAL_FILE],
  export: ({ store, outputsDir, computed }) => writeKeptDocuments(store, computed.runId, 'evaluate', [EVAL_FILE], outputsDir),
});
