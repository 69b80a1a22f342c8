import { afterEach, describe, expect, it } from 'vitest';
import { INTRINSIC_PROMPT, judgeIntrinsic } from '../../../pipeline/evaluate/judge/index.js';
import type { ChatReply, ChatRequestBody } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { A, B, C, D, bodiesFor, chatBodies, firstUser, intrinsicVerdict, isReask, markOf, systemOf } from './fixtures.js';

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

/** Replies chosen by the profile the prompt is about. */
const byProfile = (table: Record<string, ChatReply | ((b: ChatRequestBody) => ChatReply)>) => (b: ChatRequestBody): ChatReply => {
  const reply = table[markOf(firstUser(b)) ?? '?'];
  if (!reply) return { status: 500, message: 'no fixture' };
  return typeof reply === 'function' ? reply(b) : reply;
};

describe('judgeIntrinsic', () => {
  it('scores each profile; means by hand; the prompt carries the profile text only', async () => {
    r = await rig({ chat: byProfile({ A: intrinsicVerdict(40, 4, 5, 3), B: intrinsicVerdict(10, 2, 2, 4) }) });
    const res = await judgeIntrinsic(r.client, [A, B], { label: 'ours' });
    expect(res.promptVersion).toBe(INTRINSIC_PROMPT);
    expect(INTRINSIC_PROMPT).toBe('judge-intrinsic@1');
    expect(res.judged).toBe(2);
    expect(res.failed).toBe(0);
    expect(res.scores.map((s) => [s.profileId, s.attributeCount, s.coverage, s.uniqueness, s.actionability]))
      .toEqual([['p-a', 40, 4, 5, 3], ['p-b', 10, 2, 2, 4]]);
    expect(res.scores[0]!.reasons.attributeCount).toBe('Counted 40.');
    expect(res.scores[0]!.cached).toBe(false);
    // (40+10)/2, (4+2)/2, (5+2)/2, (3+4)/2
    expect(res.means).toEqual({ attributeCount: 25, coverage: 3, uniqueness: 3.5, actionability: 3.5 });
    const bodies = bodiesFor(r.server, 'judge_intrinsic');
    expect(bodies).toHaveLength(2);
    const a = bodies.find((b) => markOf(firstUser(b)) === 'A')!;
    expect(firstUser(a)).toBe(`Profile:\n${A.text}`);
    expect(firstUser(a)).not.toContain('p-a'); // the id never reaches the judge
    expect(systemOf(a)).toMatch(/uniqueness \(1–5\)/);
    expect(systemOf(a)).toMatch(/actionability \(1–5\)/);
    expect(systemOf(bodies[1]!)).toBe(systemOf(bodies[0]!));
  });

  it('out-of-range, non-integer and invalid JSON verdicts are failures, not averaged', async () => {
    r = await rig({
      chat: byProfile({
        A: intrinsicVerdict(40, 4, 6, 3), // uniqueness 6
        B: { content: '{"attributeCount": {"count": 3' },
        C: intrinsicVerdict(12, 3, 4, 5),
        D: intrinsicVerdict(7, 3, 3.5, 2), // not an integer
      }),
    });
    const res = await judgeIntrinsic(r.client, [A, B, C, D], { label: 'personahub' });
    expect(res.judged).toBe(4);
    expect(res.failed).toBe(3);
    expect(res.failedIds).toEqual(['p-a', 'p-b', 'p-d']);
    expect(res.scores.map((s) => s.profileId)).toEqual(['p-c']);
    expect(res.means).toEqual({ attributeCount: 12, coverage: 3, uniqueness: 4, actionability: 5 });
    // Each failure was re-asked once (the client's policy) and recorded under the set's label.
    expect(chatBodies(r.server)).toHaveLength(7);
    expect(r.failures.failures.map((f) => f.itemKey).sort())
      .toEqual(['judge-intrinsic:personahub:p-a', 'judge-intrinsic:personahub:p-b', 'judge-intrinsic:personahub:p-d']);
    const reask = chatBodies(r.server).find((b) => isReask(b) && markOf(firstUser(b)) === 'A')!;
    expect(reask.messages.at(-1)!.content).toContain('score 6 is not an integer from 1 to 5');
  });

  it('all failed: null means; a re-ask that fixes the range is accepted', async () => {
    r = await rig({ chat: () => intrinsicVerdict(5, 0, 1, 1) });
    const none = await judgeIntrinsic(r.client, [A]);
    expect(none.means).toEqual({ attributeCount: null, coverage: null, uniqueness: null, actionability: null });
    r.server.setHandler({ chat: (b) => (isReask(b) ? intrinsicVerdict(5, 1, 1, 1) : intrinsicVerdict(5, 0, 1, 1)) });
    const fixed = await judgeIntrinsic(r.client, [B]);
    expect(fixed.failed).toBe(0);
    expect(fixed.means.coverage).toBe(1);
  });

  it('caps the work; rejects a bad cap', async () => {
    r = await rig({ chat: () => intrinsicVerdict(1, 1, 1, 1) });
    const res = await judgeIntrinsic(r.client, [A, B, C], { personas: 2 });
    expect(res.judged).toBe(2);
    expect(r.server.count('/v1/chat/completions')).toBe(2);
    await expect(judgeIntrinsic(r.client, [A], { personas: 0 })).rejects.toThrow(RangeError);
  });

  it('a rerun over the cache makes no call and returns the same verdicts', async () => {
    r = await rig({ chat: byProfile({ A: intrinsicVerdict(40, 4, 5, 3), B: intrinsicVerdict(10, 2, 2, 4) }) });
    const first = await judgeIntrinsic(r.client, [A, B]);
    const calls = r.server.count('/v1/chat/completions');
    expect(calls).toBe(2);
    const again = await judgeIntrinsic(r.newClient(), [A, B]);
    expect(r.server.count('/v1/chat/completions')).toBe(calls);
    expect(again.scores.every((s) => s.cached)).toBe(true);
    expect(again.means).toEqual(first.means);
  });
});
