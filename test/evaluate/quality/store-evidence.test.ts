import { describe, expect, it } from 'vitest';
import { mineCardinality, singleValuedNodes, type MentionRow } from '../../../pipeline/evaluate/quality/mined-cardinality.js';
import { loadLeafMentions } from '../../../pipeline/evaluate/quality/store-evidence.js';
import { runStages, testConfig } from '../../helpers/pipeline.js';
import { tempStore } from '../../helpers/store.js';

describe('loadLeafMentions', () => {
  it('reads only speakers with two or more mentions of a leaf, and mines the same single-valued leaves as from every mention', async () => {
    const store = await tempStore();
    await runStages(store, testConfig({ ingest: { paths: ['test/fixtures/taxonomy/disclosures.jsonl'] } }), { until: 'cluster' });
    const every: MentionRow[] = await store.all<{ node: string; speaker: string; value: string }>(
      `SELECT node, speaker, value FROM (SELECT DISTINCT leaf_id AS node, conversation_id AS speaker, mention_id, value FROM node_evidence
       WHERE version_id = (SELECT max(version_id) FROM taxonomy_versions WHERE is_current) AND node_id = leaf_id) ORDER BY node, speaker, mention_id`,
    );
    const read = await loadLeafMentions(store);
    const perSpeaker = new Map<string, number>();
    for (const r of every) perSpeaker.set(`${r.node}|${r.speaker}`, (perSpeaker.get(`${r.node}|${r.speaker}`) ?? 0) + 1);
    expect(read).toEqual(every.filter((r) => perSpeaker.get(`${r.node}|${r.speaker}`)! >= 2));
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(every.length);
    // Nodes that only single-mention speakers name drop out; every count of the others is the same.
    expect(mineCardinality(read)).toEqual(mineCardinality(every).filter((c) => c.repeatSpeakers > 0));
    expect(singleValuedNodes(mineCardinality(read))).toEqual(singleValuedNodes(mineCardinality(every)));
    store.close();
  });
});
