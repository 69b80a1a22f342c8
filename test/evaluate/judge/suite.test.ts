import { afterEach, describe, expect, it } from 'vitest';
import { JUDGE_PROMPTS, QA_REQUESTS, runJudgeSuite } from '../../../pipeline/evaluate/judge/index.js';
import type { ChatReply, ChatRequestBody } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { A, B, C, D, bodiesFor, firstUser, intrinsicVerdict, markOf, qaVerdict, schemaName, systemOf } from './fixtures.js';

const rigs: Rig[] = [];
afterEach(async () => { await Promise.all(rigs.splice(0).map((x) => x.server.close())); });
const start = async (...args: Parameters<typeof rig>) => { const x = await rig(...args); rigs.push(x); return x; };

const INTRINSIC: Record<string, ChatReply> = {
  A: intrinsicVerdict(40, 4, 5, 3), B: intrinsicVerdict(10, 2, 2, 4), C: intrinsicVerdict(3, 1, 2, 2), D: { content: 'not json' },
};
const JUDGE: Record<string, ChatReply> = { A: qaVerdict(5), B: qaVerdict(3), C: qaVerdict(2), D: qaVerdict(4, { depth: 1 }) };
const PROFILE_TEXT: Record<string, string> = { A: A.text, B: B.text, C: C.text, D: D.text };

function script(b: ChatRequestBody): ChatReply {
  const schema = schemaName(b);
  if (schema === 'judge_intrinsic') return INTRINSIC[markOf(firstUser(b)) ?? '?']!;
  if (schema === 'qa_answer') return { json: { answer: `Try this, profile ${markOf(systemOf(b))}.` } };
  return JUDGE[markOf(firstUser(b)) ?? '?']!;
}

const input = { ours: [A, B], baselines: { personahub: [C], opencharacter: [D] }, qa: { requests: 1 } };

describe('runJudgeSuite', () => {
  it('scores ours and every baseline with the same prompts; rows in the table shape', async () => {
    const r = await start({ chat: script });
    const res = await runJudgeSuite(r.client, input);
    expect(res.prompts).toEqual(JUDGE_PROMPTS);
    expect(res.prompts).toEqual({ intrinsic: 'judge-intrinsic@1', responder: 'qa-responder@1', qaJudge: 'qa-judge@1', qaRequests: 'qa-requests@1', qaRubric: 'qa-rubric@1' });
    expect(res.rows).toHaveLength(4 + 10 + 1);
    const byName = Object.fromEntries(res.rows.map((row) => [row.metric, row]));
    expect(byName['Judge: attribute count']).toMatchObject({ metric: 'Judge: attribute count', ours: 25, baselines: { personahub: 3, opencharacter: null } });
    expect(byName['Judge: uniqueness (1–5)']).toMatchObject({ metric: 'Judge: uniqueness (1–5)', ours: 3.5, baselines: { personahub: 2, opencharacter: null } });
    expect(byName['Personalised QA: Personalization fit (1–5)']!.baselines).toEqual({ personahub: 2, opencharacter: 4 });
    expect(byName['Personalised QA: Depth (1–5)']).toMatchObject({ metric: 'Personalised QA: Depth (1–5)', ours: 4, baselines: { personahub: 2, opencharacter: 1 } });
    expect(byName['Personalised QA: mean of the 10 metrics (1–5)']!.baselines.opencharacter).toBeCloseTo(3.7, 12);
    expect(res.rows.at(-1)!.ours).toBe(4);
    expect(Object.keys(byName['Judge: uniqueness (1–5)']!).sort()).toEqual(['baselines', 'description', 'metric', 'ours']);
    expect(byName['Judge: uniqueness (1–5)']!.description).toContain("the paper's metric");
    expect(byName['Judge: coverage of life areas (1–5)']!.description).toContain('our addition');
    expect(byName['Personalised QA: Relevance (1–5)']!.description).toContain('our reconstruction');
    expect(res.failures).toEqual({ intrinsic: 1, qaResponder: 0, qaJudge: 0 });
    expect(res.details.intrinsic!.baselines.opencharacter!.failedIds).toEqual(['p-d']);
    expect(res.details.qa!.ours.requestIds).toEqual([QA_REQUESTS[0]!.id]);
    expect(r.failures.failures.map((f) => f.itemKey)).toEqual(['judge-intrinsic:opencharacter:p-d']);

    // Same protocol for every set: identical system prompts once the profile text is blanked out.
    const blank = (s: string) => Object.values(PROFILE_TEXT).reduce((t, p) => t.split(p).join('<PROFILE>'), s);
    for (const schema of ['judge_intrinsic', 'qa_answer', 'qa_judge']) {
      const bodies = bodiesFor(r.server, schema).filter((b) => b.messages.length === 2);
      expect(new Set(bodies.map((b) => markOf(systemOf(b) + firstUser(b)))).size).toBe(4);
      expect(new Set(bodies.map((b) => blank(systemOf(b)))).size).toBe(1);
    }
    const answers = bodiesFor(r.server, 'qa_answer');
    expect(answers.find((b) => markOf(systemOf(b)) === 'C')!.messages[1]!.content).toBe(QA_REQUESTS[0]!.text);
    expect(systemOf(answers.find((b) => markOf(systemOf(b)) === 'C')!)).toContain(C.text);
  });

  it('a rerun over the cache makes no call and gives the same rows', async () => {
    const r = await start({ chat: script });
    const first = await runJudgeSuite(r.client, input);
    const calls = r.server.count('/v1/chat/completions');
    const again = await runJudgeSuite(r.newClient(), input);
    // Only opencharacter's failed intrinsic verdict is asked again (a failure is never cached).
    expect(r.server.count('/v1/chat/completions')).toBe(calls + 2);
    expect(again.rows).toEqual(first.rows);
    expect(again.details.qa!.ours.items.every((i) => i.cached)).toBe(true);
    const clean = { ...input, baselines: { personahub: [C] } };
    await runJudgeSuite(r.client, clean);
    const before = r.server.count('/v1/chat/completions');
    await runJudgeSuite(r.newClient(), clean);
    expect(r.server.count('/v1/chat/completions')).toBe(before);
  });

  it('protocols can be skipped; a separate judge client gets every judge call', async () => {
    const responder = await start({ chat: script });
    const judge = await start({ chat: script });
    const res = await runJudgeSuite(responder.client, { ours: [A], judge: judge.client, qa: { requests: 1 } });
    expect(res.rows.every((row) => Object.keys(row.baselines).length === 0)).toBe(true);
    expect(bodiesFor(responder.server, 'qa_answer')).toHaveLength(1);
    expect(bodiesFor(responder.server, 'qa_judge').length + bodiesFor(responder.server, 'judge_intrinsic').length).toBe(0);
    expect(bodiesFor(judge.server, 'qa_judge')).toHaveLength(1);
    expect(bodiesFor(judge.server, 'judge_intrinsic')).toHaveLength(1);

    const only = await runJudgeSuite(responder.client, { ours: [A], intrinsic: false, qa: { requests: 1 } });
    expect(only.details.intrinsic).toBeNull();
    expect(only.rows.map((row) => row.metric).every((m) => m.startsWith('Personalised QA'))).toBe(true);
    const none = await runJudgeSuite(responder.client, { ours: [A], intrinsic: false, qa: false });
    expect(none.rows).toEqual([]);
    await expect(runJudgeSuite(responder.client, { ours: [A], baselines: { ours: [B] } })).rejects.toThrow(/cannot be named "ours"/);
  });
});
