import type { Stage } from '../pipeline/runner/stage.js';

/**
 * The files stages declare (relative to the outputs folder), apart from the stages' code:
 * `status` lists each stage's outputs without importing the stages, whose dependencies (NLP
 * model, WordNet, clustering, LLM client) take over a second to load.
 */
export const TAXONOMY_FILE = 'taxonomy.json';
export const PERSONAS_FILE = 'personas.jsonl';
export const EVAL_FILE = 'eval.json';
export const REPORT_FILE = 'report/index.html';

/** Each stage's `outputs`, as ALL_STAGES declares them (test/runner/declared-outputs.test.ts holds them equal). */
export const DECLARED_OUTPUTS: readonly Pick<Stage, 'name' | 'outputs'>[] = [
  { name: 'cluster', outputs: [TAXONOMY_FILE] },
  { name: 'sample', outputs: [PERSONAS_FILE] },
  { name: 'evaluate', outputs: [EVAL_FILE] },
  { name: 'report', outputs: [REPORT_FILE] },
];
