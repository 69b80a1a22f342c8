import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { centroidsOf } from '../../pipeline/cluster/cut-tree.js';
import { createKmeansClusterer, createMlKmeansClusterer, type KmeansStats } from '../../pipeline/cluster/kmeans.js';
import { createMlHclustClusterer } from '../../pipeline/cluster/ml-hclust-clusterer.js';
import { createNnChainClusterer } from '../../pipeline/cluster/nn-chain.js';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { blobs } from '../cluster/synthetic.js';

/**
 * Why we run our own clusterers: ml-hclust vs nn-chain and ml-kmeans vs kmeans@lloyd-v2 on seeded
 * synthetic unit vectors (d = 100). Each case runs in a fresh process so its peak RSS is its own.
 */

type Case =
  | { kind: 'hclust'; impl: 'ml-hclust' | 'nn-chain'; n: number }
  | { kind: 'kmeans'; impl: 'kmeans' | 'ml-kmeans' | 'ml-kmeans-pp'; n: number; k: number; sampleSize?: number };

interface Outcome {
  ms: number;
  /** User + system CPU time of the run: unlike wall time, not inflated when the box is shared. */
  cpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  stats?: KmeansStats;
  /** Lloyd iterations, for ml-kmeans (ours are in stats). */
  iterations?: number;
  meanCos?: number;
  recovered?: number;
}

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const D = 100;
const HCLUST_SIZES = [500, 1_000, 2_000, 4_000, 8_000];
const ML_HCLUST_MAX_N = 2_000; // O(n³): ~40 s here at 2,000, so 4,000 would take ~5 minutes
const CASE_TIMEOUT_MS = 600_000;

function runCase(c: Case, work: string): Outcome | string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, JSON.stringify(c), work], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: CASE_TIMEOUT_MS,
    maxBuffer: 1 << 24,
  });
  if (child.error || child.status !== 0) return child.signal === 'SIGTERM' ? `timed out after ${CASE_TIMEOUT_MS / 1000} s` : `failed: ${child.stderr.slice(-500)}`;
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Outcome;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const show = (o: Outcome | string) =>
  typeof o === 'string'
    ? o
    : `${secs(o.ms)} (CPU ${secs(o.cpuMs)}), peak RSS ${o.peakRssMb.toFixed(0)} MB (${o.rssBeforeMb.toFixed(0)} MB before the run)`;
const heightsFile = (work: string, impl: string, n: number) => join(work, `heights-${impl}-${n}.f64`);

export function benchCluster(work: string, _dataDir: string): void {
  console.log(`cluster hclust: average linkage on cosine distance, d = ${D}, clustered synthetic rows; one process per case`);
  let mlAt2000 = 0;
  for (const n of HCLUST_SIZES) {
    const ours = runCase({ kind: 'hclust', impl: 'nn-chain', n }, work);
    if (n > ML_HCLUST_MAX_N) {
      const projected = mlAt2000 ? ` (~${Math.round((mlAt2000 * (n / ML_HCLUST_MAX_N) ** 3) / 1000)} s projected from n³)` : '';
      console.log(`  n = ${String(n).padStart(5)}: nn-chain ${show(ours)} | ml-hclust skipped${projected}`);
      continue;
    }
    const ref = runCase({ kind: 'hclust', impl: 'ml-hclust', n }, work);
    let tail = '';
    if (typeof ours !== 'string' && typeof ref !== 'string') {
      if (n === ML_HCLUST_MAX_N) mlAt2000 = ref.ms;
      // Copy out of the Buffer: small reads come from a shared pool at an arbitrary offset.
      const [a, b] = ['nn-chain', 'ml-hclust'].map((impl) => new Float64Array(new Uint8Array(readFileSync(heightsFile(work, impl, n))).buffer));
      const maxDiff = a!.reduce((m, h, i) => Math.max(m, Math.abs(h - b![i]!)), 0);
      tail = ` | ${(ref.ms / ours.ms).toFixed(0)}× faster, max |Δ merge height| ${maxDiff.toExponential(1)}`;
    }
    console.log(`  n = ${String(n).padStart(5)}: nn-chain ${show(ours)} | ml-hclust ${show(ref)}${tail}`);
  }

  console.log(`cluster k-means: spherical, d = ${D}, k planted clusters (spread 0.5); one process per case`);
  const plan: { n: number; k: number; sampleSize?: number; ml: ('ml-kmeans' | 'ml-kmeans-pp')[] }[] = [
    { n: 10_000, k: 200, ml: ['ml-kmeans', 'ml-kmeans-pp'] },
    { n: 100_000, k: 1_000, ml: ['ml-kmeans'] },
    { n: 1_000_000, k: 2_000, sampleSize: 100_000, ml: [] },
  ];
  const perPair: number[] = [];
  const totals: number[] = [];
  for (const { n, k, sampleSize, ml } of plan) {
    const o = runCase({ kind: 'kmeans', impl: 'kmeans', n, k, sampleSize }, work);
    const mode = sampleSize ? `sampled: fit on ${sampleSize.toLocaleString('en')} rows, then 1 full assignment pass` : 'full Lloyd';
    console.log(`  n = ${n.toLocaleString('en')}, k = ${k}: kmeans@lloyd-v2 (${mode}) ${show(o)}`);
    if (typeof o !== 'string' && o.stats) {
      const s = o.stats;
      const perPairNs = (s.assignMs * 1e6) / (n * k);
      perPair.push(perPairNs);
      totals.push(o.ms);
      console.log(
        `      init ${secs(s.initMs)}, fit ${secs(s.fitMs)} (${s.iterations} iterations on ${s.fitRows.toLocaleString('en')} rows, ` +
          `${secs(s.fitMs / s.iterations)} each), ` +
          `final assignment ${secs(s.assignMs)} = ${perPairNs.toFixed(3)} ns per row·centroid on ${s.threads} threads; ` +
          `mean cos ${s.meanCos.toFixed(4)}, planted clusters recovered ${(o.recovered! * 100).toFixed(1)}%`,
      );
    }
    for (const impl of ml) {
      const r = runCase({ kind: 'kmeans', impl, n, k }, work);
      const label = impl === 'ml-kmeans' ? 'ml-kmeans@v7 (seeded random rows as init)' : 'ml-kmeans@v7 (its own k-means++)';
      const perIteration = typeof r !== 'string' && r.iterations ? `${r.iterations} iterations, ≤ ${secs(r.ms / r.iterations)} each; ` : '';
      const q = typeof r === 'string' ? '' : `; ${perIteration}mean cos ${r.meanCos!.toFixed(4)}, recovered ${(r.recovered! * 100).toFixed(1)}%`;
      const ratio = typeof r === 'string' || typeof o === 'string' ? '' : ` = ${(r.ms / o.ms).toFixed(1)}× ours`;
      console.log(`      vs ${label}: ${show(r)}${ratio}${q}`);
    }
    if (n === 1_000_000) console.log('      ml-kmeans skipped at 1M: arrays of arrays (~1 GB) and ≥ 20× its 100k time');
  }
  if (perPair.length === 3) {
    console.log(
      `  scaling 100k×1,000 → 1M×2,000 (n·k × 20): total time × ${(totals[2]! / totals[1]!).toFixed(1)}; ` +
        `final-pass cost per row·centroid × ${(perPair[2]! / perPair[1]!).toFixed(2)} (1.00 = linear in n·k)`,
    );
  }
}

