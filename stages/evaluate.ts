import { join } from 'node:path';
import { evaluateAndWrite } from '../pipeline/evaluate/write-evaluation.js';
import { resolveLlmSettings } from '../pipeline/llm/config.js';
import { defineStage } from '../pipeline/runner/stage.js';

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
    const file = join(outputsDir, 'eval.json');
    const { evaluation, rows } = await evaluateAndWrite(store, config, runId, file);
    const get = (metric: string) => evaluation.metrics.find((m) => m.metric === metric);
    const attrs = get('attributes.mean');
    const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
    return {
      counts: { personas: evaluation.personas.evaluated, metrics: evaluation.metrics.length, rows },
      summary: `${evaluation.personas.evaluated} personas scored against 2 baselines: attributes ${fmt(attrs?.ours)} ` +
        `(personahub ${fmt(attrs?.baselines.personahub)}, paper-code ${fmt(attrs?.baselines['paper-code'])}); ${file}`,
    };
  },
});
