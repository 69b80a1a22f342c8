import { cutAtHeight, cutToK } from '../cluster/cut-tree.js';
import type { FlatClusterer, HierarchicalClusterer, Matrix } from '../cluster/types.js';
import type { ShapeSettings } from './types.js';
import { meanOf, pack, row } from './vectors.js';

export interface Clusterers {
  flat: FlatClusterer;
  hierarchical: HierarchicalClusterer;
}

/** A level of the hierarchy under one root: leaves hold phrase indices, inner groups hold groups. */
export interface Group {
  phrases: number[];
  children: Group[];
  centroid: Float32Array;
  /** A name the grouper knows (the lexical grouper's synset name); labelTree tries it first. */
  label?: string;
  /** A generic leaf of names that failed the label gate (label-gate.ts): it keeps their mentions, unsplit. */
  generic?: boolean;
}

/**
 * Groups one root's phrases: (k-means micro-clusters when there are many, then) average linkage,
 * cut at the leaf similarity into attribute leaves; the leaves' centroids are agglomerated again,
 * and cut to about `branching` children per node, for each level above them.
 */
export function groupPhrases(all: Matrix, members: number[], weight: (i: number) => number, s: ShapeSettings, c: Clusterers, seed: number): Group[] {
  const units = microUnits(all, members, s.microClusters, c.flat, seed);
  const unitVectors = units.map((u) => meanOf(all, u, weight));
  const leafOf = units.length > 1 ? cutAtHeight(c.hierarchical.linkage(pack(unitVectors, all.d)), units.length, 1 - s.leafSimilarity) : new Int32Array(1);
  let groups: Group[] = bucket(leafOf, units.length).map((unitIds) => {
    const phrases = unitIds.flatMap((u) => units[u]!).sort((a, b) => a - b);
    return { phrases, children: [], centroid: meanOf(all, phrases, weight) };
  });
  for (let level = 0; level < s.depth - 2; level++) groups = groupUp(groups, groupCount(groups.length, s), c.hierarchical, all.d);
  return groups;
}

/**
 * How many parents n items get: at most `branching` children each, and for small n about √n
 * parents (so 11 leaves become 3 categories, not one), never so many that a parent falls below
 * `minChildren`.
 */
export function groupCount(n: number, s: Pick<ShapeSettings, 'branching' | 'minChildren'>): number {
  return Math.max(1, Math.ceil(n / s.branching), Math.min(Math.floor(n / s.minChildren), Math.round(Math.sqrt(n))));
}

function groupUp(items: Group[], k: number, hc: HierarchicalClusterer, d: number): Group[] {
  const labels = k === 1 || items.length < 2 ? new Int32Array(items.length) : cutToK(hc.linkage(pack(items.map((g) => g.centroid), d)), items.length, k);
  return bucket(labels, items.length).map((ids) => {
    const children = ids.map((i) => items[i]!);
    return { phrases: [], children, centroid: meanCentroid(children.map((ch) => ch.centroid), d) };
  });
}

/**
 * Phrase lists per unit: each phrase its own unit, or k-means micro-clusters above the limit,
 * about 50 phrases each (at most `limit` of them): k-means costs n·k·d per pass, so k growing
 * with n would make the build quadratic; linkage then runs on at most `limit` centroids.
 */
function microUnits(all: Matrix, members: number[], limit: number, flat: FlatClusterer, seed: number): number[][] {
  if (members.length <= limit) return members.map((i) => [i]);
  const sub = pack(members.map((i) => row(all, i)), all.d);
  const k = Math.min(limit, Math.max(Math.ceil(limit / 6), Math.ceil(members.length / 50)));
  const { assignments } = flat.cluster(sub, k, seed);
  return bucket(assignments, members.length).filter((u) => u.length > 0).map((u) => u.map((j) => members[j]!));
}

/** Indices grouped by label, groups in label order, indices ascending. */
export function bucket(labels: Int32Array, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) (out[labels[i]!] ??= []).push(i);
  return out.filter((g) => g !== undefined);
}

function meanCentroid(vectors: Float32Array[], d: number): Float32Array {
  const m = pack(vectors, d);
  return meanOf(m, vectors.map((_, i) => i));
}
