import type { HierarchicalClusterer, Matrix } from '../cluster/types.js';
import { stableId } from '../core/hash.js';
import type { Embedder } from '../core/types.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { flatten, pathOf, type BuiltTaxonomy } from './build.js';
import { createFacetTables, FACET_PAGE, facetSupports, insertFacetMembers, type FacetTables } from './facet-tables.js';
import { defaultWordNet } from '../lexicon/wordnet.js';
import { FacetGate } from './facet-gate.js';
import { ValueTypeTally } from './leaf-values.js';
import { isFragmentValue } from './value-head.js';
import { screenedValues, SignatureVectors } from './value-screen.js';
import type { PhraseInput, TaxNode } from './types.js';
import { clusterHead, clusterMeans, FacetNaming, facetValues, nearestCluster, rowsOf, type FacetSettings } from './value-facets.js';
import { normalise } from './vectors.js';

/**
 * Value facets for every leaf of a built taxonomy (see value-facets.ts). DuckDB counts each leaf's
 * distinct values; a leaf with at most `maxClustered` of them is split in memory, a bigger one
 * streams the values past the cap in pages (embedded, joined to the nearest cluster, named), so
 * memory is bounded by the cap, not by the corpus. Which mentions a facet stands on is then one SQL
 * insert (facet-tables.ts), never a list in memory. A leaf that is not split still gets one facet
 * (itself), so personas always draw facets and every facet lists exactly the mentions it stands on.
 */

export interface FacetRow {
  facetId: string;
  nodeId: string;
  label: string;
  path: string;
  root: string;
  isSplit: boolean;
  supportMentions: number;
  supportConversations: number;
  centroid: Float32Array;
}

export interface BuiltFacets {
  rows: FacetRow[];
  /** Writes facet_members for the version (inside writeVersion's transaction) and drops the temp tables. */
  insertMembers(versionId: number): Promise<void>;
}

type Settings = Omit<FacetSettings, 'similarity'>;
interface LeafFacets { labels: string[]; centroids: Float32Array[]; isSplit: boolean }

export async function buildFacets(
  store: Store,
  built: BuiltTaxonomy,
  phrases: readonly PhraseInput[],
  embedder: Embedder,
  clusterer: HierarchicalClusterer,
  settings: Settings,
): Promise<BuiltFacets> {
  const leaves = flatten(built.roots).filter((n) => n.children.length === 0 && n.depth > 1);
  const tables = await createFacetTables(store, leaves.map((leaf) => leaf.phrases.map((i) => phrases[i]!.id)));
  const wordnet = defaultWordNet();
  const facetSettings = { ...settings, similarity: embedder.thresholds.assign, wordnet };
  const signatures = wordnet ? new SignatureVectors(wordnet, embedder) : null;
  const out: Omit<FacetRow, 'supportMentions' | 'supportConversations'>[] = [];
  for (const [l, leaf] of leaves.entries()) {
    // A generic leaf (names that failed the label gate) classifies nothing: it keeps its evidence
    // (node_members) but has no facet, so no persona draws "Other Activities = …".
    if (leaf.generic) continue;
    const distinct = tables.distinctValues.get(l) ?? 0;
    const leafSettings = { ...facetSettings, hidden: await screenedValues(store, l, leaf.label, wordnet, signatures) };
    const facets = distinct <= settings.maxClustered
      ? await smallLeaf(store, l, leaf, embedder, clusterer, leafSettings)
      : await bigLeaf(store, tables, l, leaf, distinct, embedder, clusterer, leafSettings);
    const leafPath = pathOf(leaf);
    facets.labels.forEach((label, f) => {
      const facetId = stableId('facet', leaf.id, label);
      tables.facetIds.push([l, f, facetId]);
      // The residual facet of a split leaf (values no facet label classifies) is the leaf itself.
      const path = facets.isSplit && label !== leaf.label ? `${leafPath}.${label}` : leafPath;
      out.push({ facetId, nodeId: leaf.id, label, path, root: leaf.root, isSplit: facets.isSplit, centroid: facets.centroids[f]! });
    });
  }
  const supports = await facetSupports(store, tables);
  const rows = out.map((f, i) => ({ ...f, supportMentions: supports[i]?.mentions ?? 0, supportConversations: supports[i]?.conversations ?? 0 }));
  return { rows, insertMembers: (versionId) => insertFacetMembers(store, versionId) };
}

