import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONSISTENCY_PROMPT } from '../../pipeline/persona/llm/llm-consistency.js';
import { LIFE_STORY_PROMPT } from '../../pipeline/persona/llm/life-story.js';
import { SUMMARY_PROMPT } from '../../pipeline/persona/llm/llm-summary.js';
import { MAX_BATCH, VALUES_PROMPT } from '../../pipeline/persona/llm/llm-values.js';
import type { RunManifest } from '../../pipeline/runner/run-record.js';
import { startOpenAiServer, userText, type ChatHandler, type ChatRequestBody, type OpenAiTestServer } from '../helpers/openai-server.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TEST_KEY } from '../llm/setup.js';
import { chatBodies, words } from './llm/fixtures.js';

/**
 * The sample stage with `sample.llm`, in-process against the scripted OpenAI-compatible server:
 * life-story core → values in batches of ≤ 50 paths, each seeing the values before it → the LLM
 * check → the LLM summary; provenance (llm_call_id), counts, a free byte-identical rerun, and the
 * corpus fallback when the values answers are garbage.
 *
 * The corpus is richer than writeDisclosureCorpus on purpose: a persona needs more than 50 units
 * to be asked for values (so that it takes two batches), hence k = 80 rather than 30.
 */

const LISTS = {
  love: ['hiking', 'painting', 'cooking', 'swimming', 'knitting', 'gardening', 'fishing', 'camping', 'baking', 'dancing', 'skiing', 'surfing', 'sailing', 'pottery', 'chess', 'poker', 'photography', 'birdwatching', 'woodworking', 'archery'],
  hate: ['sushi', 'pizza', 'tacos', 'ramen', 'curry', 'pasta', 'burgers', 'salad', 'dumplings', 'pho', 'falafel', 'paella', 'kimchi', 'tofu', 'steak', 'oysters'],
  speak: ['Spanish', 'German', 'French', 'Italian', 'Japanese', 'Korean', 'Arabic', 'Hindi', 'Russian', 'Polish', 'Dutch', 'Greek', 'Turkish', 'Swahili'],
  "I'm allergic to": ['peanuts', 'cats', 'dust', 'pollen', 'shellfish', 'gluten', 'eggs', 'milk', 'bees', 'latex', 'penicillin', 'soy'],
  study: ['biology', 'chemistry', 'physics', 'history', 'economics', 'law', 'medicine', 'music', 'philosophy', 'geology', 'nursing', 'architecture'],
  watch: ['anime', 'The Office', 'Friends', 'football', 'cooking shows', 'documentaries', 'horror movies', 'Star Trek', 'the news', 'reality TV'],
  'play the': ['guitar', 'piano', 'violin', 'drums', 'cello', 'flute', 'saxophone', 'trumpet', 'harp', 'ukulele'],
  collect: ['stamps', 'coins', 'vinyl records', 'comic books', 'postcards', 'seashells', 'old maps', 'teapots'],
  drink: ['green tea', 'black coffee', 'red wine', 'craft beer', 'orange juice', 'kombucha', 'whisky', 'lemonade'],
  read: ['mystery novels', 'poetry', 'science fiction', 'biographies', 'history books', 'fantasy novels', 'manga', 'cookbooks'],
  'believe in': ['karma', 'fate', 'science', 'astrology', 'hard work', 'reincarnation', 'free will', 'luck'],
  'live in': ['Oslo', 'Madrid', 'Lima', 'Cairo', 'Hanoi', 'Quito', 'Dublin', 'Perth', 'Osaka', 'Tunis'],
  'work as': ['a nurse', 'a teacher', 'a chef', 'a plumber', 'an engineer', 'a lawyer', 'a pilot', 'a baker'],
  have: ['two dogs', 'a cat', 'three kids', 'a parrot', 'a rabbit', 'twin daughters', 'a horse', 'a goldfish'],
};

