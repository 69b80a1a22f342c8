import { scrubPii } from '../privacy/pii-scrubber.js';
import type { Store } from '../store/store.js';
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

type NodeRow = {
  node_id: string;
  parent_id: string | null;
  label: string;
  path: string;
  depth: number;
  root: string;
  is_leaf: boolean;
  value_type: string | null;
  support_mentions: number;
  support_conversations: number;
  support_sources: number;
};

/** Every node of a version with its top values and a few evidence quotes. */
export async function loadTaxonomy(store: Store, versionId: number, limits: TaxonomyLimits): Promise<ReportTaxonomy> {
  const version = await store.one<{ created_at: string; mode: string; embedder_id: string }>(
    'SELECT created_at::VARCHAR AS created_at, mode, embedder_id FROM taxonomy_versions WHERE version_id = $1',
    [versionId],
  );
  const rows = await store.all<NodeRow>(
    `SELECT node_id, parent_id, label, path, depth, root, is_leaf, value_type,
            support_mentions, support_conversations, support_sources
     FROM taxonomy_nodes WHERE version_id = $1 ORDER BY path, node_id`,
    [versionId],
  );
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
async function loadValues(store: Store, versionId: number, limit: number): Promise<{ top: Map<string, ValueCount[]>; distinct: Map<string, number> }> {
  const rows = await store.all<{ node_id: string; value: string; polarity: string; count: bigint; distinct_values: bigint }>(
    `WITH summed AS (
       SELECT c.ancestor_id AS node_id, v.value, v.polarity, sum(v.count) AS count
       FROM node_closure c JOIN node_values v ON v.version_id = c.version_id AND v.node_id = c.leaf_id
       WHERE c.version_id = $1
       GROUP BY ALL
     )
     SELECT node_id, value, polarity, count, count(*) OVER (PARTITION BY node_id) AS distinct_values
     FROM summed
     QUALIFY row_number() OVER (PARTITION BY node_id ORDER BY count DESC, value, polarity) <= $2
     ORDER BY node_id, count DESC, value, polarity`,
    [versionId, limit],
  );
  const top = new Map<string, ValueCount[]>();
  const distinct = new Map<string, number>();
  for (const r of rows) {
    const list = top.get(r.node_id) ?? [];
    list.push({ value: scrub(r.value), polarity: r.polarity, count: Number(r.count) });
    top.set(r.node_id, list);
    distinct.set(r.node_id, Number(r.distinct_values));
  }
  return { top, distinct };
}

/**
 * Up to `limit` quotes per node: the first mention of each distinct value first (in file order),
 * so a node's quotes show its range rather than one value repeated.
 */
async function loadNodeEvidence(store: Store, versionId: number, limit: number): Promise<Map<string, Evidence[]>> {
  const rows = await store.all<EvidenceRow & { node_id: string }>(
    `WITH ranked AS (
       SELECT e.node_id, ${EVIDENCE_COLUMNS}, e.source_path, e.line, e.turn_index, e.span_start, e.mention_id,
              row_number() OVER (PARTITION BY e.node_id, lower(trim(e.value)) ORDER BY ${EVIDENCE_ORDER}) AS nth_of_value
       FROM node_evidence e WHERE e.version_id = $1
     )
     SELECT e.node_id, ${EVIDENCE_COLUMNS}
     FROM ranked e
     QUALIFY row_number() OVER (PARTITION BY e.node_id ORDER BY e.nth_of_value, ${EVIDENCE_ORDER}) <= $2
     ORDER BY e.node_id, e.nth_of_value, ${EVIDENCE_ORDER}`,
    [versionId, limit],
  );
  const out = new Map<string, Evidence[]>();
  for (const r of rows) {
    const list = out.get(r.node_id) ?? [];
    list.push(toEvidence(r));
    out.set(r.node_id, list);
  }
  return out;
}
