import { scrubPii } from '../privacy/pii-scrubber.js';
import type { Store } from '../store/store.js';
import { EVIDENCE_COLUMNS, toEvidence, type EvidenceRow } from './load-taxonomy.js';
import type { AttributeFacet, AttributeNode, CardAnchors, CardAttribute, Evidence, PersonaCard, PersonaStats, ReportPersonas } from './types.js';

const scrub = (s: string): string => scrubPii(s).text;

/** The personas of one taxonomy version and run seed, in a subquery the other queries reuse ($1, $2). */
const SET = "SELECT persona_id FROM personas WHERE taxonomy_version = $1 AND run_seed = $2 AND variant = ''";

/**
 * Which persona set the report shows: the current taxonomy version's if it has personas (else the
 * newest version that has), with the preferred seed (the newest run's) if it has personas there.
 */
async function pickSet(store: Store, current: number | null, preferredSeed: number | null): Promise<{ version: number; seed: number } | null> {
  const sets = await store.all<{ taxonomy_version: number; run_seed: number }>(
    "SELECT DISTINCT taxonomy_version, run_seed FROM personas WHERE variant = '' ORDER BY taxonomy_version DESC, run_seed",
  );
  if (sets.length === 0) return null;
  const version = sets.some((s) => s.taxonomy_version === current) ? current! : sets[0]!.taxonomy_version;
  const seeds = sets.filter((s) => s.taxonomy_version === version).map((s) => s.run_seed);
  const seed = preferredSeed !== null && seeds.includes(preferredSeed) ? preferredSeed : seeds[0]!;
  return { version: Number(version), seed: Number(seed) };
}

export async function loadPersonas(store: Store, opts: { currentVersion: number | null; preferredSeed: number | null; limit: number }): Promise<ReportPersonas> {
  const set = await pickSet(store, opts.currentVersion, opts.preferredSeed);
  const empty: PersonaStats = { attributesPerPersona: {}, roots: {}, origins: {}, ages: {}, sexes: {}, countries: {} };
  if (set === null) return { taxonomyVersion: null, seed: null, total: 0, limit: opts.limit, stats: empty, cards: [], nodes: {}, facets: {}, evidence: [] };
  const params = [set.version, set.seed];
  const total = Number(await store.scalar(`SELECT count(*) FROM (${SET})`, params));
  const stats = await loadStats(store, params);
  const { cards, nodes, facets, evidence } = await loadCards(store, params, opts.limit);
  return { taxonomyVersion: set.version, seed: set.seed, total, limit: opts.limit, stats, cards, nodes, facets, evidence };
}

const countMap = (rows: { k: unknown; n: bigint | number }[]): Record<string, number> =>
  Object.fromEntries(rows.filter((r) => r.k !== null && r.k !== undefined).map((r) => [String(r.k), Number(r.n)]));

async function loadStats(store: Store, params: number[]): Promise<PersonaStats> {
  const attrs = `FROM persona_attributes a WHERE a.persona_id IN (${SET})`;
  const anchors = "FROM personas WHERE taxonomy_version = $1 AND run_seed = $2 AND variant = ''";
  const [perPersona, roots, origins, ages, sexes, countries] = await Promise.all([
    store.all<{ k: number; n: bigint }>(
      `SELECT n AS k, count(*) AS n FROM (
         SELECT p.persona_id, count(a.persona_id) AS n FROM personas p LEFT JOIN persona_attributes a ON a.persona_id = p.persona_id
         WHERE p.taxonomy_version = $1 AND p.run_seed = $2 AND p.variant = '' GROUP BY p.persona_id
       ) GROUP BY n ORDER BY n`,
      params,
    ),
    store.all<{ k: string; n: bigint }>(`SELECT a.root AS k, count(*) AS n ${attrs} GROUP BY a.root ORDER BY n DESC, k`, params),
    store.all<{ k: string; n: bigint }>(`SELECT a.origin AS k, count(*) AS n ${attrs} GROUP BY a.origin ORDER BY n DESC, k`, params),
    store.all<{ k: number; n: bigint }>(`SELECT TRY_CAST(anchors->>'$.age' AS INTEGER) AS k, count(*) AS n ${anchors} GROUP BY k ORDER BY k`, params),
    store.all<{ k: string; n: bigint }>(`SELECT anchors->>'$.sex' AS k, count(*) AS n ${anchors} GROUP BY k ORDER BY k`, params),
    store.all<{ iso2: string; name: string; n: bigint }>(
      `SELECT anchors->>'$.country.iso2' AS iso2, any_value(anchors->>'$.country.name') AS name, count(*) AS n ${anchors} GROUP BY iso2 ORDER BY n DESC, iso2`,
      params,
    ),
  ]);
  return {
    attributesPerPersona: countMap(perPersona),
    roots: countMap(roots),
    origins: countMap(origins),
    ages: countMap(ages),
    sexes: countMap(sexes),
    countries: Object.fromEntries(countries.filter((c) => c.iso2 !== null).map((c) => [c.iso2, { name: c.name ?? c.iso2, count: Number(c.n) }])),
  };
}

