import { describe, expect, it } from 'vitest';
import type { Conversation, Mention } from '../../pipeline/core/types.js';
import { createHeuristicExtractor } from '../../pipeline/extractors/heuristic/index.js';
import { createHeuristicPool } from '../../pipeline/extractors/heuristic/workers/heuristic-pool.js';
import { loadDevSet } from '../bench/casual.bench.js';

const conversations: Conversation[] = loadDevSet().slice(0, 120).map((item, i) => ({
  conversationId: `c${i}`,
  sourceId: 's',
  externalId: item.id,
  meta: {},
  turns: [{ turnId: `t${i}`, conversationId: `c${i}`, turnIndex: 0, role: 'user', text: item.text }],
}));

describe('heuristic worker pool recycling', () => {
  it('replaces a worker that has read its share by a fresh one, and the mentions stay the same', async () => {
    const pool = createHeuristicPool({ threads: 2, recycleAfter: 25 });
    try {
      const local = createHeuristicExtractor();
      const expected: Mention[] = [];
      for (const c of conversations) expected.push(...(await local.extract(c)).mentions);
      const pooled: Mention[] = [];
      // In groups, as the extract stage sends chunks: between groups every worker is idle and can be replaced.
      for (let at = 0; at < conversations.length; at += 30) {
        const group = await Promise.all(conversations.slice(at, at + 30).map((c) => pool.extract(c)));
        pooled.push(...group.flatMap((r) => r.mentions));
      }
      expect(pool.recycled).toBeGreaterThanOrEqual(2);
      expect(pooled).toEqual(expected);
      expect(expected.length).toBeGreaterThan(50);
    } finally {
      await pool.close();
    }
  });
});
