import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEmbedder } from '../../pipeline/embed/resolve-embedder.js';
import { Store } from '../../pipeline/store/store.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import { facetValues } from '../../pipeline/taxonomy/value-facets.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A leaf with more distinct values than `taxonomy.facets.maxClustered` is split by streaming the
 * values past the cap from DuckDB (build-facets.ts bigLeaf); the split must be the one facetValues
 * computes with every value in memory, and facet_members / supports must match the values.
 */
const LIKED = ['jazz', 'rock music', 'mystery novels', 'crime novels', 'fantasy novels', 'podcasts', 'true crime podcasts', 'hiking', 'cycling', 'swimming', 'chess', 'board games', 'video games', 'sushi', 'pizza', 'tacos', 'gardening', 'painting', 'poetry', 'opera'];

function writeCorpus(dir: string): string {
  const lines = Array.from({ length: 80 }, (_, i) => JSON.stringify({
    id: `c${i}`,
    messages: [{ role: 'user', content: `I love ${LIKED[i % LIKED.length]}. I enjoy ${LIKED[(i * 7 + 3) % LIKED.length]}. I hate ${LIKED[(i * 3 + 11) % LIKED.length]}.` }],
  }));
  const file = join(dir, 'likes.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const MAX_CLUSTERED = 4;
let store: Store;
let version: number;

beforeAll(async () => {
  store = await Store.open(join(tempDir(), 'facets.duckdb')); // one store for the file (tempStore closes after each test)
  const config = testConfig({ ingest: { paths: [writeCorpus(tempDir())] }, taxonomy: { facets: { maxClustered: MAX_CLUSTERED } } });
  await runStages(store, config, { until: 'cluster' });
  version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
});

afterAll(() => store.close());

type LeafValue = { node_id: string; label: string; value: string; mentions: number };

describe('value facets of a leaf past the linkage cap', () => {
  it('are the facets facetValues computes with every value in memory', async () => {
    const rows = await store.all<LeafValue>(
      `SELECT n.node_id, n.label, lower(trim(m.value)) AS value, count(*)::INTEGER AS mentions
       FROM taxonomy_nodes n JOIN node_members nm ON nm.version_id = n.version_id AND nm.node_id = n.node_id
       JOIN mention_phrases mp USING (phrase_id) JOIN mentions m USING (mention_id)
       WHERE n.version_id = $1 AND n.is_leaf GROUP BY ALL`,
      [version],
    );
    const leaves = new Map<string, LeafValue[]>();
    for (const r of rows) leaves.set(r.node_id, [...(leaves.get(r.node_id) ?? []), { ...r, mentions: Number(r.mentions) }]);
    const big = [...leaves.values()].filter((values) => values.length > MAX_CLUSTERED);
    expect(big.length).toBeGreaterThan(0); // the corpus must exercise the streamed path
    const embedder = resolveEmbedder('wink-sif', { cacheDir: testConfig({}).embed.cacheDir });
    const stored = await store.all<{ node_id: string; value: string; label: string }>(
      `SELECT DISTINCT f.node_id, lower(trim(m.value)) AS value, f.label
       FROM facet_members fm JOIN value_facets f USING (version_id, facet_id) JOIN mentions m USING (mention_id) WHERE fm.version_id = $1`,
      [version],
    );
    for (const values of big) {
      values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const vectors = await embedder.embed(values.map((v) => v.value));
      const data = new Float32Array(values.length * embedder.dimensions);
      vectors.forEach((v, i) => data.set(v, i * embedder.dimensions));
      const groups = facetValues(
        values.map((v) => ({ text: v.value, mentions: v.mentions })),
        { data, n: values.length, d: embedder.dimensions },
        values[0]!.label,
        defaultClusterers().hierarchical,
        { minValues: 4, maxClustered: MAX_CLUSTERED, similarity: embedder.thresholds.assign },
      );
      const expected = groups.flatMap((g) => g.members.map((i) => `${values[i]!.value} → ${g.label}`)).sort();
      const actual = stored.filter((s) => s.node_id === values[0]!.node_id).map((s) => `${s.value} → ${s.label}`).sort();
      expect(actual).toEqual(expected);
    }
  });

  it('list every mention of their leaf exactly once, with supports counted from those mentions', async () => {
    const mismatched = await store.all(
      `WITH members AS (
         SELECT fm.facet_id, count(*)::INTEGER AS mentions, count(DISTINCT m.conversation_id)::INTEGER AS conversations
         FROM facet_members fm JOIN mentions m USING (mention_id) WHERE fm.version_id = $1 GROUP BY ALL
       )
       SELECT f.facet_id FROM value_facets f LEFT JOIN members x USING (facet_id)
       WHERE f.version_id = $1 AND (coalesce(x.mentions, 0) <> f.support_mentions OR coalesce(x.conversations, 0) <> f.support_conversations)`,
      [version],
    );
    expect(mismatched).toEqual([]);
    const leafMentions = await store.scalar(
      `SELECT count(*) FROM taxonomy_nodes n JOIN node_members nm ON nm.version_id = n.version_id AND nm.node_id = n.node_id
       JOIN mention_phrases mp USING (phrase_id) WHERE n.version_id = $1 AND n.is_leaf AND n.depth > 1`,
      [version],
    );
    // Every drawn mention once; mentions of generic leaves and screened values (value-screen.ts) stay evidence, not facet members.
    const drawn = await store.scalar('SELECT count(DISTINCT mention_id) FROM facet_members WHERE version_id = $1', [version]);
    expect(await store.scalar('SELECT count(*) FROM facet_members WHERE version_id = $1', [version])).toBe(drawn);
    expect(Number(drawn)).toBeLessThanOrEqual(Number(leafMentions));
    expect(Number(drawn)).toBeGreaterThan(0.8 * Number(leafMentions));
  });

  it('leave no temp tables behind', async () => {
    expect(await store.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'facet_%'")).toEqual([]);
  });
});