/** Every value in memory, sorted by text: the split of value-facets.ts as it is. */
async function smallLeaf(store: Store, l: number, leaf: TaxNode, embedder: Embedder, clusterer: HierarchicalClusterer, settings: FacetSettings): Promise<LeafFacets> {
  const values = (await store.all<{ value: string; mentions: number }>('SELECT value, mentions FROM facet_leaf_values WHERE leaf = $1', [l]))
    .map((r) => ({ text: r.value, mentions: Number(r.mentions) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const matrix = pack(values.length ? await embedder.embed(values.map((v) => v.text)) : [], embedder.dimensions);
  const groups = facetValues(values, matrix, leaf.label, clusterer, settings);
  const isSplit = groups.some((g) => g.label !== leaf.label);
  const assign = await store.appender('facet_value_groups');
  groups.forEach((g, f) => g.members.forEach((i) => appendRow(assign, [l, values[i]!.text, f])));
  assign.closeSync();
  return { labels: groups.map((g) => g.label), centroids: groups.map((g) => (isSplit ? blend(leaf.centroid, meanVector(matrix, g.members)) : leaf.centroid)), isSplit };
}

/**
 * A leaf with more distinct values than the linkage cap: the `maxClustered` most mentioned are
 * clustered, the rest read back in pages of FACET_PAGE and joined to their nearest cluster, each
 * value named into its cluster as it comes. Same result as facetValues, up to float rounding in
 * the centroids (sums in another order).
 */
async function bigLeaf(store: Store, tables: FacetTables, l: number, leaf: TaxNode, distinct: number, embedder: Embedder, clusterer: HierarchicalClusterer, settings: FacetSettings): Promise<LeafFacets> {
  const whole = { labels: [leaf.label], centroids: [leaf.centroid], isSplit: false };
  const numeric = new ValueTypeTally();
  for await (const rows of store.stream<{ value: string; mentions: number }>('SELECT value, mentions FROM facet_leaf_values WHERE leaf = $1', [l])) {
    for (const r of rows) numeric.add(r.value, Number(r.mentions));
  }
  await tables.rankLeaf(l);
  if (distinct < settings.minValues || numeric.type() === 'numeric') {
    await tables.assignRankedTo(0);
    await dropUnshown(store, l, settings.hidden);
    return whole;
  }
  const page = (from: number, to: number) => store.all<{ value: string; mentions: number }>('SELECT value, mentions FROM facet_ranked WHERE rn > $1 AND rn <= $2 ORDER BY rn', [from, to]);
  const head = await page(0, settings.maxClustered);
  const headVectors = pack(await embedder.embed(head.map((v) => v.value)), embedder.dimensions);
  const clusters = clusterHead(headVectors, clusterer, settings.similarity);
  const means = clusterMeans(clusters.map((m) => rowsOf(headVectors, m)));
  const naming = new FacetNaming(leaf.label);
  const sums = clusters.map(() => new Float64Array(embedder.dimensions));
  const assign = await store.appender('facet_value_groups');
  clusters.forEach((members, c) => members.forEach((r) => {
    naming.add(c, head[r]!.value, Number(head[r]!.mentions));
    addTo(sums[c]!, headVectors, r);
    appendRow(assign, [l, head[r]!.value, c]);
  }));
  assign.closeSync();
  for (let from = settings.maxClustered; from < distinct; from += FACET_PAGE) {
    const rest = await page(from, from + FACET_PAGE);
    const vectors = pack(await embedder.embed(rest.map((v) => v.value)), embedder.dimensions);
    const nearest = nearestCluster(vectors, means);
    const append = await store.appender('facet_value_groups');
    rest.forEach((v, i) => {
      naming.add(nearest[i]!, v.value, Number(v.mentions));
      addTo(sums[nearest[i]!]!, vectors, i);
      appendRow(append, [l, v.value, nearest[i]!]);
    });
    append.closeSync();
  }
  // The facet gate (facet-gate.ts) per value, then facets in label order, as facetValues returns them.
  const { labels, sums: facetSums } = await gateBigLeaf(store, l, leaf.label, naming.labels(clusters.length), sums, headVectors.d, settings);
  if (!labels.some((label) => label !== leaf.label)) return whole;
  return { labels, centroids: facetSums.map((sum) => blend(leaf.centroid, normalise(Float32Array.from(sum)))), isSplit: true };
}

/**
 * The facet gate over a big leaf's values, streamed: each value's proposed label is written beside
 * it, support is counted per label, and the final facet index (label order; fragments -1) replaces
 * the cluster index. Facet centroids are summed per cluster, not per value (the values are not
 * held): a cluster counts toward the facet its own label ends in, so the residual's direction
 * misses the few values that left a named cluster; it is blended with the leaf's centroid anyway.
 */
async function gateBigLeaf(store: Store, l: number, leafLabel: string, names: string[], sums: Float64Array[], d: number, settings: FacetSettings): Promise<{ labels: string[]; sums: Float64Array[] }> {
  const gate = new FacetGate(settings.wordnet ?? null, leafLabel, undefined, settings.hidden);
  const candidates = [...new Set([...names, leafLabel])];
  await store.run('CREATE OR REPLACE TEMP TABLE facet_value_proposed (value VARCHAR, cand INTEGER, grp INTEGER)');
  const proposed = await store.appender('facet_value_proposed');
  for await (const rows of store.stream<{ value: string; grp: number; mentions: number }>(
    'SELECT g.value, g.grp, v.mentions FROM facet_value_groups g JOIN facet_leaf_values v ON v.leaf = g.leaf AND v.value = g.value WHERE g.leaf = $1', [l])) {
    for (const r of rows) {
      const label = gate.propose(names[Number(r.grp)]!, r.value, Number(r.mentions));
      appendRow(proposed, [r.value, label === null ? -1 : candidates.indexOf(label), Number(r.grp)]);
    }
  }
  proposed.closeSync();
  const finals = candidates.map((c) => gate.final(c));
  const labels = [...new Set(finals)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const facetSums = labels.map(() => new Float64Array(d));
  names.forEach((name, c) => sums[c]!.forEach((x, t) => (facetSums[labels.indexOf(gate.final(name))]![t]! += x)));
  await store.run('CREATE OR REPLACE TEMP TABLE facet_cand_map (cand INTEGER, grp INTEGER)');
  const map = await store.appender('facet_cand_map');
  finals.forEach((label, cand) => appendRow(map, [cand, labels.indexOf(label)]));
  appendRow(map, [-1, -1]);
  map.closeSync();
  await store.run(
    `UPDATE facet_value_groups g SET grp = m.grp FROM facet_value_proposed p JOIN facet_cand_map m ON m.cand = p.cand
     WHERE g.leaf = $1 AND g.value = p.value`, [l]);
  await store.run('DROP TABLE IF EXISTS facet_value_proposed');
  await store.run('DROP TABLE IF EXISTS facet_cand_map');
  return { labels, sums: facetSums };
}

/** An unsplit big leaf: its fragments and screened values join no facet (group -1, which has no facet id). */
async function dropUnshown(store: Store, l: number, hidden: ReadonlySet<string> = new Set()): Promise<void> {
  const fragments: string[] = [];
  for await (const rows of store.stream<{ value: string }>('SELECT value FROM facet_value_groups WHERE leaf = $1', [l])) {
    for (const r of rows) if (isFragmentValue(r.value) || hidden.has(r.value)) fragments.push(r.value);
  }
  if (fragments.length === 0) return;
  await store.run('CREATE OR REPLACE TEMP TABLE facet_fragments (value VARCHAR)');
  const app = await store.appender('facet_fragments');
  for (const v of fragments) appendRow(app, [v]);
  app.closeSync();
  await store.run('UPDATE facet_value_groups g SET grp = -1 FROM facet_fragments f WHERE g.leaf = $1 AND g.value = f.value', [l]);
  await store.run('DROP TABLE IF EXISTS facet_fragments');
}

function pack(rows: Float32Array[], d: number): Matrix {
  const data = new Float32Array(rows.length * d);
  rows.forEach((r, i) => data.set(r, i * d));
  return { data, n: rows.length, d };
}

function addTo(sum: Float64Array, m: Matrix, i: number): void {
  for (let t = 0; t < m.d; t++) sum[t]! += m.data[i * m.d + t]!;
}

/** The unit mean of some rows, summed in Float32 in index order (as facets always were). */
function meanVector(values: Matrix, members: readonly number[]): Float32Array {
  const mean = new Float32Array(values.d);
  for (const i of members) for (let t = 0; t < values.d; t++) mean[t]! += values.data[i * values.d + t]!;
  return normalise(mean);
}

/**
 * A split facet sits between its leaf and its own values: the unit leaf centroid plus the unit
 * mean of its values. Siblings stay close (they share the leaf half) without becoming duplicates.
 */
function blend(leafCentroid: Float32Array, mean: Float32Array): Float32Array {
  const leaf = normalise(Float32Array.from(leafCentroid));
  return normalise(leaf.map((x, t) => x + mean[t]!));
}