type PersonaRow = { persona_id: string; persona_index: number; anchors: string; summary: string };
type AttributeRow = {
  persona_id: string; node_id: string; facet_id: string | null; node_path: string; node_label: string; root: string;
  facet_path: string | null; facet_label: string | null; facet_split: boolean | null; value: string; polarity: string; origin: string; stratum: string;
};

/**
 * One quote per (facet, node, value) of the shown corpus attributes: from the attribute's facet a
 * mention with that exact value, then one the (possibly cut) value starts; else the same from its
 * node; else any mention of the facet, then of the node; ties go to the first in evidence order.
 *
 * Bounded by design: mentions are first aggregated to each wanted facet's and node's distinct
 * values (with the first mention of each, an aggregate DuckDB can spill), and only those are
 * matched with the wanted values; the prefix match is tried only for a wanted value with no exact
 * match at that level (a value cut at a phrase boundary). Joining every wanted value to every
 * mention of its node and window-sorting them all grew as values × mentions (20 GB on 20,000
 * one-turn conversations).
 */
const quotesSql = (shown: string) => `WITH wanted AS (
    SELECT DISTINCT a.node_id, a.facet_id, a.value AS attr_value, lower(trim(a.value)) AS v
    FROM persona_attributes a WHERE a.persona_id IN (${shown}) AND a.origin = 'corpus'
  ), facet_firsts AS (
    SELECT e.facet_id AS k, lower(trim(e.value)) AS v, min(${ORDER_KEY}) AS earliest
    FROM facet_evidence e WHERE e.version_id = $1 AND e.facet_id IN (SELECT facet_id FROM wanted) GROUP BY ALL
  ), node_firsts AS (
    SELECT e.node_id AS k, lower(trim(e.value)) AS v, min(${ORDER_KEY}) AS earliest
    FROM node_evidence e WHERE e.version_id = $1 AND e.node_id IN (SELECT node_id FROM wanted) GROUP BY ALL
  ), facet_exact AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 0 AS rank, x.earliest FROM wanted w JOIN facet_firsts x ON x.k = w.facet_id AND x.v = w.v
  ), facet_prefix AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 1 AS rank, min(x.earliest) AS earliest
    FROM (SELECT * FROM wanted w ANTI JOIN facet_exact f ON ${SAME_WANTED}) w
    JOIN facet_firsts x ON x.k = w.facet_id AND length(x.v) > length(w.v) AND starts_with(x.v, w.v) GROUP BY ALL
  ), node_exact AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 2 AS rank, x.earliest FROM wanted w JOIN node_firsts x ON x.k = w.node_id AND x.v = w.v
  ), node_prefix AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 3 AS rank, min(x.earliest) AS earliest
    FROM (SELECT * FROM wanted w ANTI JOIN node_exact f ON ${SAME_WANTED}) w
    JOIN node_firsts x ON x.k = w.node_id AND length(x.v) > length(w.v) AND starts_with(x.v, w.v) GROUP BY ALL
  ), facet_any AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 4 AS rank, x.earliest
    FROM wanted w JOIN (SELECT k, min(earliest) AS earliest FROM facet_firsts GROUP BY k) x ON x.k = w.facet_id
  ), node_any AS (
    SELECT w.node_id, w.facet_id, w.attr_value, 5 AS rank, x.earliest
    FROM wanted w JOIN (SELECT k, min(earliest) AS earliest FROM node_firsts GROUP BY k) x ON x.k = w.node_id
  ), best AS (
    SELECT node_id, facet_id, attr_value, arg_min(earliest.mention_id, {'rank': rank, 'earliest': earliest}) AS mention_id
    FROM (SELECT * FROM facet_exact UNION ALL SELECT * FROM facet_prefix UNION ALL SELECT * FROM node_exact
          UNION ALL SELECT * FROM node_prefix UNION ALL SELECT * FROM facet_any UNION ALL SELECT * FROM node_any)
    GROUP BY ALL
  )
  SELECT b.node_id, b.facet_id, b.attr_value, ${EVIDENCE_COLUMNS}
  FROM best b JOIN (SELECT DISTINCT ON (mention_id) ${EVIDENCE_COLUMNS}, e.mention_id FROM node_evidence e
                    WHERE e.version_id = $1 AND e.mention_id IN (SELECT mention_id FROM best)) e ON e.mention_id = b.mention_id
  ORDER BY b.node_id, b.facet_id, b.attr_value`;

