import { afterEach, describe, expect, it } from 'vitest';
import {
  QA_JUDGE_PROMPT, QA_METRICS, QA_REQUESTS, QA_REQUESTS_VERSION, QA_RUBRIC_VERSION, RESPONDER_PROMPT, runPersonalisedQa,
} from '../../../pipeline/evaluate/judge/index.js';
import type { ChatReply, ChatRequestBody } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { A, B, METRIC_IDS, bodiesFor, firstUser, markOf, qaVerdict, systemOf } from './fixtures.js';

const rigs: Rig[] = [];
afterEach(async () => { await Promise.all(rigs.splice(0).map((x) => x.server.close())); });
const start = async (...args: Parameters<typeof rig>) => { const x = await rig(...args); rigs.push(x); return x; };

const requestIdOf = (text: string) => QA_REQUESTS.find((q) => text.includes(q.text))?.id;
/** The responder answers "ANSWER <mark>/<request id>"; the judge finds it in the answer it is shown. */
const answerTag = /ANSWER ([A-Z])\/([\w-]+)/;

function script(judge: Record<string, ChatReply>, responder: Record<string, ChatReply> = {}) {
  return (b: ChatRequestBody): ChatReply => {
    if (b.response_format?.json_schema?.name === 'qa_answer') {
      const key = `${markOf(systemOf(b))}/${requestIdOf(firstUser(b))}`;
      return responder[key] ?? { json: { answer: ` ANSWER ${key} ` } };
    }
    const m = answerTag.exec(firstUser(b));
    return (m && judge[`${m[1]}/${m[2]}`]) ?? { status: 500, message: 'no fixture' };
  };
}

describe('constants', () => {
  it('twelve requests and a ten-metric rubric, versioned', () => {
    expect(QA_REQUESTS).toHaveLength(12);
    expect(new Set(QA_REQUESTS.map((q) => q.id)).size).toBe(12);
    expect(new Set(QA_REQUESTS.map((q) => q.text)).size).toBe(12);
    expect(QA_METRICS.map((m) => m.id)).toEqual([...METRIC_IDS]);
    expect(QA_METRICS.filter((m) => m.source === 'paper').map((m) => m.name)).toEqual(expect.arrayContaining(['Personalization fit', 'Attribute coverage', 'Depth', 'Justification', 'Engagement']));
    expect([RESPONDER_PROMPT, QA_JUDGE_PROMPT, QA_REQUESTS_VERSION, QA_RUBRIC_VERSION]).toEqual(['qa-responder@1', 'qa-judge@1', 'qa-requests@1', 'qa-rubric@1']);
  });
});

