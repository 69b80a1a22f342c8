/** Pure evaluation metrics (no I/O): the evaluate command wires them to the store. */
export * from './bootstrap.js';
export * from './categorical.js';
export * from './coverage.js';
export * from './distributions.js';
export * from './diversity.js';
export * from './pairs.js';
export * from './taxonomy-stats.js';
export { mean, quantileSorted, summarise } from './stats.js';
export { metricRng } from './random.js';
export * from './bias-corrected.js';
export * from './noise-floor.js';
export * from './coded-stats.js';
