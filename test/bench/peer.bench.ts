/**
 * `npm run bench -- peer`: our offline taxonomy clustering against the obvious scikit-learn pipeline
 * (test/bench/peer_sklearn.py: MiniBatchKMeans micro-clusters + average-linkage agglomeration) on
 * the same 100k phrase vectors and root assignment, in interleaved pairs of fresh processes (the
 * order flips every pair, since other work on a shared box drifts). Wall time is the child process's
 * whole life (start-up and loading included, on both sides); peak RSS is each process's own.
 * Quality is measured here, by one yardstick for both: micro-cluster inertia and the leaf cut's mean
 * cosine to its leaf centroid. The peer runs as shipped and on one thread. The peer part is skipped
 * with a message without python3-sklearn (Debian: `apt-get install python3-sklearn`; PEER_PYTHON picks
 * the interpreter). Nothing is asserted. PEER_BENCH_N (default 100000) and PEER_BENCH_PAIRS (default 3
 * by name, 1 in a plain `npm run bench`) change the size and pair count; on a busy 2-core box each pair
 * takes about 10 minutes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { taxonomyConfigSchema } from '../../pipeline/config/schema.js';
import { DEFAULT_ROOTS } from '../../pipeline/core/types.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { loadWinkVectors } from '../../pipeline/embed/wink-vectors.js';
import { assignRoots, rootExemplars } from '../../pipeline/taxonomy/assign-roots.js';
import { buildTaxonomy } from '../../pipeline/taxonomy/build.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import { groupPhrases, type Group } from '../../pipeline/taxonomy/group-phrases.js';
import { DEFAULT_ROOT_DESCRIPTIONS } from '../../pipeline/taxonomy/root-descriptions.js';
import { shapeSettings } from '../../pipeline/taxonomy/settings.js';
import { leavesOf } from '../../pipeline/taxonomy/support.js';
import type { PhraseInput, ShapeSettings } from '../../pipeline/taxonomy/types.js';
import { syntheticAttributePhrases, vocabulary } from './taxonomy.bench.js';

const N = Number(process.env.PEER_BENCH_N ?? 100_000);
const SEED = 42;
const SELF = fileURLToPath(import.meta.url);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PEER_SCRIPT = fileURLToPath(new URL('./peer_sklearn.py', import.meta.url));
const CACHE_DIR = resolve(REPO, 'outputs/cache');
const CHILD_TIMEOUT_MS = 30 * 60_000;

interface Meta { n: number; d: number; roots: number; seed: number; settings: ShapeSettings; assignMs: number }
interface Run { wallMs: number; clusterMs: number; cpuMs: number; peakRssMb: number; kmeansMs?: number; linkageMs?: number }

/** Child 1: phrases, SIF vectors and our root assignment, written once for both sides. */
async function prepare(work: string): Promise<void> {
  const embedder = createSifEmbedder({ cacheDir: CACHE_DIR });
  const wink = await loadWinkVectors({ cacheDir: CACHE_DIR });
  const phrases = syntheticAttributePhrases(vocabulary(wink.words), N);
  const d = embedder.dimensions;
  const vectors: Matrix = { data: new Float32Array(N * d), n: N, d };
  for (let i = 0; i < N; i += 10_000) {
    const chunk = await embedder.embed(phrases.slice(i, i + 10_000).map((p) => p.text));
    chunk.forEach((v, j) => vectors.data.set(v, (i + j) * d));
  }
  const t = performance.now();
  const rootOf = assignRoots(phrases, vectors, DEFAULT_ROOTS, await rootExemplars(DEFAULT_ROOTS, DEFAULT_ROOT_DESCRIPTIONS, embedder));
  const assignMs = performance.now() - t;
  const settings = shapeSettings(taxonomyConfigSchema.parse({}), embedder);
  const meta: Meta = { n: N, d, roots: DEFAULT_ROOTS.length, seed: SEED, settings, assignMs };
  writeFileSync(join(work, 'meta.json'), JSON.stringify(meta));
  writeFileSync(join(work, 'vectors.f32'), vectors.data);
  writeFileSync(join(work, 'roots.i32'), rootOf);
  writeFileSync(join(work, 'weights.f64'), Float64Array.from(phrases, (p) => p.mentions));
  const plain = phrases.map((p) => ({ ...p, conversations: [...p.conversations], sources: [...p.sources] }));
  writeFileSync(join(work, 'phrases.json'), JSON.stringify(plain));
}