/** 120 conversations, each stating one value of every list (fixed strides, no randomness). */
function writeRichCorpus(dir: string): string {
  const lines = Array.from({ length: 120 }, (_, i) => {
    const text = Object.entries(LISTS).map(([verb, values]) => `${verb.startsWith('I') ? verb : `I ${verb}`} ${values[i % values.length]}.`).join(' ');
    return JSON.stringify({ id: `r${i}`, messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'Noted.' }] });
  });
  const file = join(dir, 'rich.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const kindOf = (b: ChatRequestBody) => b.response_format?.json_schema?.name;
/** The `vN | Root > … > Leaf [hint]` lines of a values prompt, as [id, rendered path]. */
const asked = (b: ChatRequestBody) => [...userText(b).matchAll(/^(v\d+) \| (.+?)(?: \(.+\))? \[[a-z ]+\]$/gm)].map((m) => [m[1]!, m[2]!] as const);
const batchOf = (b: ChatRequestBody) => /batch (\d+) of (\d+)/.exec(userText(b))!.slice(1).map(Number) as [number, number];

const LIFE_STORY = { values: ['Keep your word'], lifeAttitude: 'Takes things one day at a time.', stories: ['At 19 I moved to a new city alone.', 'At 30 I lost a job.', 'At 40 I ran a marathon.'], interests: ['night walks', 'crosswords'] };

/** A well-behaved model: unique values per request, one flagged attribute, a 200-word first-person summary. */
const script = (values: ChatHandler): ChatHandler => (body, ctx) => {
  switch (kindOf(body)) {
    case 'life_story': return { json: LIFE_STORY };
    case 'persona_values': return values(body, ctx);
    case 'persona_contradictions': return { json: { contradictions: [{ attributeIndex: 0, reason: 'conflicts with the life story' }] } };
    case 'persona_summary': return { json: { summary: words(200) } };
    default: return { status: 400, message: `unexpected prompt ${String(kindOf(body))}` };
  }
};
const goodValues: ChatHandler = (body, ctx) => ({ json: { values: Object.fromEntries(asked(body).map(([id]) => [id, `answer ${ctx.index}-${id}`])) } });

let server: OpenAiTestServer | undefined;
beforeEach(() => void vi.stubEnv('OPENAI_API_KEY', TEST_KEY));
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function llmRun(values: ChatHandler, llm: Record<string, unknown> = {}) {
  server = await startOpenAiServer({ chat: script(values) });
  const store = await tempStore();
  const out = tempDir();
  const config = testConfig({
    ingest: { paths: [writeRichCorpus(tempDir())] },
    // One persona at a time, so the server sees each persona's calls in order.
    sample: { personas: 2, k: 80, llm: true, llmPersonas: 1 },
    llm: { baseURL: server.url, model: 'test-model', timeoutMs: 5000, maxRetries: 0, ...llm },
  });
  // Only up to sample: later stages (evaluate, report) are not under test and must not call the server.
  const manifest = await runStages(store, config, { until: 'sample', outputsDir: out });
  const read = () => readFileSync(join(out, 'personas.jsonl'), 'utf8');
  return { server, store, out, config, manifest, read };
}

const sampleReport = (m: RunManifest) => m.stages.find((s) => s.stage === 'sample')!;

describe('sample stage with the LLM paths', () => {
  it('asks for the core, value batches, check and summary; records provenance and counts; reruns for free', async () => {
    const { server, store, out, config, manifest, read } = await llmRun(goodValues);
    const report = sampleReport(manifest);
    expect(report.status).toBe('done');
    expect(report.counts.personas).toBe(2);

    // Per persona, in order: life story, value batches 1…n, check, summary.
    const bodies = chatBodies(server);
    const kinds = bodies.map(kindOf);
    const valueBodies = bodies.filter((b) => kindOf(b) === 'persona_values');
    const perPersona = 3 + valueBodies.length / 2;
    expect(kinds).toEqual([0, 1].flatMap(() => ['life_story', ...Array(perPersona - 3).fill('persona_values'), 'persona_contradictions', 'persona_summary']));
    expect(valueBodies.length).toBeGreaterThanOrEqual(4); // ≥ 2 batches per persona
    for (const b of valueBodies) {
      expect(asked(b).length).toBeGreaterThan(0);
      expect(asked(b).length).toBeLessThanOrEqual(MAX_BATCH);
    }
    // A later batch's prompt carries every value the earlier batches returned ("path: value").
    let checked = 0;
    bodies.forEach((b, i) => {
      if (kindOf(b) !== 'persona_values' || batchOf(b)[0] === 1) return;
      const prev = bodies[i - 1]!;
      expect(kindOf(prev)).toBe('persona_values');
      expect(batchOf(prev)[0]).toBe(batchOf(b)[0] - 1);
      // Request i − 1 is the server's chat index i − 1 (no re-asks here), which made its values.
      for (const [id, path] of asked(prev)) expect(userText(b)).toContain(`${path}: answer ${i - 1}-${id}`);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(2);
    // Units restating an anchor (job, home) are never asked: the anchor fills one, the others are left out.
    expect(valueBodies.flatMap(asked).filter(([, path]) => / > (Occupation|Place of Residence)\b/.test(path))).toEqual([]);
    // The check and the summary see the filled values too.
    const check = bodies.find((b) => kindOf(b) === 'persona_contradictions')!;
    expect(userText(check)).toMatch(/: answer \d+-v\d+$/m);

    // Provenance: every LLM value cites a cached call; the flagged attribute 0 went back to the corpus.
    const llmAttrs = await store.scalar<bigint>("SELECT count(*) FROM persona_attributes WHERE origin = 'llm'");
    expect(llmAttrs).toBeGreaterThan(100n);
    expect(await store.scalar("SELECT count(*) FROM persona_attributes WHERE origin = 'llm' AND llm_call_id IS NULL")).toBe(0n);
    expect(await store.scalar(`SELECT count(*) FROM persona_attributes a WHERE a.origin = 'llm'
      AND NOT EXISTS (SELECT 1 FROM llm_calls c WHERE c.call_id = a.llm_call_id)`)).toBe(0n);
    expect(await store.scalar("SELECT count(*) FROM persona_attributes WHERE position = 0 AND origin = 'llm'")).toBe(0n);
    expect(await store.scalar('SELECT count(*) FROM llm_calls')).toBe(BigInt(bodies.length));

    // JSONL: a core, the LLM summary, attributes citing their calls.
    const jsonl = read();
    const lines = jsonl.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const p of lines) {
      expect(p.core).toMatchObject({ values: LIFE_STORY.values, lifeAttitude: LIFE_STORY.lifeAttitude, interests: LIFE_STORY.interests, tone: expect.any(String) });
      expect(p.core.stories.length).toBeGreaterThanOrEqual(1);
      expect(p.summary).toBe(words(200));
      expect(JSON.stringify(p.attributes)).toMatch(/"origin":"llm","stratum":"\w+","node_id":"\w+","facet_id":"\w+","llm_call_id":"[0-9a-f]{64}"/);
    }

    // Counts: calls per persona and prompt tokens per filled attribute are computable.
    const c = report.counts;
    for (const key of ['llmCalls', 'llmCacheHits', 'llmFailures', 'llmItems', 'llmPromptTokens', 'llmCompletionTokens', 'llmValues', 'llmFlagged']) expect(c[key], key).toBeTypeOf('number');
    expect(c.llmCalls).toBe(bodies.length);
    expect(c.llmCalls! / c.personas!).toBe(perPersona);
    expect(c.llmFailures).toBe(0);
    expect(c.llmFlagged).toBe(2);
    expect(c.llmValues).toBe(Number(llmAttrs));
    expect(c.llmPromptTokens! / c.llmValues!).toBeGreaterThan(10);

    // --force sample: every answer comes from llm_calls, the file is byte-identical.
    const again = await runStages(store, config, { until: 'sample', force: ['sample'], outputsDir: out });
    expect(sampleReport(again)).toMatchObject({ status: 'done', counts: { personas: 2, llmCalls: 0, llmCacheHits: bodies.length } });
    expect(server.count('/v1/chat/completions')).toBe(bodies.length);
    expect(read()).toBe(jsonl);
    // Deleted, it comes back from the stored personas (core, LLM values, call ids), with no call and no rerun.
    rmSync(join(out, 'personas.jsonl'));
    const restored = await runStages(store, config, { until: 'sample', outputsDir: out });
    expect(sampleReport(restored)).toMatchObject({ status: 'skipped', outputs: ['personas.jsonl'] });
    expect(server.count('/v1/chat/completions')).toBe(bodies.length);
    expect(read()).toBe(jsonl);
    expect([LIFE_STORY_PROMPT, VALUES_PROMPT, CONSISTENCY_PROMPT, SUMMARY_PROMPT]).toEqual(['persona-life-story@1', 'persona-values@1', 'persona-consistency@1', 'persona-summary@1']);
  });

  it('garbage value answers: every value falls back to the corpus, the rest of the LLM path still runs', async () => {
    const { server, store, manifest, read } = await llmRun(() => ({ content: 'Sure! Here are the values: v1 = hiking…' }), { maxFailureRate: 1 });
    const report = sampleReport(manifest);
    // Recorded as partial: the next run is not skipped, so the failed calls are retried.
    expect(report.status).toBe('partial');
    expect(report.counts).toMatchObject({ personas: 2, llmValues: 0 });
    expect(report.counts.llmFailures).toBeGreaterThanOrEqual(4);
    // Each batch was asked twice (the client's one re-ask), then recorded as a failure.
    const valueBodies = chatBodies(server).filter((b) => kindOf(b) === 'persona_values');
    expect(valueBodies.length).toBe(2 * Number(await store.scalar("SELECT count(*) FROM failures WHERE item_key LIKE '%#values-%'")));
    expect(await store.scalar("SELECT count(*) FROM persona_attributes WHERE origin = 'llm'")).toBe(0n);
    expect(await store.scalar("SELECT count(*) FROM persona_attributes WHERE origin = 'corpus'")).toBeGreaterThan(50n);
    // Corpus values are what the corpus said under that facet.
    expect(await store.scalar(`SELECT count(*) FROM persona_attributes a JOIN personas p USING (persona_id) WHERE a.origin = 'corpus' AND NOT EXISTS (
      SELECT 1 FROM facet_evidence e WHERE e.version_id = p.taxonomy_version AND e.facet_id = a.facet_id AND starts_with(lower(trim(e.value)), a.value))`)).toBe(0n);
    const lines = read().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const p of lines) {
      expect(p.core).toBeDefined();
      expect(p.summary).toBe(words(200));
      expect(p.node_ids.length).toBeGreaterThan(50);
    }
  });
});
