import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../pipeline/store/store.js';
import { runCli } from './helpers/cli.js';
import { userText, startOpenAiServer, type OpenAiTestServer } from './helpers/openai-server.js';
import { runStages, testConfig } from './helpers/pipeline.js';
import { tempStore } from './helpers/store.js';
import { chat, corpus } from './helpers/chat-corpus.js';
import { tempDir } from './helpers/temp-dir.js';


const mentions = (store: Store) =>
  store.all<{ mention_id: string; attribute: string; value: string; quote: string; llm_call_id: string | null }>(
    'SELECT mention_id, attribute, value, quote, llm_call_id FROM mentions ORDER BY mention_id',
  );

const servers: OpenAiTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('extract stage, offline heuristic', () => {
  it('stores grounded mentions from user turns only, and re-extracts a changed conversation', async () => {
    const store = await tempStore();
    const file = corpus([chat('a', "i'm a nurse and i have two dogs .", 'I am a teacher myself.'), chat('b', 'I live in Oslo')]);
    const config = testConfig({ ingest: { paths: [file] } });
    await runStages(store, config, { until: 'extract' });
    const first = await mentions(store);
    expect(first.map((m) => m.value)).toEqual(expect.arrayContaining(['nurse', 'Oslo']));
    expect(first.some((m) => m.value.includes('teacher'))).toBe(false); // the assistant's words are not the user's
    expect(await store.scalar(`SELECT count(*) FROM mentions m JOIN turns t USING (turn_id)
      WHERE t.role <> 'user' OR substring(t.text, m.span_start + 1, m.span_end - m.span_start) <> m.quote`)).toBe(0n);

    writeFileSync(file, `${chat('a', 'im a pharmacist', 'ok')}\n${chat('b', 'I live in Oslo')}\n`);
    const manifest = await runStages(store, config, { until: 'extract' });
    expect(manifest.stages.find((s) => s.stage === 'extract')?.counts).toMatchObject({ invalidated: 1, conversations: 1 });
    const values = (await mentions(store)).map((m) => m.value);
    expect(values).toContain('pharmacist');
    expect(values).not.toContain('nurse');
    expect(values).toContain('Oslo');
  });
});

