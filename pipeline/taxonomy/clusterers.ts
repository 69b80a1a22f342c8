import { createKmeansClusterer } from '../cluster/kmeans.js';
import { createNnChainClusterer } from '../cluster/nn-chain.js';
import type { Clusterers } from './group-phrases.js';

/**
 * The taxonomy's clustering algorithms. ml-hclust (O(n³)) and ml-kmeans (slow k-means++ at large
 * k) sit behind the same interfaces in pipeline/cluster/; `npm run bench cluster` shows why these
 * faster implementations are the defaults.
 */
export const defaultClusterers = (): Clusterers => ({
  // Micro-clusters need not be exact: fit on a 20k sample, then one assignment pass over all phrases.
  flat: createKmeansClusterer({ sampleSize: 20_000, maxIterations: 8 }),
  hierarchical: createNnChainClusterer(),
});
