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

/**
 * Our ingest next to DuckDB loading the same file with the same keys, indexes and hashes, in
 * alternating rounds (best of each), so that load from other processes hits both alike.
 */
async function versusDuckdb(work: string, megabytes: number, rounds: number): Promise<{ ours: Timing; duckdb: Timing }> {
  const file = join(work, `chat-${megabytes}mb.jsonl`);
  const { conversations, turns } = await writeChatCorpus(file, megabytes * 1024 * 1024);
  const ours: (Timing & { againMs: number })[] = [];
  const duckdb: Timing[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await oursMs(file, join(work, 'ours.duckdb')));
    duckdb.push(await duckdbMs(file, join(work, 'duckdb.duckdb')));
  }
  rmSync(file);
  for (const t of [...ours, ...duckdb]) if (t.turns !== turns) throw new Error(`stored ${t.turns} of ${turns} turns`);
  const [o, d] = [best(ours), best(duckdb)];
  console.log(
    `ingest chat-jsonl ${megabytes} MB (${conversations} conversations, ${turns} turns), best of ${rounds}: ` +
      `ours ${secs(o.ms)} (CPU ${secs(o.cpuMs)}), DuckDB same keys ${secs(d.ms)} (CPU ${secs(d.cpuMs)}): ` +
      `ratio ${(o.ms / d.ms).toFixed(2)} (CPU ${(o.cpuMs / d.cpuMs).toFixed(2)}; target ≤ 2); ` +
      `ours again with nothing new ${(Math.min(...ours.map((t) => t.againMs)) / 1000).toFixed(2)} s`,
  );
  return { ours: o, duckdb: d };
}

export async function benchIngest(work: string, dataDir: string): Promise<void> {
  report('bundled data', dataDir, join(work, 'bundled.duckdb'));
  const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 2);
  const small = await versusDuckdb(work, 50, rounds);
  const large = await versusDuckdb(work, 500, rounds);
  const growth = (a: Timing, b: Timing) => `${(b.ms / a.ms).toFixed(1)}× (CPU ${(b.cpuMs / a.cpuMs).toFixed(1)}×)`;
  console.log(`ingest growth 500 MB / 50 MB: ours ${growth(small.ours, large.ours)} (target ≤ 10.5), DuckDB ${growth(small.duckdb, large.duckdb)}`);
  const scaled = join(work, 'x50');
  await generateScaledCorpus(dataDir, scaled, 50);
  report('50x generated corpus (Puffin + PrefEval)', scaled, join(work, 'x50.duckdb'));
}
