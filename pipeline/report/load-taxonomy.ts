import { scrubPii } from '../privacy/pii-scrubber.js';
import type { Store } from '../store/store.js';
import { versionNodes } from '../taxonomy/export.js';
import type { Evidence, ReportNode, ReportTaxonomy, ValueCount } from './types.js';

export interface TaxonomyLimits {
  /** Top values embedded per node. */
  valuesPerNode: number;
  /** Evidence quotes embedded per node. */
  evidencePerNode: number;
}

const scrub = (s: string): string => scrubPii(s).text;

/** The evidence columns every report query selects from node_evidence (explicit: the view may grow). */
export const EVIDENCE_COLUMNS = 'e.quote, e.locator, e.external_id, e.attribute, e.value, e.polarity';
/** Deterministic evidence order, as `taxonomy evidence` prints it. */
export const EVIDENCE_ORDER = 'e.source_path, e.line, e.turn_index, e.span_start, e.mention_id';

export type EvidenceRow = { quote: string; locator: string; external_id: string; attribute: string; value: string; polarity: string };

export const toEvidence = (r: EvidenceRow): Evidence => ({
  quote: scrub(r.quote),
  locator: r.locator,
  conversation: r.external_id,
  attribute: r.attribute,
  value: scrub(r.value),
  polarity: r.polarity,
});

/** The current version's id, or null before the first cluster stage. */
export async function currentVersion(store: Store): Promise<number | null> {
  const id = await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current');
  return id === undefined || id === null ? null : Number(id);
}


/** Every node of a version with its top values and a few evidence quotes (facets: load-facets.ts). */
export async function loadTaxonomy(store: Store, versionId: number, limits: TaxonomyLimits): Promise<Omit<ReportTaxonomy, 'facets'>> {
  const version = await store.one<{ created_at: string; mode: string; embedder_id: string }>(
    'SELECT created_at::VARCHAR AS created_at, mode, embedder_id FROM taxonomy_versions WHERE version_id = $1',
    [versionId],
  );
  const rows = await versionNodes(store, versionId);
  const values = await loadValues(store, versionId, limits.valuesPerNode);
  const evidence = await loadNodeEvidence(store, versionId, limits.evidencePerNode);
  const nodes: ReportNode[] = rows.map((r) => ({
    id: r.node_id,
    parentId: r.parent_id,
    label: r.label,
    path: r.path,
    depth: Number(r.depth),
    root: r.root,
    isLeaf: Boolean(r.is_leaf),
    valueType: r.value_type,
    support: { mentions: Number(r.support_mentions), conversations: Number(r.support_conversations), sources: Number(r.support_sources) },
    values: values.top.get(r.node_id) ?? [],
    distinctValues: values.distinct.get(r.node_id) ?? 0,
    evidence: evidence.get(r.node_id) ?? [],
  }));
  return { version: versionId, createdAt: version?.created_at ?? '', mode: version?.mode ?? '', embedderId: version?.embedder_id ?? '', nodes };
}

/**
 * Values per node: node_values holds the leaves' vocabularies; an inner node sums its leaves'
 * (node_closure maps every node, leaves included, to the leaves under it).
 */
/** Values per node: each leaf's vocabulary summed over the leaves under it. */
const loadValues = (store: Store, versionId: number, limit: number) =>
  topValues(store, `SELECT c.ancestor_id AS k, v.value, v.polarity, sum(v.count) AS count
     FROM node_closure c JOIN node_values v ON v.version_id = c.version_id AND v.node_id = c.leaf_id
     WHERE c.version_id = $1 GROUP BY ALL`, versionId, limit);

/**
 * The `limit` most frequent values per key of `counted` (a query of k, value, polarity, count over
 * version $1), with each key's number of distinct values.
 */
export async function topValues(store: Store, counted: string, versionId: number, limit: number): Promise<{ top: Map<string, ValueCount[]>; distinct: Map<string, number> }> {
  const rows = await store.all<{ k: string; value: string; polarity: string; count: bigint; distinct_values: bigint }>(
    `WITH counted AS (${counted})
     SELECT k, value, polarity, count, count(*) OVER (PARTITION BY k) AS distinct_values
     FROM counted
     QUALIFY row_number() OVER (PARTITION BY k ORDER BY count DESC, value, polarity) <= $2
     ORDER BY k, count DESC, value, polarity`,
    [versionId, limit],
  );
  const top = new Map<string, ValueCount[]>();
  const distinct = new Map<string, number>();
  for (const r of rows) {
    const list = top.get(r.k) ?? [];
    list.push({ value: scrub(r.value), polarity: r.polarity, count: Number(r.count) });
    top.set(r.k, list);
    distinct.set(r.k, Number(r.distinct_values));
  }
  return { top, distinct };
}

const loadNodeEvidence = (store: Store, versionId: number, limit: number) => topEvidence(store, 'node_evidence', 'node_id', versionId, limit);

/**
 * Up to `limit` quotes per node (or facet): the first mention of each distinct value first (in
 * file order), so the quotes show its range rather than one value repeated.
 */
export async function topEvidence(store: Store, view: 'node_evidence' | 'facet_evidence', key: 'node_id' | 'facet_id', versionId: number, limit: number): Promise<Map<string, Evidence[]>> {
  const rows = await store.all<EvidenceRow & { k: string }>(
    `WITH ranked AS (
       SELECT e.${key} AS k, ${EVIDENCE_COLUMNS}, e.source_path, e.line, e.turn_index, e.span_start, e.mention_id,
              row_number() OVER (PARTITION BY e.${key}, lower(trim(e.value)) ORDER BY ${EVIDENCE_ORDER}) AS nth_of_value
       FROM ${view} e WHERE e.version_id = $1
     )
     SELECT e.k, ${EVIDENCE_COLUMNS}
     FROM ranked e
     QUALIFY row_number() OVER (PARTITION BY e.k ORDER BY e.nth_of_value, ${EVIDENCE_ORDER}) <= $2
     ORDER BY e.k, e.nth_of_value, ${EVIDENCE_ORDER}`,
    [versionId, limit],
  );
  const out = new Map<string, Evidence[]>();
  for (const r of rows) {
    const list = out.get(r.k) ?? [];
    list.push(toEvidence(r));
    out.set(r.k, list);
  }
  return out;
}
