import type { Store } from '../store/store.js';
import { addUnit, emptyEvidence, type NodeEvidence } from './cardinality.js';

/**
 * What persona generation reads about real speakers, beyond each facet's vocabulary: per-node
 * cardinality evidence, how many speakers state each value (its real frequency, for the
 * popularity cap) and bundles of what one speaker stated together (to seed personas with). A
 * speaker unit is a conversation, except in Puffin, whose turns have no speaker boundary: each
 * turn is its own unit. Everything is streamed in a fixed order, so the result is deterministic.
 */

/** Bundles kept: at most this many speakers' statement sets (each of two or more facets). */
export const MAX_BUNDLES = 20_000;

export interface BundleItem {
  facetId: string;
  value: string;
  polarity: string;
}

export interface PersonEvidence {
  nodes: NodeEvidence[];
  /** Speaker units with any mention (the denominator of a value's real frequency). */
  totalUnits: number;
  /** facet id → value → speaker units stating it (any polarity). */
  valueUnits: Map<string, Map<string, number>>;
  bundles: BundleItem[][];
}

const UNIT_SQL = `
  SELECT fm.facet_id, f.node_id, CASE WHEN s.adapter = 'puffin' THEN m.turn_id ELSE m.conversation_id END AS unit,
         lower(trim(m.value)) AS value, m.polarity
  FROM facet_members fm JOIN value_facets f ON f.version_id = fm.version_id AND f.facet_id = fm.facet_id
  JOIN mentions m USING (mention_id) JOIN conversations c ON c.conversation_id = m.conversation_id JOIN sources s ON s.source_id = c.source_id
  WHERE fm.version_id = $1`;

export async function loadPersonEvidence(store: Store, versionId: number, maxBundles = MAX_BUNDLES): Promise<PersonEvidence> {
  const nodes = new Map<string, NodeEvidence>();
  // Per (node, unit): its stated values; dislikes are not states, so they never make a node multi-valued.
  let current: { node: string; unit: string; values: string[]; mentions: number } | undefined;
  const flush = () => {
    if (!current || current.values.length === 0) return;
    let e = nodes.get(current.node);
    if (!e) nodes.set(current.node, (e = emptyEvidence(current.node)));
    addUnit(e, current.values, current.mentions);
  };
  for await (const rows of store.stream<{ node_id: string; unit: string; value: string; polarity: string }>(
    `WITH u AS (${UNIT_SQL}) SELECT node_id, unit, value, polarity FROM u ORDER BY node_id, unit, value, polarity`,
    [versionId],
  )) {
    for (const r of rows) {
      if (!current || current.node !== r.node_id || current.unit !== r.unit) {
        flush();
        current = { node: r.node_id, unit: r.unit, values: [], mentions: 0 };
      }
      if (r.polarity === 'negative') continue;
      current.values.push(r.value);
      current.mentions++;
    }
  }
  flush();

  const valueUnits = new Map<string, Map<string, number>>();
  for (const r of await store.all<{ facet_id: string; value: string; n: number }>(
    `WITH u AS (${UNIT_SQL}) SELECT facet_id, value, count(DISTINCT unit)::INTEGER AS n FROM u GROUP BY facet_id, value ORDER BY facet_id, value`,
    [versionId],
  )) {
    let m = valueUnits.get(r.facet_id);
    if (!m) valueUnits.set(r.facet_id, (m = new Map()));
    m.set(r.value, Number(r.n));
  }
  const totalUnits = Number((await store.scalar<number>(`WITH u AS (${UNIT_SQL}) SELECT count(DISTINCT unit)::INTEGER FROM u`, [versionId])) ?? 0);

  // Speakers who stated two or more facets, spread over the corpus by a hash of the unit id.
  const bundles: BundleItem[][] = [];
  let open: { unit: string; items: BundleItem[] } | undefined;
  for await (const rows of store.stream<{ unit: string; facet_id: string; value: string; polarity: string }>(
    `WITH u AS (${UNIT_SQL}),
     keep AS (SELECT unit FROM u GROUP BY unit HAVING count(DISTINCT facet_id) >= 2 ORDER BY md5(unit), unit LIMIT $2)
     SELECT DISTINCT u.unit, md5(u.unit) AS h, u.facet_id, u.value, u.polarity FROM u JOIN keep USING (unit) ORDER BY h, u.unit, u.facet_id, u.value, u.polarity`,
    [versionId, maxBundles],
  )) {
    for (const r of rows) {
      if (!open || open.unit !== r.unit) {
        if (open) bundles.push(open.items);
        open = { unit: r.unit, items: [] };
      }
      open.items.push({ facetId: r.facet_id, value: r.value, polarity: r.polarity });
    }
  }
  if (open) bundles.push(open.items);
  return { nodes: [...nodes.values()], totalUnits, valueUnits, bundles };
}
