import type { TaxonomyConfig } from '../config/schema.js';
import type { Embedder } from '../core/types.js';
import type { ShapeSettings } from './types.js';

/** Shape settings for a build: the leaf cut defaults to the embedder's own `assign` threshold. */
export const shapeSettings = (t: TaxonomyConfig, embedder: Embedder): ShapeSettings => ({
  depth: t.depth,
  branching: t.branching,
  minChildren: t.minChildren,
  minSupport: t.minSupport,
  leafSimilarity: t.leafSimilarity ?? embedder.thresholds.assign,
  rareSimilarity: embedder.thresholds.duplicate,
  microClusters: t.microClusters,
  grouping: t.grouping,
});