describe('runPersonalisedQa', () => {
  it('answers conditioned on the profile, judges on the rubric; means by hand; judge failure left out', async () => {
    const r = await start({
      chat: script({
        'A/weekend': qaVerdict(4, { depth: 2 }),
        'A/meals': qaVerdict(5),
        'B/weekend': qaVerdict(3),
        'B/meals': qaVerdict(3, { personalization_fit: 0 }), // out of range, twice: a judge failure
      }),
    });
    const res = await runPersonalisedQa(r.client, [A, B], { requests: 2, label: 'ours' });
    expect(res.requestIds).toEqual(['weekend', 'meals']);
    expect(res.profileIds).toEqual(['p-a', 'p-b']);
    expect(res.counts).toEqual({ pairs: 4, ok: 3, responderFailed: 0, judgeFailed: 1 });
    expect(res.items.map((i) => `${i.profileId}/${i.requestId}:${i.status}`))
      .toEqual(['p-a/weekend:ok', 'p-a/meals:ok', 'p-b/weekend:ok', 'p-b/meals:judge-failed']);
    expect(res.items[0]!.answer).toBe('ANSWER A/weekend');
    expect(res.items[0]!.reason).toBe('Fine.');
    expect(res.items[3]!.scores).toBeUndefined();
    // depth: (2 + 5 + 3) / 3; every other metric: (4 + 5 + 3) / 3 = 4; overall = (9·4 + 10/3) / 10
    expect(res.means.depth).toBeCloseTo(10 / 3, 12);
    for (const id of METRIC_IDS.filter((m) => m !== 'depth')) expect(res.means[id]).toBe(4);
    expect(res.overall).toBeCloseTo((36 + 10 / 3) / 10, 12);

    const responses = bodiesFor(r.server, 'qa_answer');
    expect(responses).toHaveLength(4);
    const ra = responses.find((b) => markOf(systemOf(b)) === 'A' && firstUser(b) === QA_REQUESTS[0]!.text)!;
    expect(systemOf(ra)).toContain(A.text);
    expect(systemOf(ra)).not.toContain('p-a');
    const judged = bodiesFor(r.server, 'qa_judge');
    expect(judged).toHaveLength(5); // four pairs, one re-ask
    const ja = judged.find((b) => firstUser(b).includes('ANSWER A/weekend'))!;
    expect(firstUser(ja)).toBe(`User profile:\n${A.text}\n\nUser request:\n${QA_REQUESTS[0]!.text}\n\nAssistant's answer:\nANSWER A/weekend`);
    for (const id of METRIC_IDS) expect(systemOf(ja)).toContain(`- ${id} (`);
    expect(r.failures.failures.map((f) => f.itemKey)).toEqual(['qa-judge:ours:p-b:meals']);
  });

  it('a failed responder skips the judge; invalid judge JSON fails only that pair', async () => {
    const r = await start({
      chat: script(
        { 'A/book': { content: 'scores: all fives' }, 'B/book': qaVerdict(2) },
        { 'A/watch': { content: '{"answer": ' }, 'B/watch': { json: { answer: '  \n ' } } },
      ),
    });
    const res = await runPersonalisedQa(r.client, [A, B], { requests: ['book', 'watch'] });
    expect(res.counts).toEqual({ pairs: 4, ok: 1, responderFailed: 2, judgeFailed: 1 });
    expect(res.items.map((i) => i.status)).toEqual(['judge-failed', 'responder-failed', 'ok', 'responder-failed']);
    // Truncated JSON and a blank answer both fail the responder (after one re-ask); no judge call.
    expect(bodiesFor(r.server, 'qa_answer')).toHaveLength(6);
    expect(bodiesFor(r.server, 'qa_judge').some((b) => firstUser(b).includes('/watch'))).toBe(false);
    expect(r.failures.failures.map((f) => f.itemKey).sort())
      .toEqual(['qa-judge:profiles:p-a:book', 'qa-responder:profiles:p-a:watch', 'qa-responder:profiles:p-b:watch']);
    expect(res.means.depth).toBe(2);
    expect(res.overall).toBe(2);
  });

  it('no pair judged: null means and overall', async () => {
    const r = await start({ chat: script({}) });
    const res = await runPersonalisedQa(r.client, [A], { requests: 1 });
    expect(res.counts.judgeFailed).toBe(1);
    expect(res.overall).toBeNull();
    expect(Object.values(res.means).every((v) => v === null)).toBe(true);
  });

  it('the judge can be a different model (server) from the responder', async () => {
    const responder = await start({ chat: script({}) });
    const judge = await start({ chat: script({ 'A/weekend': qaVerdict(5) }) });
    const res = await runPersonalisedQa(responder.client, [A], { requests: 1, judge: judge.client });
    expect(res.counts.ok).toBe(1);
    expect(bodiesFor(responder.server, 'qa_answer')).toHaveLength(1);
    expect(bodiesFor(responder.server, 'qa_judge')).toHaveLength(0);
    expect(bodiesFor(judge.server, 'qa_judge')).toHaveLength(1);
  });

  it('caps profiles and requests; rejects unknown request ids and bad caps', async () => {
    const r = await start({ chat: script({ 'A/weekend': qaVerdict(1) }) });
    const res = await runPersonalisedQa(r.client, [A, B], { personas: 1, requests: 1 });
    expect(res.counts.pairs).toBe(1);
    expect(r.server.count('/v1/chat/completions')).toBe(2);
    await expect(runPersonalisedQa(r.client, [A], { requests: ['nope'] })).rejects.toThrow(/unknown request id "nope"/);
    await expect(runPersonalisedQa(r.client, [A], { requests: 13.5 })).rejects.toThrow(RangeError);
  });

  it('defaults to all twelve requests; a rerun over the cache makes no call', async () => {
    const judge = Object.fromEntries(QA_REQUESTS.map((q, i) => [`A/${q.id}`, qaVerdict(1 + (i % 5))]));
    const r = await start({ chat: script(judge) });
    const first = await runPersonalisedQa(r.client, [A]);
    expect(first.counts).toEqual({ pairs: 12, ok: 12, responderFailed: 0, judgeFailed: 0 });
    // scores 1,2,3,4,5,1,2,3,4,5,1,2 → 33/12
    expect(first.overall).toBeCloseTo(33 / 12, 12);
    const calls = r.server.count('/v1/chat/completions');
    expect(calls).toBe(24);
    const again = await runPersonalisedQa(r.newClient(), [A]);
    expect(r.server.count('/v1/chat/completions')).toBe(calls);
    expect(again.items.every((i) => i.cached)).toBe(true);
    expect(again.means).toEqual(first.means);
  });
});
