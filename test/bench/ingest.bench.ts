import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateScaledCorpus } from './corpus.js';
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

export async function benchIngest(work: string, dataDir: string): Promise<void> {
  report('bundled data', dataDir, join(work, 'bundled.duckdb'));
  const scaled = join(work, 'x50');
  await generateScaledCorpus(dataDir, scaled, 50);
  report('50x generated corpus', scaled, join(work, 'x50.duckdb'));
}