describe('extract stage with an OpenAI-compatible server', () => {
  async function llmServer(): Promise<OpenAiTestServer> {
    const server = await startOpenAiServer({
      chat: (body) => {
        const text = userText(body);
        const found = [];
        if (text.includes('I am a nurse')) found.push({ attribute: 'Occupation', value: 'nurse', root: 'career', quote: 'I am a nurse', polarity: 'positive', confidence: 0.9 });
        if (text.includes('jazz')) found.push({ attribute: 'music preference', value: 'jazz', root: 'Media Consumption and Engagement', quote: "I can't stand jazz", polarity: 'negative', confidence: 0.8 });
        found.push({ attribute: 'occupation', value: 'astronaut', root: 'Career and Work Identity', quote: 'I fly to Mars every week', polarity: 'positive', confidence: 0.9 });
        return { json: { mentions: found } };
      },
    });
    servers.push(server);
    return server;
  }

  it('grounds quotes, maps roots, drops ungrounded mentions, and a rerun makes zero calls', async () => {
    const server = await llmServer();
    const store = await tempStore();
    const file = corpus([chat('a', 'Hello. I am a nurse.', 'Hi!', "Also I can't stand jazz"), chat('b', 'what is 2+2?')]);
    const config = testConfig({ ingest: { paths: [file] }, extract: { extractor: 'llm' }, llm: { baseURL: server.url, model: 'test-model', timeoutMs: 2000 } });
    const manifest = await runStages(store, config, { until: 'extract' });
    const counts = manifest.stages.find((s) => s.stage === 'extract')!.counts;
    expect(counts).toMatchObject({ conversations: 2, mentions: 2, ungrounded: 2, llmCalls: 2 });
    const rows = await store.all<{ attribute: string; root: string; polarity: string; quote: string; llm_call_id: string }>(
      'SELECT attribute, root, polarity, quote, llm_call_id FROM mentions ORDER BY attribute',
    );
    expect(rows.map((r) => [r.attribute, r.root, r.polarity, r.quote])).toEqual([
      ['music preference', 'Media Consumption and Engagement', 'negative', "I can't stand jazz"],
      ['occupation', 'Career and Work Identity', 'positive', 'I am a nurse'],
    ]);
    expect(await store.scalar('SELECT count(*) FROM llm_calls WHERE call_id IN (SELECT llm_call_id FROM mentions)')).toBe(1n);

    const before = server.count('/v1/chat/completions');
    const rerun = await runStages(store, config, { force: ['extract'], until: 'extract' });
    expect(server.count('/v1/chat/completions')).toBe(before);
    expect(rerun.stages.find((s) => s.stage === 'extract')!.counts).toMatchObject({ conversations: 0, llmCalls: 0 });
  });

  it('batch mode sends the requests as one Batch API job and stores the same mentions', async () => {
    const server = await llmServer();
    const store = await tempStore();
    const file = corpus([chat('a', 'Hello. I am a nurse.'), chat('b', "I can't stand jazz")]);
    const config = testConfig({
      ingest: { paths: [file] }, extract: { extractor: 'llm', llmBatch: true },
      llm: { baseURL: server.url, model: 'test-model', batchPollIntervalMs: 10 },
    });
    const manifest = await runStages(store, config, { until: 'extract' });
    expect(server.count('/v1/batches', 'POST')).toBe(1);
    expect(manifest.stages.find((s) => s.stage === 'extract')!.counts).toMatchObject({ batched: 2, mentions: 2, llmCacheHits: 2 });
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it('`run --llm-batch` from the CLI submits one Batch API job against the configured endpoint', async () => {
    const server = await llmServer();
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ingest: { paths: [corpus([chat('a', 'Hello. I am a nurse.')])] }, extract: { extractor: 'llm' }, llm: { batchPollIntervalMs: 10 } }));
    const result = await runCli(['--config', config, '--db', join(dir, 's.duckdb'), 'run', '--until', 'extract', '--llm-batch'], {
      env: { OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'test-model', OPENAI_API_KEY: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(server.count('/v1/batches', 'POST')).toBe(1);
    expect(server.count('/v1/chat/completions')).toBe(0);
    expect(result.stdout).toMatch(/1 new mentions/);
  });

  it('a conversation whose call fails is retried on the next run, and the stage reports partial', async () => {
    let fail = true;
    const server = await startOpenAiServer({ chat: () => (fail ? { status: 400, message: 'bad' } : { json: { mentions: [] } }) });
    servers.push(server);
    const store = await tempStore();
    const file = corpus([chat('a', 'I am a nurse')]);
    const config = testConfig({ ingest: { paths: [file] }, extract: { extractor: 'llm' }, llm: { baseURL: server.url, model: 'm', maxFailureRate: 1 } });
    const first = await runStages(store, config, { until: 'extract' });
    expect(first.stages.find((s) => s.stage === 'extract')).toMatchObject({ status: 'partial', counts: { failedConversations: 1 } });
    expect(await store.scalar('SELECT count(*) FROM failures')).toBe(1n);
    fail = false;
    const second = await runStages(store, config, { until: 'extract' });
    expect(second.stages.find((s) => s.stage === 'extract')).toMatchObject({ status: 'done', counts: { conversations: 1 } });
  });

  it('drops grounded mentions whose value fails the value gate, counted per reason in counts and summary', async () => {
    const text = 'I love jazz and incorporating some educational elements into the lessons';
    const m = (value: string, quote: string) => ({ attribute: 'interest', value, root: 'Hobbies and Interests', quote, polarity: 'positive', confidence: 0.8 });
    const server = await startOpenAiServer({
      chat: () => ({ json: { mentions: [
        m('jazz', 'I love jazz'),
        m('incorporating some educational elements into the', 'incorporating some educational elements into the'),
        m('things', 'jazz'),
        m('seems', 'I love'),
        m('ways', 'lessons'),
      ] } }),
    });
    servers.push(server);
    const store = await tempStore();
    const config = testConfig({ ingest: { paths: [corpus([chat('a', text)])] }, extract: { extractor: 'llm' }, llm: { baseURL: server.url, model: 'm' } });
    const manifest = await runStages(store, config, { until: 'extract' });
    const report = manifest.stages.find((s) => s.stage === 'extract')!;
    expect(report.counts).toMatchObject({
      mentions: 1, invalid: 0, droppedValues: 4,
      'droppedValues.cut-phrase': 1, 'droppedValues.filler': 2, 'droppedValues.function-word': 1, 'droppedValues.code': 0,
    });
    expect(report.summary).toContain('4 values dropped (filler 2, cut-phrase 1, function-word 1)');
    expect((await mentions(store)).map((r) => r.value)).toEqual(['jazz']);
  });

  it('fails the stage above llm.maxFailureRate with a clear error', async () => {
    const server = await startOpenAiServer({ chat: () => ({ status: 400, message: 'bad' }) });
    servers.push(server);
    const store = await tempStore();
    const config = testConfig({ ingest: { paths: [corpus([chat('a', 'I am a nurse')])] }, extract: { extractor: 'llm' }, llm: { baseURL: server.url, model: 'm' } });
    await expect(runStages(store, config)).rejects.toThrow(/1 of 1 LLM items failed, above llm.maxFailureRate/);
  });

  it('slot mode stores paper-style slots with the turns they came from', async () => {
    const server = await startOpenAiServer({
      chat: (body) => {
        if (body.response_format?.json_schema?.name === 'personalizability') {
          return { json: userText(body).includes('vegan') ? { classification: 'Personalizable', reason: 'depends on diet' } : { classification: 'Non-Personalizable', reason: 'math' } };
        }
        return { json: { slots: ['Lifestyle and Daily Routine.diet.dietary restriction', 'Physical and Health.allergies.food'] } };
      },
    });
    servers.push(server);
    const store = await tempStore();
    const file = corpus([chat('a', 'Suggest a vegan dinner', 'Try lentil curry.'), chat('b', 'what is 2+2?', '4')]);
    const config = testConfig({ ingest: { paths: [file] }, extract: { extractor: 'slot' }, llm: { baseURL: server.url, model: 'm' } });
    await runStages(store, config, { until: 'extract' });
    const slots = await store.all<{ path: string; classification: string; turn_ids: string[]; text: string }>(
      `SELECT s.path, s.classification, s.turn_ids, t.text FROM slots s JOIN turns t ON t.turn_id = s.turn_ids[1] ORDER BY s.path`,
    );
    expect(slots.map((s) => [s.path, s.classification, s.text, s.turn_ids.length])).toEqual([
      ['Lifestyle and Daily Routine.diet.dietary_restriction', 'Personalizable', 'Suggest a vegan dinner', 2],
      ['Physical and Health Characteristics.allergies.food', 'Personalizable', 'Suggest a vegan dinner', 2],
    ]);
  });
});
