import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { flatten, pathOf, type BuiltTaxonomy } from './build.js';
import type { BuiltFacets } from './build-facets.js';
import { leafValueTypes, writeLeafValues } from './leaf-values.js';
import { leavesOf, supportOf } from './support.js';
import type { PhraseInput } from './types.js';

export interface VersionMeta {
  runId: string;
  mode: string;
  embedderId: string;
  settings: unknown;
  parentVersion: number | null;
}

/**
 * Writes a whole taxonomy version and makes it current in one transaction: a crash leaves the
 * previous version untouched and still current.
 */
export async function writeVersion(store: Store, built: BuiltTaxonomy, phrases: readonly PhraseInput[], meta: VersionMeta, facets: BuiltFacets = { rows: [], insertMembers: async () => {} }): Promise<number> {
  return store.transaction(async () => {
    const versionId = Number(await store.scalar<number>('SELECT (coalesce(max(version_id), 0) + 1)::INTEGER FROM taxonomy_versions'));
    const nodes = flatten(built.roots);
    const stats = { nodes: nodes.length, leaves: nodes.filter((n) => n.children.length === 0).length, roots: built.roots.length, phrases: phrases.length, merges: built.log.length, facets: facets.rows.length };
    await store.run('INSERT INTO taxonomy_versions VALUES ($1, $2, $3, now(), false, $4, $5, $6::JSON, $7::JSON)', [
      versionId, meta.parentVersion, meta.runId, meta.mode, meta.embedderId, JSON.stringify(meta.settings), JSON.stringify(stats),
    ]);
    const out = {
      nodes: await store.appender('taxonomy_nodes'),
      members: await store.appender('node_members'),
      closure: await store.appender('node_closure'),
      log: await store.appender('merge_log'),
      facets: await store.appender('value_facets'),
    };
    for (const node of nodes) {
      const s = supportOf(node, phrases);
      const isLeaf = node.children.length === 0;
      appendRow(out.nodes, [versionId, node.id, node.parent?.id ?? null, node.label, pathOf(node), node.depth, node.root, isLeaf, null, s.mentions, s.conversations, s.sources, node.centroid]);
      for (const leaf of leavesOf(node)) appendRow(out.closure, [versionId, node.id, leaf.id]);
      if (isLeaf) for (const i of node.phrases) appendRow(out.members, [versionId, node.id, phrases[i]!.id]);
    }
    for (const m of built.log) appendRow(out.log, [versionId, m.node, m.into, m.level, m.reason, m.similarity]);
    for (const f of facets.rows) {
      appendRow(out.facets, [versionId, f.facetId, f.nodeId, f.label, f.path, f.root, f.isSplit, f.supportMentions, f.supportConversations, f.centroid]);
    }
    for (const a of Object.values(out)) a.closeSync();
    await facets.insertMembers(versionId);
    await writeLeafValues(store, versionId);
    await store.run('CREATE OR REPLACE TEMP TABLE leaf_types (node_id VARCHAR, value_type VARCHAR)');
    const types = await store.appender('leaf_types');
    for (const [nodeId, type] of await leafValueTypes(store, versionId)) appendRow(types, [nodeId, type]);
    types.closeSync();
    await store.run('UPDATE taxonomy_nodes n SET value_type = t.value_type FROM leaf_types t WHERE n.version_id = $1 AND n.node_id = t.node_id', [versionId]);
    await store.run('UPDATE taxonomy_versions SET is_current = (version_id = $1)', [versionId]);
    return versionId;
  });
}