const readTyped = <T>(file: string, make: (b: ArrayBuffer) => T): T => {
  const bytes = readFileSync(file);
  return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

function load(work: string) {
  const meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Meta;
  const vectors: Matrix = { data: readTyped(join(work, 'vectors.f32'), (b) => new Float32Array(b)), n: meta.n, d: meta.d };
  const rootOf = readTyped(join(work, 'roots.i32'), (b) => new Int32Array(b));
  return { meta, vectors, rootOf };
}

/**
 * Child 2 (ours, timed): the whole offline build from that input (grouping, pruning, labels, ids)
 * with the given grouping; writes each phrase's final leaf (-1 when its root was dropped).
 */
function ours(work: string, grouping: string): Omit<Run, 'wallMs'> {
  const { meta, vectors, rootOf } = load(work);
  const phrases = (JSON.parse(readFileSync(join(work, 'phrases.json'), 'utf8')) as (PhraseInput & { conversations: number[]; sources: number[] })[])
    .map((p) => ({ ...p, conversations: Int32Array.from(p.conversations), sources: Int32Array.from(p.sources) }));
  const settings = { ...meta.settings, grouping } as ShapeSettings;
  const t = performance.now();
  const built = buildTaxonomy({ phrases, vectors, roots: DEFAULT_ROOTS, rootOf, settings, seed: meta.seed }, defaultClusterers());
  const clusterMs = performance.now() - t;
  const u = process.resourceUsage();
  const leaf = new Int32Array(meta.n).fill(-1);
  built.roots.flatMap(leavesOf).forEach((node, l) => node.phrases.forEach((i) => (leaf[i] = l)));
  writeFileSync(join(work, `ours-${grouping}-leaf.i32`), leaf);
  return { clusterMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssMb: u.maxRSS / 1024 };
}

/**
 * Child 3 (ours, once, for quality): the clustering step alone, exactly the peer's work (groupPhrases
 * per root, as buildTaxonomy calls it), writing each phrase's micro-cluster and leaf before pruning.
 */
function oursLabels(work: string): Omit<Run, 'wallMs'> {
  const { meta, vectors, rootOf } = load(work);
  const weights = readTyped(join(work, 'weights.f64'), (b) => new Float64Array(b));
  const base = defaultClusterers();
  const micro = new Int32Array(meta.n).fill(-1);
  const leaf = new Int32Array(meta.n).fill(-1);
  let [nextMicro, nextLeaf] = [0, 0];
  let members: number[] = [];
  // k-means runs on the current root's members in index order: map its labels back to phrases.
  const flat = {
    id: base.flat.id,
    cluster(m: Matrix, k: number, seed: number) {
      const out = base.flat.cluster(m, k, seed);
      out.assignments.forEach((a, j) => (micro[members[j]!] = nextMicro + a));
      nextMicro += k;
      return out;
    },
  };
  const walk = (g: Group): void => {
    if (g.children.length) return g.children.forEach(walk);
    for (const i of g.phrases) leaf[i] = nextLeaf;
    nextLeaf++;
  };
  const t = performance.now();
  for (let r = 0; r < meta.roots; r++) {
    members = [];
    for (let i = 0; i < meta.n; i++) if (rootOf[i] === r) members.push(i);
    if (members.length) groupPhrases(vectors, members, (i) => weights[i]!, meta.settings, { ...base, flat }, meta.seed + r).forEach(walk);
  }
  const clusterMs = performance.now() - t;
  writeFileSync(join(work, 'ours-micro.i32'), micro);
  writeFileSync(join(work, 'ours-leaf.i32'), leaf);
  const u = process.resourceUsage();
  return { clusterMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssMb: u.maxRSS / 1024 };
}

/** Σ‖x − mean‖² over labelled rows (label ≥ 0), i.e. k-means inertia with plain means. */
function inertia(m: Matrix, labels: Int32Array): number {
  const k = labels.reduce((a, b) => Math.max(a, b), -1) + 1;
  const sums = new Float64Array(k * m.d);
  const counts = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < m.n; i++) {
    const c = labels[i]!;
    if (c < 0) continue;
    counts[c]!++;
    for (let t = 0; t < m.d; t++) {
      const v = m.data[i * m.d + t]!;
      sums[c * m.d + t]! += v;
      total += v * v;
    }
  }
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let t = 0; t < m.d; t++) sq += sums[c * m.d + t]! ** 2;
    if (counts[c]! > 0) total -= sq / counts[c]!;
  }
  return total;
}

