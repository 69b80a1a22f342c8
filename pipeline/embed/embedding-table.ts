import { ARRAY, FLOAT, arrayValue } from '@duckdb/node-api';
import type { Embedder } from '../core/types.js';
import type { Reporter } from '../runner/reporter.js';
import type { Store } from '../store/store.js';

/**
 * Vectors live in `embeddings` as FLOAT[d], one row per (phrase, embedder). The column's size is
 * the embedder's, so the table is made on first use and remade when an embedder of another size
 * takes over (the old vectors could not be compared with the new ones anyway).
 */
export async function ensureEmbeddingTable(store: Store, dimensions: number): Promise<void> {
  const type = await store.scalar<string>(
    "SELECT data_type FROM duckdb_columns() WHERE table_name = 'embeddings' AND column_name = 'vector'",
  );
  if (type === `FLOAT[${dimensions}]`) return;
  await store.run('DROP TABLE IF EXISTS embeddings');
  await store.run(`CREATE TABLE embeddings (phrase_id VARCHAR NOT NULL, embedder_id VARCHAR NOT NULL, vector FLOAT[${dimensions}] NOT NULL, PRIMARY KEY (phrase_id, embedder_id))`);
}

/** Embeds the phrases that have no vector from this embedder yet, a committed batch at a time. */
export async function embedMissing(store: Store, embedder: Embedder, batchSize: number, reporter: Reporter): Promise<number> {
  const exists = await store.scalar<number>("SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'embeddings'");
  const missing = await store.all<{ phrase_id: string; phrase: string }>(
    exists
      ? 'SELECT phrase_id, phrase FROM phrases p WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.phrase_id = p.phrase_id AND e.embedder_id = $1) ORDER BY phrase_id'
      : 'SELECT phrase_id, phrase FROM phrases ORDER BY phrase_id',
    exists ? [embedder.id] : [],
  );
  const progress = reporter.progress('embed', missing.length);
  for (let at = 0; at < missing.length; at += batchSize) {
    const batch = missing.slice(at, at + batchSize);
    const vectors = await embedder.embed(batch.map((p) => p.phrase));
    const d = vectors[0]!.length;
    await ensureEmbeddingTable(store, d);
    await store.transaction(async () => {
      const appender = await store.appender('embeddings');
      const type = ARRAY(FLOAT, d);
      batch.forEach((p, i) => {
        appender.appendVarchar(p.phrase_id);
        appender.appendVarchar(embedder.id);
        appender.appendArray(arrayValue(Array.from(vectors[i]!)), type);
        appender.endRow();
      });
      appender.closeSync();
    });
    progress.update(at + batch.length);
  }
  progress.stop();
  return missing.length;
}
