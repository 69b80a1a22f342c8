import type { Matrix } from '../cluster/types.js';
import type { Store } from '../store/store.js';
import type { PhraseInput } from './types.js';

/**
 * Phrases with their vectors (from this embedder) and their evidence as dense conversation and
 * source ints, in phrase-id order so the build sees the same input order on every run.
 */
export async function loadBuildInputs(store: Store, embedderId: string): Promise<{ phrases: PhraseInput[]; vectors: Matrix }> {
  const hasVectors = await store.scalar<number>("SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'embeddings'");
  if (!hasVectors) return { phrases: [], vectors: { data: new Float32Array(0), n: 0, d: 0 } };
  const rows = await store.all<{ phrase_id: string; phrase: string; root_hint: string | null; mentions: number; vector: number[] }>(
    `SELECT p.phrase_id, p.phrase, p.root_hint, p.mentions, e.vector::FLOAT[] AS vector
     FROM phrases p JOIN embeddings e ON e.phrase_id = p.phrase_id AND e.embedder_id = $1 ORDER BY p.phrase_id`,
    [embedderId],
  );
  const evidence = await store.all<{ phrase_id: string; conversations: number[]; sources: number[] }>(
    `WITH c AS (SELECT conversation_id, source_id, (dense_rank() OVER (ORDER BY conversation_id))::INTEGER AS ci,
                       (dense_rank() OVER (ORDER BY source_id))::INTEGER AS si FROM conversations)
     SELECT mp.phrase_id, list(DISTINCT c.ci ORDER BY c.ci) AS conversations, list(DISTINCT c.si ORDER BY c.si) AS sources
     FROM mention_phrases mp JOIN mentions m USING (mention_id) JOIN c ON c.conversation_id = m.conversation_id
     GROUP BY mp.phrase_id`,
  );
  const byPhrase = new Map(evidence.map((e) => [e.phrase_id, e]));
  const d = rows[0]?.vector.length ?? 0;
  const data = new Float32Array(rows.length * d);
  const phrases = rows.map((r, i) => {
    data.set(r.vector, i * d);
    const e = byPhrase.get(r.phrase_id);
    return {
      id: r.phrase_id,
      text: r.phrase,
      rootHint: r.root_hint ?? undefined,
      mentions: r.mentions,
      conversations: Int32Array.from(e?.conversations ?? []),
      sources: Int32Array.from(e?.sources ?? []),
    } satisfies PhraseInput;
  });
  return { phrases, vectors: { data, n: rows.length, d } };
}
