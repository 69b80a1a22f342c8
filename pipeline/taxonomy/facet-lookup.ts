import type { Store } from '../store/store.js';

/**
 * Read helpers for value facets (the level below a leaf, see value-facets.ts) as the CLI shows
 * them: a version's facets, a facet by id or path, and a facet's evidence from facet_evidence.
 */

export type FacetRow = {
  facet_id: string;
  node_id: string;
  label: string;
  path: string;
  is_split: boolean;
  support_mentions: number;
  support_conversations: number;
};

/** Every facet of a version; each leaf's facets together, largest first. */
export async function versionFacets(store: Store, versionId: number): Promise<FacetRow[]> {
  const rows = await store.all<FacetRow>(
    `SELECT facet_id, node_id, label, path, is_split, support_mentions, support_conversations
     FROM value_facets WHERE version_id = $1 ORDER BY node_id, support_mentions DESC, label, facet_id`,
    [versionId],
  );
  return rows.map((r) => ({ ...r, is_split: Boolean(r.is_split), support_mentions: Number(r.support_mentions), support_conversations: Number(r.support_conversations) }));
}

/** Split facets by leaf id (a leaf that is not split has none here: its one facet is itself). */
export function splitFacetsByLeaf(facets: readonly FacetRow[]): Map<string, FacetRow[]> {
  const out = new Map<string, FacetRow[]>();
  for (const f of facets) if (f.is_split) out.set(f.node_id, [...(out.get(f.node_id) ?? []), f]);
  return out;
}

/**
 * A facet by id (any facet), or by its full path, exact or case-insensitive (split facets only: an
 * unsplit facet's path is its leaf's, which names the leaf). Undefined when none matches.
 */
export function facetByIdOrPath(facets: readonly FacetRow[], query: string): FacetRow | undefined {
  const byId = facets.find((f) => f.facet_id === query);
  if (byId) return byId;
  const split = facets.filter((f) => f.is_split);
  const exact = split.find((f) => f.path === query);
  if (exact) return exact;
  const q = query.split('.').map((s) => s.trim().toLowerCase()).join('.');
  const caseless = split.filter((f) => f.path.toLowerCase() === q);
  return caseless.length === 1 ? caseless[0] : undefined;
}

export type EvidenceRow = { locator: string; external_id: string; attribute: string; value: string; polarity: string; quote: string };

/** A facet's mentions (total) and its first `limit` quotes in file order, as stored (unscrubbed). */
export const facetEvidence = (store: Store, versionId: number, facetId: string, limit: number) => quotesOf(store, 'facet_evidence', 'facet_id', versionId, facetId, limit);

/** A node's or a facet's mention count and first `limit` quotes in file order (node_evidence / facet_evidence). */
export async function quotesOf(
  store: Store, view: 'node_evidence' | 'facet_evidence', key: 'node_id' | 'facet_id', versionId: number, id: string, limit: number,
): Promise<{ total: number; rows: EvidenceRow[] }> {
  const total = Number(await store.scalar(`SELECT count(*) FROM ${view} WHERE version_id = $1 AND ${key} = $2`, [versionId, id]));
  const rows = await store.all<EvidenceRow>(
    `SELECT source_path, line, locator, external_id, conversation_id, turn_index, mention_id, attribute, value, polarity, quote
     FROM ${view} WHERE version_id = $1 AND ${key} = $2
     ORDER BY source_path, line, turn_index, span_start, mention_id LIMIT $3`,
    [versionId, id, limit],
  );
  return { total, rows };
}
