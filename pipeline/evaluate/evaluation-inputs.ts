import type { Embedder } from '../core/types.js';
import { checkConsistency, type Lexicon } from '../persona/consistency.js';
import type { Persona } from '../persona/types.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';

/** Store reads the persona metrics need, shared by ours and the baselines (same taxonomy version). */

export interface ProvenanceIndex {
  nodes: Set<string>;
  leafIds: string[];
  /** facetKey(facet, value) of every persona corpus value some mention under its facet states. */
  evidenced: Set<string>;
  /** The evidenced values some real human (a non-synthetic source) stated; the rest rest only on LLM-written corpora. */
  human: Set<string>;
}

const facetKey = (facetId: string, value: string) => `${facetId}\u0000${value}`;

/**
 * Which of these personas' corpus values have evidence, asked of DuckDB for just those values: a
 * mention under the attribute's facet states the value, or starts with it (values may be cut at a
 * phrase boundary). The prefix test runs only for values with no exact match. Memory follows the
 * personas, not the vocabulary (a set of every facet's values grew with the corpus).
 */
export async function provenanceIndex(store: Store, versionId: number, personaSets: readonly (readonly Persona[])[]): Promise<ProvenanceIndex> {
  const nodes = await store.all<{ node_id: string; is_leaf: boolean }>('SELECT node_id, is_leaf FROM taxonomy_nodes WHERE version_id = $1 ORDER BY node_id', [versionId]);
  await store.run('CREATE OR REPLACE TEMP TABLE provenance_wanted (facet_id VARCHAR, value VARCHAR)');
  const wanted = await store.appender('provenance_wanted');
  const seen = new Set<string>();
  for (const personas of personaSets) {
    for (const p of personas) {
      for (const a of p.attributes) {
        if (a.origin !== 'corpus' || !a.facetId || seen.has(facetKey(a.facetId, a.value))) continue;
        seen.add(facetKey(a.facetId, a.value));
        appendRow(wanted, [a.facetId, a.value]);
      }
    }
  }
  wanted.closeSync();
  const rows = await store.all<{ facet_id: string; value: string; human: boolean }>(
    `WITH said AS (
       SELECT facet_id, lower(trim(value)) AS v, bool_or(NOT is_synthetic) AS human FROM facet_evidence
       WHERE version_id = $1 AND facet_id IN (SELECT facet_id FROM provenance_wanted) GROUP BY ALL
     ), exact AS (
       SELECT w.facet_id, w.value, s.human FROM provenance_wanted w JOIN said s ON s.facet_id = w.facet_id AND s.v = w.value
     ), prefixed AS (
       SELECT w.facet_id, w.value, bool_or(s.human) AS human FROM (SELECT * FROM provenance_wanted ANTI JOIN exact USING (facet_id, value)) w
       JOIN said s ON s.facet_id = w.facet_id AND starts_with(s.v, w.value) GROUP BY ALL
     )
     SELECT * FROM exact UNION ALL SELECT * FROM prefixed`,
    [versionId],
  );
  await store.run('DROP TABLE provenance_wanted');
  return {
    nodes: new Set(nodes.map((n) => n.node_id)),
    leafIds: nodes.filter((n) => n.is_leaf).map((n) => n.node_id),
    evidenced: new Set(rows.map((r) => facetKey(r.facet_id, r.value))),
    human: new Set(rows.filter((r) => r.human).map((r) => facetKey(r.facet_id, r.value))),
  };
}

/** A corpus value has evidence when a mention under its facet states it (values may be cut at a phrase boundary). */
export function provenanceOf(index: ProvenanceIndex) {
  return (p: Persona, i: number) => {
    const a = p.attributes[i]!;
    return { hasNodeId: index.nodes.has(a.nodeId), hasEvidence: a.origin === 'corpus' && !!a.facetId && index.evidenced.has(facetKey(a.facetId, a.value)) };
  };
}

/** Where a value came from: an anchor, an LLM, or corpus text a human wrote (any evidence from a non-synthetic source) or only LLM-written corpora. */
export function sourceOf(index: ProvenanceIndex) {
  return (p: Persona, i: number): 'anchor' | 'llm' | 'human' | 'llm-corpus' | undefined => {
    const a = p.attributes[i]!;
    if (a.origin !== 'corpus') return a.origin;
    if (!a.facetId || !index.evidenced.has(facetKey(a.facetId, a.value))) return undefined;
    return index.human.has(facetKey(a.facetId, a.value)) ? 'human' : 'llm-corpus';
  };
}

export const violationsOf = (personas: readonly Persona[], lexicon: Lexicon): number[] => personas.map((p) => checkConsistency(p, lexicon).length);

/** Summaries embedded in one call (the wink embedder is local; an OpenAI one goes through the cache). */
export async function summaryVectors(embedder: Embedder, personas: readonly Persona[]): Promise<Float32Array[]> {
  return personas.length ? embedder.embed(personas.map((p) => p.summary || '(empty)')) : [];
}
