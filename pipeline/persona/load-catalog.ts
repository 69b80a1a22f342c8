import type { Store } from '../store/store.js';
import { buildCatalog, type Catalog, type Leaf, type LeafValue, type LeafValueType, type Polarity } from './leaf-catalog.js';

/**
 * The selection catalog of one taxonomy version, read from the store: its leaves with their mined
 * vocabularies (node_values) and the pairs of leaves mentioned in the same conversation. Rows are
 * read in a fixed order, so the same version always gives the same leaf indices.
 */

const VALUE_TYPES: readonly LeafValueType[] = ['numeric', 'categorical', 'free_text'];
const POLARITIES: readonly Polarity[] = ['positive', 'negative', 'neutral'];

type LeafRow = {
  node_id: string;
  path: string;
  root: string;
  label: string;
  centroid: number[];
  support_conversations: number;
  value_type: string | null;
};

export async function loadCatalog(store: Store, versionId: number): Promise<Catalog> {
  const rows = await store.all<LeafRow>(
    `SELECT node_id, path, root, label, centroid, support_conversations, value_type
     FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf ORDER BY path, node_id`,
    [versionId],
  );
  const values = await store.all<{ node_id: string; value: string; polarity: string; count: number }>(
    `SELECT v.node_id, v.value, v.polarity, v.count::INTEGER AS count
     FROM node_values v JOIN taxonomy_nodes n ON n.version_id = v.version_id AND n.node_id = v.node_id AND n.is_leaf
     WHERE v.version_id = $1 ORDER BY v.node_id, v.count DESC, v.value, v.polarity`,
    [versionId],
  );
  const byNode = new Map<string, LeafValue[]>();
  for (const v of values) {
    const polarity = POLARITIES.includes(v.polarity as Polarity) ? (v.polarity as Polarity) : 'neutral';
    const list = byNode.get(v.node_id);
    const entry = { value: v.value, polarity, count: Number(v.count) };
    if (list) list.push(entry);
    else byNode.set(v.node_id, [entry]);
  }
  const leaves: Leaf[] = rows.map((r) => ({
    nodeId: r.node_id,
    path: r.path,
    root: r.root,
    label: r.label,
    centroid: Float32Array.from(r.centroid),
    support: Number(r.support_conversations),
    valueType: VALUE_TYPES.includes(r.value_type as LeafValueType) ? (r.value_type as LeafValueType) : 'free_text',
    values: byNode.get(r.node_id) ?? [],
  }));
  // Conversations in which both leaves have a mention: one pass over the version's evidence,
  // each (leaf, conversation) counted once whichever ancestor row it came through.
  const pairs = await store.all<{ a: string; b: string; count: number }>(
    `WITH lc AS (SELECT DISTINCT leaf_id, conversation_id FROM node_evidence WHERE version_id = $1)
     SELECT x.leaf_id AS a, y.leaf_id AS b, COUNT(*)::INTEGER AS count
     FROM lc x JOIN lc y ON x.conversation_id = y.conversation_id AND x.leaf_id < y.leaf_id
     GROUP BY x.leaf_id, y.leaf_id ORDER BY a, b`,
    [versionId],
  );
  return buildCatalog(leaves, pairs.map((p) => ({ a: p.a, b: p.b, count: Number(p.count) })));
}
