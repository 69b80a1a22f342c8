import type { Store } from '../store/store.js';
import { topEvidence, topValues } from './load-taxonomy.js';
import type { ReportFacet } from './types.js';

export interface FacetLimits {
  /** Top values embedded per facet. */
  valuesPerFacet: number;
  /** Evidence quotes embedded per facet. */
  evidencePerFacet: number;
}


type FacetRow = { facet_id: string; node_id: string; label: string; path: string; is_split: boolean; support_mentions: number; support_conversations: number };

/** Every value facet of a version with its top values (facet_members ⨝ mentions) and a few quotes (facet_evidence). */
export async function loadFacets(store: Store, versionId: number, limits: FacetLimits): Promise<ReportFacet[]> {
  const rows = await store.all<FacetRow>(
    `SELECT facet_id, node_id, label, path, is_split, support_mentions, support_conversations
     FROM value_facets WHERE version_id = $1 ORDER BY path, facet_id`,
    [versionId],
  );
  const values = await loadFacetValues(store, versionId, limits.valuesPerFacet);
  const evidence = await loadFacetEvidence(store, versionId, limits.evidencePerFacet);
  return rows.map((r) => ({
    id: r.facet_id,
    nodeId: r.node_id,
    label: r.label,
    path: r.path,
    isSplit: Boolean(r.is_split),
    support: { mentions: Number(r.support_mentions), conversations: Number(r.support_conversations) },
    values: values.top.get(r.facet_id) ?? [],
    distinctValues: values.distinct.get(r.facet_id) ?? 0,
    evidence: evidence.get(r.facet_id) ?? [],
  }));
}

/** Values per facet, normalised as node_values is (lower-cased, trimmed), by count. */
/** Values per facet: its own mentions' values (normalised like node_values). */
const loadFacetValues = (store: Store, versionId: number, limit: number) =>
  topValues(store, `SELECT fm.facet_id AS k, lower(trim(m.value)) AS value, m.polarity, count(*) AS count
     FROM facet_members fm JOIN mentions m ON m.mention_id = fm.mention_id
     WHERE fm.version_id = $1 GROUP BY ALL`, versionId, limit);

const loadFacetEvidence = (store: Store, versionId: number, limit: number) => topEvidence(store, 'facet_evidence', 'facet_id', versionId, limit);
