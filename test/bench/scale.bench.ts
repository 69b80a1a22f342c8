import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { STAGE_NAMES } from '../../pipeline/runner/stage.js';
import { cliJson, mb, type Manifest, type StageRecord } from './measure.js';
import { writeRecombinedChat, writeSelfDisclosures } from './scale-corpus.js';

/**
 * `npm run bench -- scale`: the whole `run` (default config) on generated corpora at 1×, 10× (and,
 * opt-in, 100×) the size, one stage per child process (`run --until STAGE`, the stages before it
 * already up to date), so each stage's peak RSS is its own: the kernel's maxRSS of that process
 * (Node heap, worker threads and DuckDB together), from the run manifest. Nothing is asserted.
 *
 * Corpora (scale-corpus.ts): `self-disclosures` (issue 11: 20,000 one-turn conversations per 1×,
 * made-up values, so vocabularies grow with the corpus) and `recombined-chat` (the bundled corpus
 * recombined: 21,648 turns per 1×, about 2.2 M at 100×).
 *
 * Environment: BENCH_SCALE_SIZES (default "1,10" by name, "1" inside a plain `npm run bench`;
 * "1,10,100" for the full run, hours on 2 cores),
 * BENCH_SCALE_CORPORA (default both), BENCH_SCALE_KEEP=1 keeps the stores in the bench folder.
 */
const CORPORA = {
  'self-disclosures': (file: string, times: number) => writeSelfDisclosures(file, times),
  'recombined-chat': (file: string, times: number, dataDir: string) => writeRecombinedChat(file, dataDir, times),
};
type CorpusName = keyof typeof CORPORA;

interface StageMeasure { stage: string; seconds: number; peakRssMb: number; summary: string }

const list = (v: string | undefined, fallback: string) => (v ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);

export async function benchScale(work: string, dataDir: string, opts: { named: boolean }): Promise<void> {
  // Part of a plain `npm run bench`: 1× only (minutes); by name: 1× and 10× (tens of minutes).
  const sizes = list(process.env.BENCH_SCALE_SIZES, opts.named ? '1,10' : '1').map(Number);
  const corpora = list(process.env.BENCH_SCALE_CORPORA, Object.keys(CORPORA).join(',')) as CorpusName[];
  for (const name of corpora) if (!(name in CORPORA)) throw new Error(`unknown corpus "${name}"; choose from ${Object.keys(CORPORA).join(', ')}`);
  console.log(`\nscale: full run per stage in a child process; sizes ${sizes.join('×, ')}×; load avg ${loadavg()[0]!.toFixed(1)} (2 shared cores: times are noisy)`);
  const results: { name: string; times: number; stages: StageMeasure[] }[] = [];
  for (const name of corpora) {
    for (const times of sizes) {
      const dir = join(work, `scale-${name}-${times}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'corpus.jsonl');
      const units = await CORPORA[name](file, times, dataDir);
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ db: join(dir, 'deeppersona.duckdb'), ingest: { paths: [file], format: 'chat-jsonl' } }));
      console.log(`\n${name} ${times}× (${mb(statSync(file).size).toFixed(1)} MB, ${units} ${name === 'self-disclosures' ? 'conversations' : 'turns'}):`);
      const stages = STAGE_NAMES.map((stage) => measureStage(config, stage));
      results.push({ name, times, stages });
      if (!process.env.BENCH_SCALE_KEEP) rmSync(dir, { recursive: true, force: true });
    }
  }
  printSummary(results);
}

function measureStage(config: string, stage: string): StageMeasure {
  const t0 = performance.now();
  const manifest = cliJson<Manifest>(['--config', config, 'run', '--until', stage]);
  const record = manifest.stages.find((s) => s.stage === stage) as (StageRecord & { summary?: string }) | undefined;
  const measure = {
    stage,
    seconds: (record?.durationMs ?? performance.now() - t0) / 1000,
    peakRssMb: manifest.resources?.peakRssMb ?? NaN,
    summary: record?.summary ?? '',
  };
  console.log(`  ${stage.padEnd(8)} ${measure.seconds.toFixed(1).padStart(7)} s  peak RSS ${String(measure.peakRssMb).padStart(5)} MB  ${measure.summary.slice(0, 110)}`);
  return measure;
}

function printSummary(results: { name: string; times: number; stages: StageMeasure[] }[]): void {
  console.log('\nscale summary: seconds / peak RSS MB per stage (time ratio to the 1× run of the corpus)');
  console.log(`  ${'corpus'.padEnd(22)}${STAGE_NAMES.map((s) => s.padStart(16)).join('')}`);
  for (const r of results) {
    const base = results.find((x) => x.name === r.name && x.times === 1);
    const cells = r.stages.map((s, i) => {
      const ratio = base && r !== base && base.stages[i]!.seconds > 0 ? ` ×${(s.seconds / base.stages[i]!.seconds).toFixed(0)}` : '';
      return `${s.seconds.toFixed(0)}s/${s.peakRssMb}${ratio}`.padStart(16);
    });
    console.log(`  ${`${r.name} ${r.times}×`.padEnd(22)}${cells.join('')}`);
  }
}
