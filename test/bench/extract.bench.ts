import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractionQuality } from '../../pipeline/evaluate/extraction-quality.js';
import { Store } from '../../pipeline/store/store.js';
import { startOpenAiServer } from '../helpers/openai-server.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { cliJson, perSecond, runManifest, stageOf } from './measure.js';

/** Offline extraction throughput and PrefEval quality on the bundled data, via the real CLI. */
export function benchExtractOffline(work: string, dataDir: string): void {
  const db = join(work, 'extract.duckdb');
  const config = join(work, 'extract-config.json');
  writeFileSync(config, JSON.stringify({ ingest: { paths: [dataDir] } }));
  const manifest = runManifest(['--db', db, '--config', config, 'run', '--until', 'extract']);
  const stage = stageOf(manifest, 'extract');
  const [{ n: userTurns }] = cliJson<{ n: number }[]>(['--db', db, 'sql', "SELECT count(*) AS n FROM turns WHERE role = 'user'"]) as [{ n: number }];
  console.log(
    `extract offline: ${stage.counts.mentions} mentions from ${userTurns} user turns in ${(stage.durationMs / 1000).toFixed(1)} s = ` +
      `${perSecond(userTurns, stage.durationMs)} user turns/s; peak RSS ${manifest.resources?.peakRssMb} MB`,
  );
  const quality = cliJson<ExtractionQuality>(['--db', db, 'evaluate', 'extraction']);
  console.log(
    `extract quality, PrefEval persona-driven (${quality.overall.conversations}): persona match ${quality.overall.personaMatch.toFixed(3)}, ` +
      `preference match ${quality.overall.preferenceMatch.toFixed(3)}, ${quality.overall.mentionsPer100UserTurns.toFixed(1)} mentions per 100 user turns ` +
      `(crude-regex calibration 0.17 / 0.10; target 0.35 / 0.20)`,
  );
}

/** LLM extraction against the scripted server answering after 100 ms, with maxConcurrency 16. */
export async function benchExtractLlm(work: string): Promise<void> {
  const server = await startOpenAiServer({ chat: () => ({ json: { mentions: [] }, delayMs: 100 }) });
  const file = join(work, 'llm-corpus.jsonl');
  const lines = Array.from({ length: 1600 }, (_, i) => JSON.stringify({ id: i, messages: [{ role: 'user', content: `i'm a nurse, message ${i}` }] }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const store = await Store.open(join(work, 'llm.duckdb'));
  try {
    const config = testConfig({ ingest: { paths: [file] }, extract: { extractor: 'llm', chunkSize: 2000 }, llm: { baseURL: server.url, model: 'bench', maxConcurrency: 16 } });
    const first = stageOf(await runStages(store, config), 'extract');
    const calls = first.counts.llmCalls!;
    console.log(
      `extract llm (scripted server, 100 ms latency, maxConcurrency 16): ${calls} calls in ${(first.durationMs / 1000).toFixed(1)} s = ` +
        `${(calls / (first.durationMs / 1000)).toFixed(1)} calls/s (ceiling 160/s, target >= 144/s)`,
    );
    const before = server.count('/v1/chat/completions');
    await runStages(store, config, { force: ['extract'] });
    console.log(`extract llm rerun: ${server.count('/v1/chat/completions') - before} calls`);
  } finally {
    store.close();
    await server.close();
  }
}
