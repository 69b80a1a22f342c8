/**
 * The LLM persona path of the personas bench: a scripted OpenAI-compatible server (in-process, on
 * 127.0.0.1, as in test/persona/llm/) answering the life-story, value-batch, consistency and
 * summary prompts with plausible canned JSON after a fixed latency, and the sample stage run with
 * `sample.llm` over the bench's store, then rerun (forced) to show every answer comes from the cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../pipeline/config/schema.js';
import type { Store } from '../../pipeline/store/store.js';
import { startOpenAiServer, userText, type ChatReply, type ChatRequestBody } from '../helpers/openai-server.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

const KINDS = ['life_story', 'persona_values', 'persona_contradictions', 'persona_summary'] as const;
type Kind = (typeof KINDS)[number];

/** A stable small number from a string (which canned answer to give): deterministic, no Math.random. */
const pick = (s: string, n: number) => createHash('sha256').update(s).digest().readUInt32LE(0) % n;

const PHRASES = ['most weekends, with old friends', 'a strict morning routine', 'saving for a small flat', 'rarely, only on holidays', 'two rescue cats', 'evening classes in accounting', 'walks the dog before work', 'keeps it private'];
const CATEGORIES = ['yes', 'no', 'sometimes', 'moderate', 'high', 'low', 'weekly', 'practical'];
const NUMBERS = ['2', '3', '5', '12', '40'];

