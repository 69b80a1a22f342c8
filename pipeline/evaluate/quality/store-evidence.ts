import type { Store } from '../../store/store.js';
import type { MentionRow } from './mined-cardinality.js';
import type { SourceKind } from './persona-set.js';
import { corpusKindKey, type CorpusKinds } from './persona-jsonl.js';

/**
 * What the quality metrics can learn from a store: the source kind behind each corpus value, and
 * the mentions per taxonomy leaf and speaker for mined cardinality. A value rests on human text
 * when any mention behind it comes from a source not marked synthetic (Puffin's human prompts),
 * otherwise on an LLM-written corpus (PrefEval); the flag is the store's `sources.is_synthetic`,
 * so no corpus is named here. Reads the current taxonomy version.
 */

const CURRENT = `(SELECT max(version_id) FROM taxonomy_versions WHERE is_current)`;

export async function loadCorpusKinds(store: Store): Promise<CorpusKinds> {
  const rows = await store.all<{ facet_id: string; node_id: string; value: string; human: boolean }>(
    `SELECT facet_id, node_id, value, bool_or(NOT is_synthetic) AS human FROM facet_evidence WHERE version_id = ${CURRENT} GROUP BY ALL`,
  );
  const kinds = new Map<string, SourceKind>();
  const put = (key: string, kind: SourceKind) => {
    if (kinds.get(key) !== 'human') kinds.set(key, kind);
  };
  for (const r of rows) {
    const kind: SourceKind = r.human ? 'human' : 'llm-corpus';
    put(corpusKindKey(r.facet_id, r.value), kind);
    put(corpusKindKey(r.node_id, r.value), kind);
  }
  return kinds;
}

/**
 * One row per mention of a leaf (the leaf's node id, the conversation as speaker, the value), for
 * the speakers who mention that leaf at least twice: a single mention says nothing about
 * cardinality (mineCardinality skips it), and reading every mention held the whole corpus in
 * memory (at 8 M mentions the evaluate stage peaked at 5.4 GB).
 */
export async function loadLeafMentions(store: Store): Promise<MentionRow[]> {
  // DISTINCT: a mention reached through two member phrases of one leaf is still one mention.
  return store.all<{ node: string; speaker: string; value: string }>(
    `SELECT node, speaker, value FROM (SELECT DISTINCT leaf_id AS node, conversation_id AS speaker, mention_id, value FROM node_evidence
     WHERE version_id = ${CURRENT} AND node_id = leaf_id) QUALIFY count(*) OVER (PARTITION BY node, speaker) >= 2 ORDER BY node, speaker, mention_id`,
  );
}
