import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';

/**
 * The temp tables behind build-facets.ts, so no per-mention list ever sits in JS:
 * facet_leaf_phrases (leaf → phrase), facet_leaf_values (leaf, normalised value, mentions),
 * facet_value_groups (leaf, value → group: a facet index within the leaf, or a cluster index until
 * regroup), facet_ids (leaf, group → facet id, in output order). facet_members is then one insert.
 */

/** Values past the linkage cap read, embedded and assigned per page. */
export const FACET_PAGE = 16_384;

export interface FacetTables {
  /** Distinct values per leaf index. */
  distinctValues: Map<number, number>;
  /** (leaf, group, facet id), pushed in output order. */
  facetIds: [number, number, string][];
  /** facet_ranked := leaf l's values, numbered 1… by mentions (most first), then value. */
  rankLeaf(l: number): Promise<void>;
  /** Every value of the ranked leaf into group g. */
  assignRankedTo(g: number): Promise<void>;
  /** Renumbers leaf l's groups: cluster c becomes group toGroup[c]. */
  regroup(l: number, toGroup: number[]): Promise<void>;
}

export async function createFacetTables(store: Store, leafPhrases: readonly string[][]): Promise<FacetTables> {
  await store.run('CREATE OR REPLACE TEMP TABLE facet_leaf_phrases (leaf INTEGER, phrase_id VARCHAR)');
  const phrases = await store.appender('facet_leaf_phrases');
  leafPhrases.forEach((ids, l) => ids.forEach((id) => appendRow(phrases, [l, id])));
  phrases.closeSync();
  await store.run(
    `CREATE OR REPLACE TEMP TABLE facet_leaf_values AS
     SELECT lp.leaf, lower(trim(m.value)) AS value, count(*)::INTEGER AS mentions
     FROM facet_leaf_phrases lp JOIN mention_phrases mp USING (phrase_id) JOIN mentions m USING (mention_id)
     GROUP BY ALL`,
  );
  await store.run('CREATE OR REPLACE TEMP TABLE facet_value_groups (leaf INTEGER, value VARCHAR, grp INTEGER)');
  const counts = await store.all<{ leaf: number; n: number }>('SELECT leaf, count(*)::INTEGER AS n FROM facet_leaf_values GROUP BY leaf');
  return {
    distinctValues: new Map(counts.map((r) => [Number(r.leaf), Number(r.n)])),
    facetIds: [],
    async rankLeaf(l) {
      await store.run(
        `CREATE OR REPLACE TEMP TABLE facet_ranked AS
         SELECT leaf, value, mentions, row_number() OVER (ORDER BY mentions DESC, value) AS rn
         FROM facet_leaf_values WHERE leaf = $1 ORDER BY rn`,
        [l],
      );
    },
    async assignRankedTo(g) {
      await store.run('INSERT INTO facet_value_groups SELECT leaf, value, $1 FROM facet_ranked', [g]);
    },
    async regroup(l, toGroup) {
      await store.run('CREATE OR REPLACE TEMP TABLE facet_regroup (cluster INTEGER, grp INTEGER)');
      const map = await store.appender('facet_regroup');
      toGroup.forEach((g, c) => appendRow(map, [c, g]));
      map.closeSync();
      await store.run('UPDATE facet_value_groups v SET grp = r.grp FROM facet_regroup r WHERE v.leaf = $1 AND v.grp = r.cluster', [l]);
    },
  };
}

const MEMBERS = `FROM facet_leaf_phrases lp
  JOIN mention_phrases mp USING (phrase_id)
  JOIN mentions m USING (mention_id)
  JOIN facet_value_groups g ON g.leaf = lp.leaf AND g.value = lower(trim(m.value))
  JOIN facet_ids f ON f.leaf = g.leaf AND f.grp = g.grp`;

/** Mentions and distinct conversations per facet, by output position. */
export async function facetSupports(store: Store, tables: FacetTables): Promise<{ mentions: number; conversations: number }[]> {
  await store.run('CREATE OR REPLACE TEMP TABLE facet_ids (leaf INTEGER, grp INTEGER, facet_id VARCHAR, ord INTEGER)');
  const ids = await store.appender('facet_ids');
  tables.facetIds.forEach(([l, g, id], ord) => appendRow(ids, [l, g, id, ord]));
  ids.closeSync();
  const rows = await store.all<{ ord: number; mentions: number; conversations: number }>(
    `SELECT f.ord, count(*)::INTEGER AS mentions, count(DISTINCT m.conversation_id)::INTEGER AS conversations ${MEMBERS} GROUP BY f.ord`,
  );
  const out: { mentions: number; conversations: number }[] = [];
  for (const r of rows) out[Number(r.ord)] = { mentions: Number(r.mentions), conversations: Number(r.conversations) };
  return out;
}

/** facet_members of a version from the temp tables (ordered as they were always appended), then drops them. */
export async function insertFacetMembers(store: Store, versionId: number): Promise<void> {
  await store.run(`INSERT INTO facet_members SELECT $1, f.facet_id, mp.mention_id ${MEMBERS} ORDER BY f.ord, mp.mention_id`, [versionId]);
  for (const t of ['facet_leaf_phrases', 'facet_leaf_values', 'facet_value_groups', 'facet_ranked', 'facet_regroup', 'facet_ids']) {
    await store.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