/** What the bench server answers, keyed by the request's structured-output schema name. */
function answer(kind: Kind | undefined, user: string): unknown {
  switch (kind) {
    case 'life_story':
      return {
        values: ['Work is how I keep my word', 'Family comes before money'],
        lifeAttitude: 'Plans carefully, expects setbacks, and gets back up without much fuss.',
        stories: [
          'At 17 I failed my final exams and retook them at night school while working in a bakery.',
          'At 26 I moved away for work and learned to live on very little for two years.',
          'At 31 I looked after my father through a long illness, which changed how I spend my time.',
        ],
        interests: ['long solitary walks', 'cooking for friends on Sundays'],
      };
    case 'persona_values': {
      // Lines "vN | Root > … > Label [hint]"; answer every id, by the hint's type.
      const values: Record<string, string> = {};
      for (const m of user.matchAll(/^(v\d+) \| (.+) \[([a-z ]+)\]$/gm)) {
        const pool = m[3] === 'number' ? NUMBERS : m[3] === 'short category' ? CATEGORIES : PHRASES;
        values[m[1]!] = pool[pick(m[2]!, pool.length)]!;
      }
      return { values };
    }
    case 'persona_contradictions': {
      // One persona in four gets one flagged attribute, so the replace path runs too.
      const flagged = pick(user, 4) === 0 ? [{ attributeIndex: 7, reason: 'conflicts with the stated occupation' }] : [];
      return { contradictions: flagged };
    }
    case 'persona_summary': {
      const age = /^Age: (\d+)/m.exec(user)?.[1] ?? 'forty';
      const place = /^Lives in: ([^(]+)/m.exec(user)?.[1]?.trim() ?? 'a mid-sized town';
      const job = /^Occupation: (.+)$/m.exec(user)?.[1] ?? 'not given';
      const para = (lead: string) => `${lead} ${'I like to keep my days simple and predictable, and I do not mind that other people find that dull. '.repeat(3)}`;
      return {
        summary: [
          para(`I am ${age} and I live in ${place}. My work, ${job.toLowerCase()}, takes most of my week.`),
          para('My family matters more to me than money, and I learned that the hard way when my father was ill.'),
          para('On Sundays I cook for friends, and most evenings I walk for an hour on my own to clear my head.'),
        ].join('\n\n'),
      };
    }
    default:
      return undefined;
  }
}

export interface LlmBenchResult {
  personas: number;
  first: { ms: number; counts: Record<string, number>; calls: number; byKind: Record<string, { calls: number; promptTokens: number }> };
  rerun: { ms: number; counts: Record<string, number>; calls: number; identical: boolean };
  latencyMs: number;
  upstream: string[];
}

/** Same formula as the scripted server's reported usage (characters / 4 of all messages). */
const promptTokens = (body: ChatRequestBody) => Math.ceil(body.messages.map((m) => m.content).join('').length / 4);

export async function benchLlmPersonas(store: Store, dataDir: string, outputsDir: string, opts: { personas: number; latencyMs: number }): Promise<LlmBenchResult> {
  const byKind: Record<string, { calls: number; promptTokens: number }> = {};
  const server = await startOpenAiServer({
    chat: (body) => {
      const kind = KINDS.find((k) => k === body.response_format?.json_schema?.name);
      const json = answer(kind, userText(body));
      const tally = (byKind[kind ?? 'unknown'] ??= { calls: 0, promptTokens: 0 });
      tally.calls++;
      tally.promptTokens += promptTokens(body);
      return json === undefined ? { status: 400, message: 'bench server: unknown prompt' } : { json, delayMs: opts.latencyMs };
    },
  });
  try {
    const config: Config = testConfig({
      ingest: { paths: [dataDir] },
      sample: { personas: opts.personas, llm: true },
      llm: { baseURL: server.url, model: 'bench-model' },
    });
    const jsonl = join(outputsDir, 'personas.jsonl');
    const stage = async (force: boolean) => {
      const before = server.count('/v1/chat/completions');
      const manifest = await runStages(store, config, { until: 'sample', outputsDir, ...(force ? { force: ['sample' as const] } : {}) });
      const report = manifest.stages.find((s) => s.stage === 'sample')!;
      const upstream = manifest.stages.filter((s) => s.stage !== 'sample').map((s) => `${s.stage} ${s.status}`);
      return { ms: report.durationMs, counts: report.counts, calls: server.count('/v1/chat/completions') - before, upstream, text: readFileSync(jsonl, 'utf8') };
    };
    const first = await stage(false);
    const firstByKind = structuredClone(byKind);
    const rerun = await stage(true);
    return {
      personas: opts.personas,
      first: { ms: first.ms, counts: first.counts, calls: first.calls, byKind: firstByKind },
      rerun: { ms: rerun.ms, counts: rerun.counts, calls: rerun.calls, identical: rerun.text === first.text },
      latencyMs: opts.latencyMs,
      upstream: first.upstream,
    };
  } finally {
    await server.close();
  }
}

/** The printed block for the LLM part. */
export function printLlm(r: LlmBenchResult): string[] {
  const c = r.first.counts;
  const values = c.llmValues ?? 0;
  const v = r.first.byKind.persona_values ?? { calls: 0, promptTokens: 0 };
  const perPersona = (n: number) => (n / r.personas).toFixed(2);
  const kinds = KINDS.map((k) => `${k.replace('persona_', '')} ${perPersona(r.first.byKind[k]?.calls ?? 0)}`).join(', ');
  return [
    `  first run: ${r.first.calls} calls (${perPersona(r.first.calls)} per persona: ${kinds}); stage wall time ${(r.first.ms / 1000).toFixed(2)} s ` +
      `(${(r.first.ms / r.personas).toFixed(0)} ms per persona; calls in series at ${r.latencyMs} ms latency alone: ${((r.first.calls * r.latencyMs) / 1000).toFixed(2)} s)`,
    `  client stats: llmCalls ${c.llmCalls}, cache hits ${c.llmCacheHits}, retries ${c.llmRetries}, failures ${c.llmFailures}; ` +
      `prompt tokens ${c.llmPromptTokens}, completion tokens ${c.llmCompletionTokens}`,
    `  filled by the LLM: ${values} attributes (${perPersona(values)} per persona, of ${perPersona(c.attributes ?? 0)} attributes); ${c.llmFlagged} flagged by the LLM check and replaced`,
    `  prompt tokens per LLM-filled attribute: all calls ${(values ? (c.llmPromptTokens ?? 0) / values : 0).toFixed(1)}, value batches only ${(values ? v.promptTokens / values : 0).toFixed(1)} ` +
      `(${v.calls} batches, ${(v.calls ? v.promptTokens / v.calls : 0).toFixed(0)} prompt tokens each; server usage = characters / 4)`,
    `  forced rerun: ${r.rerun.calls} calls (llmCalls ${r.rerun.counts.llmCalls}, cache hits ${r.rerun.counts.llmCacheHits}), ${(r.rerun.ms / 1000).toFixed(2)} s; ` +
      `personas.jsonl byte-identical: ${r.rerun.identical ? 'yes' : 'NO'}`,
    `  upstream stages on the first run: ${r.upstream.join(', ')}`,
  ];
}
