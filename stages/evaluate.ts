import { join } from 'node:path';
import { comparisonInputs } from '../pipeline/evaluate/comparison-inputs.js';
import { runEvaluation, writeEvaluations } from '../pipeline/evaluate/run-evaluation.js';
import { evaluationJson } from '../pipeline/evaluate/write-evaluation.js';
import { resolveLlmSettings } from '../pipeline/llm/config.js';
import { keepDocument, writeKeptDocuments } from '../pipeline/runner/stage-outputs.js';
import { defineStage } from '../pipeline/runner/stage.js';
import { EVAL_FILE } from './output-files.js';

/** Personas, baselines, taxonomy and extraction scored side by side → `evaluations` and outputs/eval.json (see pipeline/evaluate/). */
export const evaluateStage = defineStage({
  name: 'evaluate',
  version: '2',
  after: ['cluster', 'sample'],
  async keyParts(config) {
    const judge = config.evaluate.judge ? { model: resolveLlmSettings(config.llm).model, temperature: config.llm.temperature } : undefined;
    // The files read at run time (the authors' release, --compare files) are inputs too: their fingerprints key the stage.
    return { evaluate: config.evaluate, inputs: comparisonInputs(config), seed: config.seed, roots: config.roots, minSupport: config.taxonomy.minSupport, sample: config.sample, judge };
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
      summary: `${evaluation.personas.evaluated} personas scored beside ${evaluation.sets.length - 1} other sets: attributes ${fmt(attrs?.ours)} ` +
        `(${Object.entries(attrs?.baselines ?? {}).map(([n, v]) => `${n} ${fmt(v)}`).join(', ')}); ${evaluation.whereWeLose.length} metrics where a set beats ours; ${join(outputsDir, EVAL_FILE)}`,
    };
  },
  outputs: [EVAL_FILE],
  export: ({ store, outputsDir, computed }) => writeKeptDocuments(store, computed.runId, 'evaluate', [EVAL_FILE], outputsDir),
});
