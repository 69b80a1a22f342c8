import type { Store } from '../store/store.js';
import { buildCatalog, type Catalog, type Leaf, type LeafValue, type LeafValueType, type Polarity } from './leaf-catalog.js';
import { loadPersonEvidence, type PersonEvidence } from './load-person-evidence.js';

/**
 * The selection catalog of one taxonomy version, read from the store: its value facets (each leaf,
 * or each facet of a split leaf) with their mined vocabularies and the pairs of facets mentioned in
 * the same conversation. Rows are read in a fixed order, so the same version always gives the same
 * indices. The value type is the leaf's (a facet of a free-text leaf is still free text).
 */

/**
 * Bounds that keep the catalog's memory independent of the corpus (it is loaded by sample and
 * evaluate, and copied to each persona worker): a facet's MAX_VALUES most mentioned values (the
 * bundled data's largest facet has 64; personas draw ∝ count, so the cut tail is values said once
 * or twice) and the MAX_PAIRS most frequent co-occurring facet pairs (the bundled data has 7,187).
 * 200,000 one-turn conversations of made-up values held 635,000 values and 720,000 pairs, 300 MB of
 * heap, before these cuts. Ties go by value, then facet ids, so the cuts are deterministic.
 */
export const MAX_VALUES = 100;
export const MAX_PAIRS = 200_000;

const VALUE_TYPES: readonly LeafValueType[] = ['numeric', 'categorical', 'free_text'];
const POLARITIES: readonly Polarity[] = ['positive', 'negative', 'neutral'];

type FacetRow = {
  facet_id: string;
  node_id: string;
  node_path: string;
  path: string;
  root: string;
  label: string;
  centroid: number[];
  support_conversations: number;
  value_type: string | null;
};

/** The rows a catalog is built from (plain data: worker threads rebuild the catalog from them). */
export interface CatalogRows {
  leaves: Leaf[];
  pairs: { a: string; b: string; count: number }[];
  /** Speaker-level evidence (cardinality, real value frequencies, bundles); absent in hand-built catalogs. */
  evidence?: PersonEvidence;
}

export async function loadCatalog(store: Store, versionId: number): Promise<Catalog> {
  const rows = await loadCatalogRows(store, versionId);
  return buildCatalog(rows.leaves, rows.pairs);
}

export async function loadCatalogRows(store: Store, versionId: number, limits = { values: MAX_VALUES, pairs: MAX_PAIRS }): Promise<CatalogRows> {
  const rows = await store.all<FacetRow>(
    `SELECT f.facet_id, f.node_id, n.path AS node_path, f.path, f.root, f.label, f.centroid, f.support_conversations, n.value_type
     FROM value_facets f JOIN taxonomy_nodes n ON n.version_id = f.version_id AND n.node_id = f.node_id
     WHERE f.version_id = $1 ORDER BY f.path, f.facet_id`,
    [versionId],
  );
  const byFacet = new Map<string, LeafValue[]>();
  // Streamed, and at most MAX_VALUES per facet (the most mentioned): the rows never sit in JS at once.
  for await (const values of store.stream<{ facet_id: string; value: string; polarity: string; count: number }>(
    `SELECT fm.facet_id, lower(trim(m.value)) AS value, m.polarity, count(*)::INTEGER AS count
     FROM facet_members fm JOIN mentions m USING (mention_id)
     WHERE fm.version_id = $1 GROUP BY fm.facet_id, lower(trim(m.value)), m.polarity
     QUALIFY row_number() OVER (PARTITION BY fm.facet_id ORDER BY count(*) DESC, lower(trim(m.value)), m.polarity) <= $2
     ORDER BY fm.facet_id, count DESC, value, m.polarity`,
    [versionId, limits.values],
  )) {
    for (const v of values) {
      const polarity = POLARITIES.includes(v.polarity as Polarity) ? (v.polarity as Polarity) : 'neutral';
      const list = byFacet.get(v.facet_id);
      const entry = { value: v.value, polarity, count: Number(v.count) };
      if (list) list.push(entry);
      else byFacet.set(v.facet_id, [entry]);
    }
  }
  const leaves: Leaf[] = rows.map((r) => ({
    nodeId: r.node_id,
    facetId: r.facet_id,
    nodePath: r.node_path,
    path: r.path,
    root: r.root,
    label: r.label,
    centroid: Float32Array.from(r.centroid),
    support: Number(r.support_conversations),
    valueType: VALUE_TYPES.includes(r.value_type as LeafValueType) ? (r.value_type as LeafValueType) : 'free_text',
    values: byFacet.get(r.facet_id) ?? [],
  }));
  // Conversations in which both facets have a mention, each (facet, conversation) counted once;
  // the MAX_PAIRS most frequent pairs (count, then ids), listed by ids.
  const pairs = await store.all<{ a: string; b: string; count: number }>(
    `WITH fc AS (SELECT DISTINCT fm.facet_id, m.conversation_id FROM facet_members fm JOIN mentions m USING (mention_id) WHERE fm.version_id = $1),
     top AS (
       SELECT x.facet_id AS a, y.facet_id AS b, COUNT(*)::INTEGER AS count
       FROM fc x JOIN fc y ON x.conversation_id = y.conversation_id AND x.facet_id < y.facet_id
       GROUP BY x.facet_id, y.facet_id ORDER BY count DESC, a, b LIMIT $2
     )
     SELECT * FROM top ORDER BY a, b`,
    [versionId, limits.pairs],
  );
  const evidence = await loadPersonEvidence(store, versionId);
  return { leaves, pairs: pairs.map((p) => ({ a: p.a, b: p.b, count: Number(p.count) })), evidence };
}
