import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOpenAiServer, type ChatReply, type ChatRequestBody, type OpenAiTestServer } from '../helpers/openai-server.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TEST_KEY } from '../llm/setup.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';
import { intrinsicVerdict, qaVerdict, schemaName } from './judge/fixtures.js';

let server: OpenAiTestServer | undefined;
beforeEach(() => void vi.stubEnv('OPENAI_API_KEY', TEST_KEY));
afterEach(async () => {
  await server?.close();
  vi.unstubAllEnvs();
});

/** Ours gets 4s, PersonaHub's one-liners 2s: the table must keep them apart. */
function script(b: ChatRequestBody): ChatReply {
  const text = b.messages.map((m) => m.content).join('\n');
  const oneLiner = /^A \d+-year-old/m.test(text) && !/Attributes:/.test(text);
  if (schemaName(b) === 'judge_intrinsic') return oneLiner ? intrinsicVerdict(3, 2, 2, 2) : intrinsicVerdict(40, 4, 4, 4);
  if (schemaName(b) === 'qa_answer') return { json: { answer: 'Here is a plan made for you.' } };
  return oneLiner ? qaVerdict(2) : qaVerdict(4);
}

describe('evaluate stage with the LLM judge', () => {
  it('adds the judge rows for ours and both baselines to eval.json', async () => {
    server = await startOpenAiServer({ chat: script });
    const store = await tempStore();
    const out = tempDir();
    const config = testConfig({
      ingest: { paths: [writeDisclosureCorpus(tempDir(), 60)] },
      sample: { personas: 3, k: 30 },
      evaluate: { bootstrap: 20, judge: true, judgePersonas: 2, judgeRequests: 1 },
      llm: { baseURL: server.url, model: 'test-model' },
    });
    await runStages(store, config, { outputsDir: out, until: 'evaluate' });
    const e = JSON.parse(readFileSync(join(out, 'eval.json'), 'utf8'));
    const judge = e.metrics.filter((m: { group: string }) => m.group === 'judge');
    expect(judge.length).toBe(15);
    const uniqueness = judge.find((m: { metric: string }) => /uniqueness/.test(m.metric));
    expect(uniqueness.ours).toBe(4);
    expect(uniqueness.baselines.personahub).toBe(2);
    expect(uniqueness.baselines['paper-code']).toBe(4);
    expect(e.judge.prompts.intrinsic).toBe('judge-intrinsic@1');
    // 3 sets × 2 personas × (1 intrinsic + 1 answer + 1 judge) calls.
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(18);
  });
});
