import type { Store } from '../store/store.js';
import type { PreviousNode } from './stable-ids.js';

export interface PreviousVersion {
  versionId: number;
  embedderId: string;
  nodes: (PreviousNode & { parentId: string | null; label: string; isLeaf: boolean; centroid: Float32Array })[];
}

/** The current version's nodes with their member phrases (via the closure), for id carry-over and refresh. */
export async function loadCurrentVersion(store: Store): Promise<PreviousVersion | undefined> {
  const version = await store.one<{ version_id: number; embedder_id: string }>('SELECT version_id, embedder_id FROM taxonomy_versions WHERE is_current');
  if (!version) return undefined;
  const rows = await store.all<{ node_id: string; parent_id: string | null; root: string; depth: number; label: string; is_leaf: boolean; centroid: number[]; phrase_ids: string[] }>(
    `SELECT n.node_id, n.parent_id, n.root, n.depth, n.label, n.is_leaf, n.centroid,
            coalesce(list(nm.phrase_id ORDER BY nm.phrase_id) FILTER (WHERE nm.phrase_id IS NOT NULL), []) AS phrase_ids
     FROM taxonomy_nodes n
     LEFT JOIN node_closure c ON c.version_id = n.version_id AND c.ancestor_id = n.node_id
     LEFT JOIN node_members nm ON nm.version_id = n.version_id AND nm.node_id = c.leaf_id
     WHERE n.version_id = $1 GROUP BY ALL ORDER BY n.node_id`,
    [version.version_id],
  );
  return {
    versionId: version.version_id,
    embedderId: version.embedder_id,
    nodes: rows.map((r) => ({
      id: r.node_id, parentId: r.parent_id, root: r.root, depth: r.depth, label: r.label, isLeaf: r.is_leaf,
      centroid: Float32Array.from(r.centroid), phraseIds: new Set(r.phrase_ids),
    })),
  };
}
