/**
 * The memory part of the personas bench: N offline personas through runPersonas (the code path of
 * the sample stage: personaSetup, the worker pool at the default thread count, streamed chunks to
 * the store and a JSONL file) in a fresh child process, so its RSS is its own. The child samples
 * process RSS every 200 ms (one number for the whole process: main thread, worker threads and
 * DuckDB's native memory) and records the peak so far at every tenth of N personas; flat peaks mean
 * the writes are streamed and nothing accumulates.
 *
 * Child entry: `node --import tsx personas-memory.ts --personas-memory-child <db> <n> <jsonl> <dataDir>`.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../../pipeline/config/schema.js';
import { personaSetup, personaThreads } from '../../pipeline/persona/persona-context.js';
import { runPersonas } from '../../pipeline/persona/persona-run.js';
import { createPersonaPool } from '../../pipeline/persona/workers/persona-pool.js';
import { Store } from '../../pipeline/store/store.js';
import { mb } from './measure.js';

const CHILD = '--personas-memory-child';
const SELF = fileURLToPath(import.meta.url);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const RSS_INTERVAL_MS = 200;

export interface Checkpoint {
  personas: number;
  ms: number;
  /** Largest 200 ms RSS sample so far. */
  sampledPeakMb: number;
  /** The kernel's peak RSS so far (getrusage maxrss): exact, whatever the sampling missed. */
  kernelPeakMb: number;
  rssNowMb: number;
  /** DuckDB's own accounting (duckdb_memory()), read right after the checkpoint's chunk. */
  duckdbMb: number;
  /** The main thread's V8 heap (total); worker heaps are inside RSS only. */
  mainHeapMb: number;
}

export interface MemoryResult {
  n: number;
  threads: number;
  setupMs: number;
  runMs: number;
  rssAfterSetupMb: number;
  checkpoints: Checkpoint[];
  samples: number;
  personas: number;
  attributes: number;
  personasWithViolations: number;
  dbMb: number;
  jsonlMb: number;
  /** duckdb_memory() by tag after the run (MB, tags above 1 MB). */
  duckdbTags: Record<string, number>;
  cpuMs: number;
  loadAtStart: number;
}

/** Process RSS every `intervalMs` (unref'd: never keeps the process alive). */
export function startRssSampler(intervalMs = RSS_INTERVAL_MS) {
  let peak = process.memoryUsage.rss();
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    samples++;
  }, intervalMs);
  timer.unref();
  return { peak: () => (peak = Math.max(peak, process.memoryUsage.rss())), samples: () => samples, stop: () => clearInterval(timer) };
}

async function child(db: string, n: number, jsonl: string, dataDir: string): Promise<MemoryResult> {
  const loadAtStart = loadavg()[0]!;
  const rss = startRssSampler();
  const t0 = performance.now();
  const store = await Store.open(db);
  try {
    const threads0 = Number(process.env.BENCH_PERSONAS_THREADS ?? 0); // 0 = the default
    const config = configSchema.parse({ ingest: { paths: [dataDir] }, sample: { personas: n, threads: threads0 } });
    const setup = await personaSetup(store, config, 'bench-memory', 'sample');
    if (!setup.ok) throw new Error(`personas bench: ${setup.reason}`);
    const threads = personaThreads(config, n);
    const pool = threads > 1 ? createPersonaPool(setup.poolContext, threads) : undefined;
    const setupMs = performance.now() - t0;
    const rssAfterSetupMb = mb(process.memoryUsage.rss());
    const marks = Array.from({ length: 10 }, (_, i) => Math.round((n * (i + 1)) / 10)); // every tenth
    const checkpoints: Checkpoint[] = [];
    const duckdb: Promise<void>[] = [];
    const t1 = performance.now();
    const counts = await runPersonas({
      store, ctx: setup.ctx, start: 0, count: n, jsonlPath: jsonl, clear: 'all', pool,
      onChunk: (done) => {
        if (done < marks[checkpoints.length]!) return;
        const cp = { personas: done, ms: performance.now() - t1, sampledPeakMb: mb(rss.peak()), kernelPeakMb: process.resourceUsage().maxRSS / 1024, rssNowMb: mb(process.memoryUsage.rss()), duckdbMb: 0, mainHeapMb: mb(process.memoryUsage().heapTotal) };
        checkpoints.push(cp);
        duckdb.push(store.scalar('SELECT sum(memory_usage_bytes) FROM duckdb_memory()').then((b) => void (cp.duckdbMb = mb(Number(b ?? 0)))));
        process.stderr.write(`  personas memory: ${done.toLocaleString()} personas after ${((performance.now() - t1) / 1000).toFixed(0)} s\n`);
      },
    }).finally(() => pool?.close());
    const runMs = performance.now() - t1;
    await Promise.all(duckdb);
    const tags = await store.all<{ tag: string; bytes: number }>('SELECT tag, memory_usage_bytes::DOUBLE AS bytes FROM duckdb_memory() WHERE memory_usage_bytes > 1048576 ORDER BY 2 DESC');
    rss.stop();
    const cpu = process.cpuUsage();
    return {
      n, threads, setupMs, runMs, rssAfterSetupMb, checkpoints, samples: rss.samples(),
      personas: counts.personas, attributes: counts.attributes, personasWithViolations: counts.personasWithViolations,
      dbMb: mb(statSync(db).size), jsonlMb: mb(statSync(jsonl).size), duckdbTags: Object.fromEntries(tags.map((t) => [t.tag, Math.round(mb(t.bytes))])), cpuMs: (cpu.user + cpu.system) / 1000, loadAtStart,
    };
  } finally {
    store.close();
  }
}

