import { afterAll, describe, expect, it } from 'vitest';
import type { Conversation, Mention } from '../../pipeline/core/types.js';
import { TurnExtractionError } from '../../pipeline/extract/extraction-error.js';
import { createHeuristicExtractor } from '../../pipeline/extractors/heuristic/index.js';
import { createHeuristicPool } from '../../pipeline/extractors/heuristic/workers/heuristic-pool.js';
import { loadDevSet } from '../bench/casual.bench.js';

const conversations: Conversation[] = loadDevSet().map((item, i) => ({
  conversationId: `c${i}`,
  sourceId: 's',
  externalId: item.id,
  meta: {},
  turns: [
    { turnId: `t${i}a`, conversationId: `c${i}`, turnIndex: 0, role: 'assistant', text: 'tell me about yourself, i love hearing about people' },
    { turnId: `t${i}b`, conversationId: `c${i}`, turnIndex: 1, role: 'user', text: item.text },
  ],
}));

const pool = createHeuristicPool({ threads: 2 });
afterAll(() => pool.close());

describe('heuristic extractor on worker threads', () => {
  it('gives exactly the in-process mentions, whatever the interleaving', async () => {
    const local = createHeuristicExtractor();
    const expected: Mention[] = [];
    for (const c of conversations) expected.push(...(await local.extract(c)).mentions);
    // All in flight at once, so batches mix conversations and both threads answer out of order.
    const pooled = (await Promise.all(conversations.map((c) => pool.extract(c)))).flatMap((r) => r.mentions);
    expect(pooled).toEqual(expected);
    expect(expected.length).toBeGreaterThan(300);
  });

  it('names the turn an exception came from, like in-process', async () => {
    // A turn whose text is not a string makes the extractor throw inside the worker.
    const broken = { ...conversations[0]!, turns: [{ ...conversations[0]!.turns[1]!, text: 42 as unknown as string }] };
    await expect(pool.extract(broken)).rejects.toBeInstanceOf(TurnExtractionError);
    await expect(pool.extract(broken)).rejects.toMatchObject({ turnId: broken.turns[0]!.turnId });
    // The pool still works after a failure.
    expect((await pool.extract(conversations[1]!)).mentions).toEqual((await createHeuristicExtractor().extract(conversations[1]!)).mentions);
  });
});
