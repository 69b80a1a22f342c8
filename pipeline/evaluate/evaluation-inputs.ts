import type { Embedder } from '../core/types.js';
import { checkConsistency, type Lexicon } from '../persona/consistency.js';
import type { Persona } from '../persona/types.js';
import type { Store } from '../store/store.js';

/** Store reads the persona metrics need, shared by ours and the baselines (same taxonomy version). */

export interface ProvenanceIndex {
  nodes: Set<string>;
  leafIds: string[];
  /** Facet → the distinct (lower-cased, trimmed) values its mentions state. */
  facetValues: Map<string, string[]>;
}

export async function provenanceIndex(store: Store, versionId: number): Promise<ProvenanceIndex> {
  const nodes = await store.all<{ node_id: string; is_leaf: boolean }>('SELECT node_id, is_leaf FROM taxonomy_nodes WHERE version_id = $1 ORDER BY node_id', [versionId]);
  const values = await store.all<{ facet_id: string; value: string }>(
    'SELECT DISTINCT facet_id, lower(trim(value)) AS value FROM facet_evidence WHERE version_id = $1 ORDER BY facet_id, value',
    [versionId],
  );
  const facetValues = new Map<string, string[]>();
  for (const v of values) facetValues.set(v.facet_id, [...(facetValues.get(v.facet_id) ?? []), v.value]);
  return { nodes: new Set(nodes.map((n) => n.node_id)), leafIds: nodes.filter((n) => n.is_leaf).map((n) => n.node_id), facetValues };
}

/** A corpus value has evidence when a mention under its facet states it (values may be cut at a phrase boundary). */
export function provenanceOf(index: ProvenanceIndex) {
  return (p: Persona, i: number) => {
    const a = p.attributes[i]!;
    const said = a.facetId ? index.facetValues.get(a.facetId) : undefined;
    return { hasNodeId: index.nodes.has(a.nodeId), hasEvidence: a.origin === 'corpus' && !!said?.some((v) => v.startsWith(a.value)) };
  };
}

export const violationsOf = (personas: readonly Persona[], lexicon: Lexicon): number[] => personas.map((p) => checkConsistency(p, lexicon).length);

/** Summaries embedded in one call (the wink embedder is local; an OpenAI one goes through the cache). */
export async function summaryVectors(embedder: Embedder, personas: readonly Persona[]): Promise<Float32Array[]> {
  return personas.length ? embedder.embed(personas.map((p) => p.summary || '(empty)')) : [];
}