const SAME_WANTED = 'f.node_id = w.node_id AND f.facet_id IS NOT DISTINCT FROM w.facet_id AND f.attr_value = w.attr_value';
/** EVIDENCE_ORDER as one comparable struct (all its columns are NOT NULL), so the first mention is an aggregate. */
const ORDER_KEY = "{'source_path': e.source_path, 'line': e.line, 'turn_index': e.turn_index, 'span_start': e.span_start, 'mention_id': e.mention_id}";

const quoteKey = (nodeId: string, facetId: string | null, value: string) => `${nodeId}\u0000${facetId ?? ''}\u0000${value}`;

type Cards = { cards: PersonaCard[]; nodes: Record<string, AttributeNode>; facets: Record<string, AttributeFacet>; evidence: Evidence[] };

async function loadCards(store: Store, params: number[], limit: number): Promise<Cards> {
  const shown = "SELECT persona_id FROM personas WHERE taxonomy_version = $1 AND run_seed = $2 AND variant = '' AND persona_index < $3";
  const personas = await store.all<PersonaRow>(
    `SELECT persona_id, persona_index, anchors::VARCHAR AS anchors, summary FROM personas
     WHERE taxonomy_version = $1 AND run_seed = $2 AND variant = '' AND persona_index < $3 ORDER BY persona_index`,
    [...params, limit],
  );
  // Explicit columns: persona_attributes may gain more. a.path is the facet's path; the node's own
  // comes from taxonomy_nodes (falling back to a.path for a node the version lacks).
  const attributes = await store.all<AttributeRow>(
    `SELECT a.persona_id, a.node_id, a.facet_id, coalesce(n.path, a.path) AS node_path, coalesce(n.label, split_part(a.path, '.', -1)) AS node_label,
            a.root, f.path AS facet_path, f.label AS facet_label, f.is_split AS facet_split, a.value, a.polarity, a.origin, a.stratum
     FROM persona_attributes a
     LEFT JOIN taxonomy_nodes n ON n.version_id = $1 AND n.node_id = a.node_id
     LEFT JOIN value_facets f ON f.version_id = $1 AND f.facet_id = a.facet_id
     WHERE a.persona_id IN (${shown}) ORDER BY a.persona_id, a.position, a.rowid`,
    [...params, limit],
  );
  const quotes = await store.all<EvidenceRow & { node_id: string; facet_id: string | null; attr_value: string }>(quotesSql(shown), [...params, limit]);
  const evidence: Evidence[] = [];
  const quoteIndex = new Map<string, number>();
  for (const q of quotes) {
    quoteIndex.set(quoteKey(q.node_id, q.facet_id, q.attr_value), evidence.length);
    evidence.push(toEvidence(q));
  }
  const byPersona = new Map<string, CardAttribute[]>();
  const nodes: Record<string, AttributeNode> = {};
  const facets: Record<string, AttributeFacet> = {};
  for (const a of attributes) {
    const list = byPersona.get(a.persona_id) ?? [];
    nodes[a.node_id] ??= { path: a.node_path, root: a.root, label: a.node_label };
    // A facet id the version does not know (or none, on rows from before facets) is left out.
    const facetId = a.facet_id !== null && a.facet_path !== null ? a.facet_id : null;
    if (facetId !== null) facets[facetId] ??= { path: a.facet_path!, label: a.facet_label!, isSplit: Boolean(a.facet_split) };
    list.push({
      nodeId: a.node_id,
      facetId,
      value: scrub(a.value),
      polarity: a.polarity,
      origin: a.origin,
      stratum: a.stratum,
      evidence: a.origin === 'corpus' ? quoteIndex.get(quoteKey(a.node_id, a.facet_id, a.value)) ?? null : null,
    });
    byPersona.set(a.persona_id, list);
  }
  const cards = personas.map((p) => ({
    id: p.persona_id,
    index: Number(p.persona_index),
    anchors: cardAnchors(p.anchors),
    summary: scrub(p.summary),
    attributes: byPersona.get(p.persona_id) ?? [],
  }));
  return { cards, nodes, facets, evidence };
}

/** The anchors JSON, flattened and tolerant of missing fields (occupation is null outside working ages). */
export function cardAnchors(json: string): CardAnchors {
  let a: Record<string, unknown> = {};
  try {
    a = JSON.parse(json) as Record<string, unknown>;
  } catch {
    // A malformed row shows as empty anchors rather than failing the whole report.
  }
  const obj = (x: unknown): Record<string, unknown> => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>) : {});
  const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  const country = obj(a.country);
  const city = obj(a.city);
  return {
    country: str(country.name),
    countryCode: str(country.iso2),
    age: typeof a.age === 'number' ? a.age : null,
    sex: str(a.sex),
    city: str(city.name),
    region: str(city.region),
    occupation: str(obj(a.occupation).title),
  };
}