/** Leaf count and the mean cosine of each phrase to its leaf's unit mean (phrases labelled -1 left out). */
function leafCohesion(m: Matrix, labels: Int32Array): { leaves: number; meanCos: number } {
  const k = labels.reduce((a, b) => Math.max(a, b), -1) + 1;
  const sums = new Float64Array(k * m.d);
  let rows = 0;
  for (let i = 0; i < m.n; i++) {
    if (labels[i]! < 0) continue;
    rows++;
    for (let t = 0; t < m.d; t++) sums[labels[i]! * m.d + t]! += m.data[i * m.d + t]!;
  }
  let total = 0;
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let t = 0; t < m.d; t++) sq += sums[c * m.d + t]! ** 2;
    total += Math.sqrt(sq); // Σ_i x_i·(S/‖S‖) over the leaf = ‖S‖
  }
  return { leaves: k, meanCos: total / rows };
}

function findPython(): string | undefined {
  const candidates = [process.env.PEER_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  return candidates.find((py) => spawnSync(py, ['-c', 'import sklearn, scipy, numpy'], { stdio: 'ignore' }).status === 0);
}

function timed(cmd: string, args: string[], env: Record<string, string> = {}): Run | string {
  const t = performance.now();
  const child = spawnSync(cmd, args, {
    cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL', env: { ...process.env, ...env },
  });
  const wallMs = performance.now() - t;
  const line = child.stdout?.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) return `failed (exit ${child.status}, signal ${child.signal}): ${(child.stderr ?? '').slice(-400)}`;
  return { wallMs, ...(JSON.parse(line) as Omit<Run, 'wallMs'>) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const range = (xs: number[], f: (x: number) => string) => (xs.length ? `${f(Math.min(...xs))}–${f(Math.max(...xs))}` : 'n/a');

export async function benchPeer(work: string, _dataDir?: string, { named = true }: { named?: boolean } = {}): Promise<void> {
  // One pair inside a plain `npm run bench` (about 10 minutes on a busy box), three when asked for by name.
  const PAIRS = Number(process.env.PEER_BENCH_PAIRS ?? (named ? 3 : 1));
  await loadWinkVectors({ cacheDir: CACHE_DIR }); // the binary cache, built once outside the measured children
  const tsx = ['--import', 'tsx', SELF];
  const prep = spawnSync(process.execPath, [...tsx, '--peer-prepare', work], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (prep.status !== 0) return console.log(`peer: preparing ${N} phrases failed (exit ${prep.status})`);
  const { meta, vectors } = load(work);
  const python = findPython();
  // Ours with the default grouping, and with the vector grouping (k-means + linkage, the peer's algorithm).
  const groupings = [...new Set([(meta.settings as { grouping?: string }).grouping ?? 'vectors', 'vectors'])];
  console.log(
    `peer: ${N.toLocaleString('en')} synthetic phrases (d = ${meta.d}), ${meta.roots} roots by our assignment (${s(meta.assignMs)}, not part of either side below); ` +
      `micro-clusters above ${meta.settings.microClusters} phrases per root, leaf cut at cosine ${meta.settings.leafSimilarity}, depth ${meta.settings.depth}; ` +
      `ours: the whole build (${groupings.join(' grouping, ')} grouping), the peer: its clustering`,
  );
  if (!python) console.log('peer: scikit-learn side skipped: no python3 with sklearn, scipy and numpy (Debian: apt-get install python3-sklearn; or set PEER_PYTHON)');
  // The peer as shipped (OpenMP and OpenBLAS on every core) and on one thread: on a shared box its
  // threads wait on each other at every mini-batch, and one thread is its faster setting here.
  const sides = [...groupings.map((g) => `ours/${g}`), ...(python ? ['peer', 'peer/1-thread'] : [])];
  const runs = new Map<string, Run[]>(sides.map((side) => [side, []]));
  for (let pair = 0; pair < PAIRS; pair++) {
    const parts: string[] = [];
    for (const side of pair % 2 === 0 ? sides : [...sides].reverse()) {
      const load1 = loadavg()[0]!.toFixed(1);
      const r = side.startsWith('peer')
        ? timed(python!, [PEER_SCRIPT, work], side === 'peer' ? {} : { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' })
        : timed(process.execPath, [...tsx, '--peer-ours', work, side.slice('ours/'.length)]);
      if (typeof r === 'string') {
        parts.push(`${side} ${r}`);
        continue;
      }
      runs.get(side)!.push(r);
      const detail = side.startsWith('peer')
        ? `clustering ${s(r.clusterMs)} (MiniBatchKMeans ${s(r.kmeansMs!)}, agglomeration ${s(r.linkageMs!)})`
        : `build ${s(r.clusterMs)}`;
      parts.push(`${side} ${s(r.wallMs)} wall [${detail}], CPU ${s(r.cpuMs)}, peak RSS ${r.peakRssMb.toFixed(0)} MB (load ${load1})`);
    }
    console.log(`peer: pair ${pair + 1}: ${parts.join(' | ')}`);
  }
  for (const [side, list] of runs) {
    if (!list.length) continue;
    const leaf = side.startsWith('peer') ? undefined : leafCohesion(vectors, readTyped(join(work, `ours-${side.slice(5)}-leaf.i32`), (b) => new Int32Array(b)));
    console.log(
      `peer: ${side.padEnd(12)} wall ${range(list.map((r) => r.wallMs), s)}, CPU ${range(list.map((r) => r.cpuMs), s)}, ` +
        `peak RSS ${range(list.map((r) => r.peakRssMb), (x) => `${x.toFixed(0)}`)} MB` +
        (leaf ? `; final tree: ${leaf.leaves} leaves, mean cosine to leaf centroid ${leaf.meanCos.toFixed(4)}` : ''),
    );
  }
  const peer = runs.get('peer') ?? [];
  for (const g of groupings) {
    for (const p of ['peer', 'peer/1-thread']) {
      const other = runs.get(p) ?? [];
      const ratios = runs.get(`ours/${g}`)!.map((o, i) => (other[i] ? o.wallMs / other[i]!.wallMs : NaN)).filter(Number.isFinite);
      if (ratios.length) console.log(`peer: ours/${g} ÷ ${p}, wall time per pair: ${ratios.map((x) => x.toFixed(2)).join(', ')} (≤ 1.00 = no slower)`);
    }
  }
  // Quality of the clustering itself, one yardstick: the peer's last run (seeded) against our
  // vector grouping's clustering step run once more alone (before pruning, like the peer's).
  const labels = timed(process.execPath, [...tsx, '--peer-ours-labels', work]);
  if (typeof labels === 'string') return console.log(`peer: our clustering step alone ${labels}`);
  console.log(`peer: our clustering step alone (the peer's work: no pruning, labels or ids): ${s(labels.clusterMs)}, CPU ${s(labels.cpuMs)} (load ${loadavg()[0]!.toFixed(1)})`);
  for (const side of ['ours', ...(peer.length ? ['peer'] : [])]) {
    const micro = readTyped(join(work, `${side}-micro.i32`), (b) => new Int32Array(b));
    const leaf = leafCohesion(vectors, readTyped(join(work, `${side}-leaf.i32`), (b) => new Int32Array(b)));
    console.log(
      `peer: quality, ${side === 'ours' ? 'ours (vectors)' : 'peer'}: micro-cluster inertia ${inertia(vectors, micro).toFixed(1)} (lower is better), ` +
        `leaf cut: ${leaf.leaves} leaves, mean cosine to leaf centroid ${leaf.meanCos.toFixed(4)}`,
    );
  }
}

if (process.argv[2] === '--peer-prepare') await prepare(process.argv[3]!);
if (process.argv[2] === '--peer-ours') console.log(JSON.stringify(ours(process.argv[3]!, process.argv[4]!)));
if (process.argv[2] === '--peer-ours-labels') console.log(JSON.stringify(oursLabels(process.argv[3]!)));
