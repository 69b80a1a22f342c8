import type { Matrix } from '../cluster/types.js';

/** One attribute phrase with its evidence footprint (conversation/source ids are dense ints). */
export interface PhraseInput {
  id: string;
  text: string;
  /** Majority root of its mentions, from the extractor; undefined when no extractor said. */
  rootHint?: string;
  mentions: number;
  conversations: Int32Array;
  sources: Int32Array;
}

export interface ShapeSettings {
  /** Levels including the root: 3 = root → category → attribute, 4 adds a subcategory level. */
  depth: 3 | 4;
  /** Target children per internal node below the root. */
  branching: number;
  minChildren: number;
  /** Distinct conversations a node needs; below it merges into its nearest sibling. */
  minSupport: number;
  /** Average-linkage cosine similarity at which phrases share a leaf (per embedder). */
  leafSimilarity: number;
  /**
   * A leaf below minSupport merges into its nearest sibling only when at least this similar (the
   * same attribute said another way); else it joins a generic leaf of its parent, where its
   * evidence stays but no facet, sample or persona shows it under another attribute's name. Unset:
   * always the nearest sibling.
   */
  rareSimilarity?: number;
  /** Above this many phrases in a root, k-means micro-clusters come first (keeps linkage O(k²)). */
  microClusters: number;
  /** `lexical` groups by WordNet (lexical-group.ts), `vectors` by word vectors alone; unset = vectors. */
  grouping?: 'lexical' | 'vectors';
}

export interface BuildInput {
  phrases: PhraseInput[];
  /** Unit vectors, row i = phrases[i]. */
  vectors: Matrix;
  roots: readonly string[];
  /** Root index per phrase (from assignRoots). */
  rootOf: Int32Array;
  settings: ShapeSettings;
  seed: number;
}

/** A node while the taxonomy is built; ids are given once the shape is final. */
export interface TaxNode {
  key: string;
  id: string;
  root: string;
  /** 1 for a root. */
  depth: number;
  label: string;
  parent: TaxNode | undefined;
  children: TaxNode[];
  /** Leaves only: indices into BuildInput.phrases. */
  phrases: number[];
  centroid: Float32Array;
  /** A name the grouper gave (a WordNet synset's): labelTree keeps it when it is clean and free. */
  given?: string;
  /** A generic leaf holding phrases whose names failed the label gate: never split into value facets. */
  generic?: boolean;
}

export interface MergeRecord {
  node: string;
  into: string | null;
  level: 'leaf' | 'internal' | 'root';
  reason: string;
  similarity: number | null;
}
