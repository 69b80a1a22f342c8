import type { HierarchicalClusterer, Matrix } from '../cluster/types.js';
import { stableId } from '../core/hash.js';
import type { Embedder } from '../core/types.js';
import type { Store } from '../store/store.js';
import { flatten, pathOf, type BuiltTaxonomy } from './build.js';
import type { PhraseInput } from './types.js';
import { facetValues, type FacetSettings } from './value-facets.js';
import { normalise } from './vectors.js';

/**
 * Value facets for every leaf of a built taxonomy (see value-facets.ts): reads the mentions under
 * each leaf, embeds their distinct values once, splits each leaf and returns rows for
 * write-version.ts. A leaf that is not split still gets one facet (itself), so personas always
 * draw facets and every facet lists exactly the mentions it stands on.
 */

export interface FacetRow {
  facetId: string;
  nodeId: string;
  label: string;
  path: string;
  root: string;
  isSplit: boolean;
  supportMentions: number;
  supportConversations: number;
  centroid: Float32Array;
  mentionIds: string[];
}

type MentionRow = { phrase_id: string; mention_id: string; conversation_id: string; value: string };

interface LeafValues {
  values: Map<string, { mentionIds: string[]; conversations: string[] }>;
}

export async function buildFacets(
  store: Store,
  built: BuiltTaxonomy,
  phrases: readonly PhraseInput[],
  embedder: Embedder,
  clusterer: HierarchicalClusterer,
  settings: Omit<FacetSettings, 'similarity'>,
): Promise<FacetRow[]> {
  const leaves = flatten(built.roots).filter((n) => n.children.length === 0 && n.depth > 1);
  const leafOfPhrase = new Map<string, number>();
  leaves.forEach((leaf, l) => leaf.phrases.forEach((i) => leafOfPhrase.set(phrases[i]!.id, l)));
  const rows = await store.all<MentionRow>(
    `SELECT mp.phrase_id, m.mention_id, m.conversation_id, lower(trim(m.value)) AS value
     FROM mention_phrases mp JOIN mentions m USING (mention_id) ORDER BY m.mention_id`,
  );
  const perLeaf: LeafValues[] = leaves.map(() => ({ values: new Map() }));
  for (const r of rows) {
    const l = leafOfPhrase.get(r.phrase_id);
    if (l === undefined) continue; // a phrase pruned away with no leaf
    const byValue = perLeaf[l]!.values;
    const entry = byValue.get(r.value) ?? { mentionIds: [], conversations: [] };
    entry.mentionIds.push(r.mention_id);
    entry.conversations.push(r.conversation_id);
    byValue.set(r.value, entry);
  }
  // One embedding call for every distinct value of every leaf, in a fixed order.
  const texts = [...new Set(perLeaf.flatMap((p) => [...p.values.keys()]))].sort();
  const index = new Map(texts.map((t, i) => [t, i]));
  const vectors = texts.length ? await embedder.embed(texts) : [];

  const out: FacetRow[] = [];
  leaves.forEach((leaf, l) => {
    const entries = [...perLeaf[l]!.values.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const leafPath = pathOf(leaf);
    const matrix = pack(entries.map(([text]) => vectors[index.get(text)!]!), embedder.dimensions);
    const groups = facetValues(
      entries.map(([text, e]) => ({ text, mentions: e.mentionIds.length })),
      matrix,
      leaf.label,
      clusterer,
      { ...settings, similarity: embedder.thresholds.assign },
    );
    const isSplit = groups.length > 1;
    for (const group of groups) {
      const members = group.members.map((i) => entries[i]![1]);
      out.push({
        facetId: stableId('facet', leaf.id, group.label),
        nodeId: leaf.id,
        label: group.label,
        path: isSplit ? `${leafPath}.${group.label}` : leafPath,
        root: leaf.root,
        isSplit,
        supportMentions: members.reduce((n, m) => n + m.mentionIds.length, 0),
        supportConversations: new Set(members.flatMap((m) => m.conversations)).size,
        centroid: isSplit ? blend(leaf.centroid, matrix, group.members) : leaf.centroid,
        mentionIds: members.flatMap((m) => m.mentionIds).sort(),
      });
    }
  });
  return out;
}

function pack(rows: Float32Array[], d: number): Matrix {
  const data = new Float32Array(rows.length * d);
  rows.forEach((r, i) => data.set(r, i * d));
  return { data, n: rows.length, d };
}

/**
 * A split facet sits between its leaf and its own values: the unit leaf centroid plus the unit
 * mean of its values. Siblings stay close (they share the leaf half) without becoming duplicates.
 */
function blend(leafCentroid: Float32Array, values: Matrix, members: readonly number[]): Float32Array {
  const mean = new Float32Array(values.d);
  for (const i of members) for (let t = 0; t < values.d; t++) mean[t]! += values.data[i * values.d + t]!;
  normalise(mean);
  const leaf = normalise(Float32Array.from(leafCentroid));
  return normalise(leaf.map((x, t) => x + mean[t]!));
}
