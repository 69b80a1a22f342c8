import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeChatCorpus } from './chat-corpus.js';
import { generateScaledCorpus } from './corpus.js';
import { duckdbMs, oursMs, type Timing } from './ingest-compare.js';
import { mb, perSecond, runManifest, stageOf } from './measure.js';

function totalBytes(paths: string[]): number {
  let bytes = 0;
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isFile()) bytes += /\.jsonl?$/.test(p) ? st.size : 0;
    else for (const e of readdirSync(p)) walk(join(p, e));
  };
  paths.forEach(walk);
  return bytes;
}

function report(label: string, dir: string, db: string): void {
  const bytes = totalBytes([dir]);
  const manifest = runManifest(['--db', db, 'ingest', dir]);
  const ingest = stageOf(manifest, 'ingest');
  const secs = ingest.durationMs / 1000;
  console.log(
    `ingest ${label}: ${ingest.counts.turnsAdded} turns, ${mb(bytes).toFixed(1)} MB in ${secs.toFixed(1)} s = ` +
      `${perSecond(ingest.counts.turnsAdded!, ingest.durationMs)} turns/s, ${(mb(bytes) / secs).toFixed(1)} MB/s; peak RSS ${manifest.resources?.peakRssMb} MB`,
  );
  const again = stageOf(runManifest(['--db', db, 'ingest', dir]), 'ingest');
  console.log(`ingest ${label} again (nothing new): ${(again.durationMs / 1000).toFixed(2)} s`);
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const best = (timings: Timing[]): Timing => ({
  ms: Math.min(...timings.map((t) => t.ms)),
  cpuMs: Math.min(...timings.map((t) => t.cpuMs)),
  turns: timings[0]!.turns,
});

interface Side {
  megabytes: number;
  ours: Timing;
  duckdb: Timing;
}

/**
 * Our ingest next to DuckDB loading the same file with the same keys, indexes and hashes (see
 * ingest-compare.ts). Rounds alternate ours and DuckDB and both sizes, and each keeps its best,
 * so that load from other processes on a shared machine hits every figure alike.
 */
async function versusDuckdb(work: string, sizes: number[], rounds: number): Promise<Side[]> {
  const corpora = [];
  for (const megabytes of sizes) {
    const file = join(work, `chat-${megabytes}mb.jsonl`);
    corpora.push({ megabytes, file, ...(await writeChatCorpus(file, megabytes * 1024 * 1024)), ours: [] as Timing[], duckdb: [] as Timing[] });
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of corpora) {
      c.ours.push(await oursMs(c.file, join(work, 'ours.duckdb')));
      c.duckdb.push(await duckdbMs(c.file, join(work, 'duckdb.duckdb')));
    }
  }
  return corpora.map((c) => {
    rmSync(c.file);
    for (const t of [...c.ours, ...c.duckdb]) if (t.turns !== c.turns) throw new Error(`stored ${t.turns} of ${c.turns} turns`);
    const [ours, duckdb] = [best(c.ours), best(c.duckdb)];
    console.log(
      `ingest chat-jsonl ${c.megabytes} MB (${c.conversations} conversations, ${c.turns} turns), best of ${rounds}: ` +
        `ours ${secs(ours.ms)} (CPU ${secs(ours.cpuMs)}), DuckDB same keys ${secs(duckdb.ms)} (CPU ${secs(duckdb.cpuMs)}): ` +
        `ratio ${(ours.ms / duckdb.ms).toFixed(2)} (CPU ${(ours.cpuMs / duckdb.cpuMs).toFixed(2)}; target ≤ 2)`,
    );
    return { megabytes: c.megabytes, ours, duckdb };
  });
}

export async function benchIngest(work: string, dataDir: string): Promise<void> {
  report('bundled data', dataDir, join(work, 'bundled.duckdb'));
  const [small, large] = await versusDuckdb(work, [50, 500], Number(process.env.BENCH_INGEST_ROUNDS ?? 2)) as [Side, Side];
  const growth = (a: Timing, b: Timing) => `${(b.ms / a.ms).toFixed(1)}× (CPU ${(b.cpuMs / a.cpuMs).toFixed(1)}×)`;
  console.log(`ingest growth 500 MB / 50 MB: ours ${growth(small.ours, large.ours)} (target ≤ 10.5), DuckDB ${growth(small.duckdb, large.duckdb)}`);
  const scaled = join(work, 'x50');
  await generateScaledCorpus(dataDir, scaled, 50);
  report('50x generated corpus (Puffin + PrefEval)', scaled, join(work, 'x50.duckdb'));
}