/** Runs the child over `db` (which no other process may hold open) and returns its result, or an error line. */
export function runMemoryChild(db: string, n: number, jsonl: string, dataDir: string): MemoryResult | string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, CHILD, db, String(n), jsonl, dataDir], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], timeout: 90 * 60_000, killSignal: 'SIGKILL',
  });
  const line = result.stdout?.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) return `exit ${result.status}, signal ${result.signal}: ${line}`;
  return JSON.parse(line) as MemoryResult;
}

/** The printed block for the memory part. */
export function printMemory(r: MemoryResult): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `  ${r.personas.toLocaleString()} personas, ${(r.attributes / r.personas).toFixed(1)} attributes each, ${r.threads} worker threads; ` +
      `setup (catalog, pool) ${s(r.setupMs)}, run ${s(r.runMs)} = ${Math.round(r.personas / (r.runMs / 1000))} personas/s, ` +
      `${Math.round(r.attributes / (r.runMs / 1000)).toLocaleString()} attributes/s; process CPU ${s(r.cpuMs)}; 1-min load avg at start ${r.loadAtStart.toFixed(1)}`,
    `  RSS after setup ${r.rssAfterSetupMb.toFixed(0)} MB; ${r.samples} samples every ${RSS_INTERVAL_MS} ms (whole process, worker threads and DuckDB included)`,
    '  personas   elapsed   personas/s since last   peak RSS (sampled / kernel)   RSS now   DuckDB memory   main V8 heap',
  ];
  let prev = { personas: 0, ms: 0 };
  for (const c of r.checkpoints) {
    const rate = (c.personas - prev.personas) / ((c.ms - prev.ms) / 1000);
    lines.push(`  ${c.personas.toLocaleString().padStart(8)}   ${s(c.ms).padStart(7)}   ${rate.toFixed(0).padStart(21)}   ${`${c.sampledPeakMb.toFixed(0)} / ${c.kernelPeakMb.toFixed(0)} MB`.padStart(27)}   ${c.rssNowMb.toFixed(0).padStart(4)} MB   ${c.duckdbMb.toFixed(0).padStart(10)} MB   ${c.mainHeapMb.toFixed(0).padStart(9)} MB`);
    prev = c;
  }
  const [first, last] = [r.checkpoints[0], r.checkpoints.at(-1)];
  if (first && last && last !== first) {
    lines.push(`  growth from ${first.personas.toLocaleString()} to ${last.personas.toLocaleString()} personas: peak RSS +${(last.sampledPeakMb - first.sampledPeakMb).toFixed(0)} MB, ` +
      `DuckDB memory +${(last.duckdbMb - first.duckdbMb).toFixed(0)} MB, main V8 heap ${last.mainHeapMb >= first.mainHeapMb ? '+' : ''}${(last.mainHeapMb - first.mainHeapMb).toFixed(0)} MB`);
  }
  lines.push(`  remaining violations: ${r.personasWithViolations} personas; store file ${r.dbMb.toFixed(0)} MB, personas.jsonl ${r.jsonlMb.toFixed(0)} MB; ` +
    `DuckDB memory by tag after the run: ${Object.entries(r.duckdbTags).map(([t, v]) => `${t} ${v} MB`).join(', ') || 'none above 1 MB'}`);
  return lines;
}

if (process.argv[2] === CHILD) {
  const [db, n, jsonl, dataDir] = process.argv.slice(3);
  console.log(JSON.stringify(await child(resolve(db!), Number(n), resolve(jsonl!), resolve(dataDir!))));
}
