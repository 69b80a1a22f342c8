/** The LLM paths of persona generation; each falls back (undefined / missing) so the caller keeps the offline path. */
export { generateLifeStory, LIFE_STORY_PROMPT, lifeStorySchema, MAX_STORIES, pickLifeStoryShape, TONES, type LifeStory, type LifeStoryOptions, type LifeStoryShape, type Tone } from './life-story.js';
export {
  batchSchema, fillValuesWithLlm, MAX_BATCH, planBatches, VALUES_PROMPT, valuesUsage,
  type FilledValue, type FillValuesOptions, type FillValuesResult, type ValueBatchCall, type ValuePath, type ValuesUsage,
} from './llm-values.js';
export { checkConsistencyWithLlm, CONSISTENCY_PROMPT, consistencySchema, type ConsistencyInput, type LlmConsistencyResult, type LlmViolation } from './llm-consistency.js';
export { SUMMARY_PROMPT, summarizeWithLlm, summarySchema, type LlmSummary, type SummaryOptions } from './llm-summary.js';
export { cleanValue, renderAnchors, renderCore, renderPath, renderProfile, type LifeStoryCore, type ProfileLine } from './prompts.js';