/** Purity-style score: share of planted clusters whose rows all share one label no other cluster uses. */
function recovered(labels: Int32Array, truth: Int32Array, k: number): number {
  const first = new Int32Array(k).fill(-1);
  const owner = new Map<number, number>();
  const broken = new Uint8Array(k);
  truth.forEach((t, i) => {
    const l = labels[i]!;
    if (first[t] === -1) first[t] = l;
    else if (first[t] !== l) broken[t] = 1;
    const o = owner.get(l);
    if (o === undefined) owner.set(l, t);
    else if (o !== t) broken[t] = broken[o] = 1;
  });
  return 1 - broken.reduce((s, b) => s + b, 0) / k;
}

/** Mean cosine of each row to its cluster's normalised mean (same yardstick for every implementation). */
function meanCos(m: Matrix, labels: Int32Array, k: number): number {
  const centroids = centroidsOf(m, labels, k);
  let total = 0;
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let t = 0; t < m.d; t++) s += m.data[i * m.d + t]! * centroids[labels[i]! * m.d + t]!;
    total += s;
  }
  return total / m.n;
}

function child(c: Case, work: string): void {
  const rssMb = () => process.memoryUsage().rss / 2 ** 20;
  const cpuMs = () => {
    const u = process.resourceUsage();
    return (u.userCPUTime + u.systemCPUTime) / 1000;
  };
  if (c.kind === 'hclust') {
    const { m } = blobs(c.n, D, Math.max(2, Math.round(c.n / 25)), 0.8, 1);
    const clusterer = c.impl === 'nn-chain' ? createNnChainClusterer() : createMlHclustClusterer();
    const [rssBeforeMb, cpu0, t] = [rssMb(), cpuMs(), performance.now()];
    const merges = clusterer.linkage(m);
    const [ms, cpu] = [performance.now() - t, cpuMs() - cpu0];
    writeFileSync(heightsFile(work, c.impl, c.n), Float64Array.from(merges, (x) => x.height));
    console.log(JSON.stringify({ ms, cpuMs: cpu, rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const { m, truth } = blobs(c.n, D, c.k, 0.5, 2);
  let stats: KmeansStats | undefined;
  let iterations: number | undefined;
  const clusterer =
    c.impl === 'kmeans'
      ? createKmeansClusterer({ sampleSize: c.sampleSize, report: (s) => (stats = s) })
      : createMlKmeansClusterer({ report: (s) => (iterations = s.iterations) });
  const [rssBeforeMb, cpu0, t] = [rssMb(), cpuMs(), performance.now()];
  const out = c.impl === 'ml-kmeans-pp' ? mlKmeansOwnInit(m, c.k) : clusterer.cluster(m, c.k, 1);
  // CPU time includes the worker threads' (resourceUsage is per process).
  const [ms, cpu, peakRssMb] = [performance.now() - t, cpuMs() - cpu0, process.resourceUsage().maxRSS / 1024];
  const quality = { meanCos: meanCos(m, out.assignments, c.k), recovered: recovered(out.assignments, truth, c.k) };
  console.log(JSON.stringify({ ms, cpuMs: cpu, rssBeforeMb, peakRssMb, stats, iterations, ...quality }));
}

/** ml-kmeans exactly as shipped (its seeded k-means++), to show why the wrapper seeds it itself. */
function mlKmeansOwnInit(m: Matrix, k: number) {
  const rows = Array.from({ length: m.n }, (_, i) => Array.from(m.data.subarray(i * m.d, (i + 1) * m.d)));
  const r = mlKmeans(rows, k, { seed: 1 });
  return { assignments: Int32Array.from(r.clusters), centroids: Float32Array.from(r.centroids.flat()) };
}

// Child-process entry: `node --import tsx cluster.bench.ts '<case json>' <work dir>`.
if (process.argv[1] && resolve(process.argv[1]) === SELF) child(JSON.parse(process.argv[2]!) as Case, process.argv[3]!);
