import type { Store } from '../store/store.js';
import type { Anchors, LifeStoryCore, Persona, PersonaAttribute } from './types.js';

/**
 * Personas read back from the store (what `personas show` and `personas export` print), a page of
 * indices at a time so exporting 100,000 personas never holds them all.
 */

export interface PersonaQuery {
  seed: number;
  taxonomyVersion: number;
  /** '' (default) for the configured run's personas. */
  variant?: string;
  /** Only indices below this (the sample stage's own n, leaving out any `personas generate` added beyond). */
  below?: number;
}

/** persona_index is an INTEGER: no index reaches this. */
export const MAX_INDEX = 2 ** 31 - 1;

type PersonaRow = { persona_id: string; run_seed: number; persona_index: number; anchors: string; summary: string; core: string | null };
type AttributeRow = {
  persona_id: string; node_id: string; facet_id: string | null; path: string; root: string; value: string;
  polarity: PersonaAttribute['polarity']; origin: PersonaAttribute['origin']; stratum: PersonaAttribute['stratum']; llm_call_id: string | null;
  label: string | null; value_type: PersonaAttribute['valueType'] | null;
};

const ATTRIBUTES_SQL = `
  SELECT a.persona_id, a.node_id, a.facet_id, a.path, a.root, a.value, a.polarity, a.origin, a.stratum, a.llm_call_id,
         coalesce(f.label, n.label) AS label, n.value_type
  FROM persona_attributes a JOIN personas p USING (persona_id)
  LEFT JOIN taxonomy_nodes n ON n.version_id = p.taxonomy_version AND n.node_id = a.node_id
  LEFT JOIN value_facets f ON f.version_id = p.taxonomy_version AND f.facet_id = a.facet_id`;

/** Personas with index in [from, to), in index order, attributes in their stored order. */
export async function loadPersonaPage(store: Store, q: PersonaQuery, from: number, to: number): Promise<Persona[]> {
  const where = 'p.run_seed = $1 AND p.taxonomy_version = $2 AND p.variant = $3 AND p.persona_index >= $4 AND p.persona_index < $5';
  const params = [q.seed, q.taxonomyVersion, q.variant ?? '', from, to];
  const rows = await store.all<PersonaRow>(`SELECT p.persona_id, p.run_seed, p.persona_index, p.anchors::VARCHAR AS anchors, p.summary, p.core::VARCHAR AS core FROM personas p WHERE ${where} ORDER BY p.persona_index`, params);
  const attributes = await store.all<AttributeRow>(`${ATTRIBUTES_SQL} WHERE ${where} ORDER BY p.persona_index, a.position`, params);
  return assemble(rows, attributes);
}

/**
 * One persona by id, or by "seed:index": the newest taxonomy version's, and of the configured set
 * rather than an `--anchor` set, which reuses the same seed:index (other sets are shown by id).
 */
export async function loadPersona(store: Store, id: string): Promise<Persona | undefined> {
  const rows = await store.all<PersonaRow>(
    `SELECT persona_id, run_seed, persona_index, anchors::VARCHAR AS anchors, summary, core::VARCHAR AS core FROM personas
     WHERE persona_id = $1 OR persona_seed = $1 ORDER BY persona_id = $1 DESC, taxonomy_version DESC, variant = '' DESC, variant LIMIT 1`,
    [id],
  );
  if (rows.length === 0) return undefined;
  const attributes = await store.all<AttributeRow>(`${ATTRIBUTES_SQL} WHERE a.persona_id = $1 ORDER BY a.position`, [rows[0]!.persona_id]);
  return assemble(rows, attributes)[0];
}

/** Indices stored for a seed and version: [min, max + 1), and how many. */
export async function personaRange(store: Store, q: PersonaQuery): Promise<{ from: number; to: number; count: number }> {
  const [r] = await store.all<{ lo: number | null; hi: number | null; n: number }>(
    'SELECT min(persona_index) AS lo, max(persona_index) AS hi, count(*)::INTEGER AS n FROM personas WHERE run_seed = $1 AND taxonomy_version = $2 AND variant = $3 AND persona_index < $4',
    [q.seed, q.taxonomyVersion, q.variant ?? '', q.below ?? MAX_INDEX],
  );
  return r?.lo === null || r?.lo === undefined ? { from: 0, to: 0, count: 0 } : { from: Number(r.lo), to: Number(r.hi) + 1, count: Number(r.n) };
}

function assemble(rows: PersonaRow[], attributes: AttributeRow[]): Persona[] {
  const byPersona = new Map<string, PersonaAttribute[]>();
  for (const a of attributes) {
    const list = byPersona.get(a.persona_id) ?? [];
    list.push({
      nodeId: a.node_id, facetId: a.facet_id, path: a.path, root: a.root, label: a.label ?? a.path.split('.').at(-1)!, value: a.value,
      polarity: a.polarity, origin: a.origin, stratum: a.stratum, valueType: a.value_type ?? 'free_text', llmCallId: a.llm_call_id,
    });
    byPersona.set(a.persona_id, list);
  }
  return rows.map((r) => ({
    personaId: r.persona_id,
    seed: Number(r.run_seed),
    index: Number(r.persona_index),
    anchors: JSON.parse(r.anchors) as Anchors,
    attributes: byPersona.get(r.persona_id) ?? [],
    summary: r.summary,
    ...(r.core ? { core: JSON.parse(r.core) as LifeStoryCore } : {}),
  }));
}
