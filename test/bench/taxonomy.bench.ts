/**
 * Taxonomy build at scale, offline and without a DB: synthetic attribute-like phrases → wink SIF
 * vectors → assignRoots → buildTaxonomy (default clusterers and shape settings), at 10k, 100k and
 * 1M phrases. Each size runs in a fresh child process so its peak RSS is its own. Nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { taxonomyConfigSchema } from '../../pipeline/config/schema.js';
import { DEFAULT_ROOTS } from '../../pipeline/core/types.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { loadWinkVectors } from '../../pipeline/embed/wink-vectors.js';
import { assignRoots, rootExemplars } from '../../pipeline/taxonomy/assign-roots.js';
import { buildTaxonomy } from '../../pipeline/taxonomy/build.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import { DEFAULT_ROOT_DESCRIPTIONS } from '../../pipeline/taxonomy/root-descriptions.js';
import { shapeSettings } from '../../pipeline/taxonomy/settings.js';
import type { PhraseInput, TaxNode } from '../../pipeline/taxonomy/types.js';

// TAXONOMY_BENCH_SIZES=10000,100000 runs a subset (1M takes about 6 minutes).
const SIZES = (process.env.TAXONOMY_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CHILD = '--taxonomy-child';
/** A size that is this far past its target is reported as unfinished rather than waited for. */
const CHILD_TIMEOUT_MS = 90 * 60_000;
const SELF = fileURLToPath(import.meta.url);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
// The pipeline's own wink cache (outputs/cache): converting the 307 MB JSON in a child would dominate its RSS.
const CACHE_DIR = resolve(REPO, 'outputs/cache');

interface SizeResult {
  n: number;
  generateMs: number;
  embedMs: number;
  assignMs: number;
  clusterMs: number;
  /** User + system CPU of the whole child (worker threads included): fairer than wall time on a busy box. */
  cpuMs: number;
  peakRssMb: number;
  roots: number;
  nodes: number;
  leaves: number;
  merges: number;
  grouping: string;
}

/** Deterministic uniform [0, 1) (mulberry32): no Math.random, same phrases on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Frequent nouns and adjectives of the wink vocabulary (POS-tagged by wink-nlp, one word per line). */
export function vocabulary(words: readonly string[]): { nouns: string[]; adjectives: string[] } {
  const pool = words.slice(0, 30_000).filter((w) => /^[a-z]{3,}$/.test(w));
  const nlp = winkNLP(model, ['pos']);
  const doc = nlp.readDoc(pool.join('\n'));
  const text = doc.tokens().out() as string[];
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  const pick = (tag: string, max: number) => text.filter((_, i) => pos[i] === tag).slice(0, max);
  return { nouns: pick('NOUN', 8_000), adjectives: pick('ADJ', 2_000) };
}

/**
 * n distinct 1–3-word phrases (noun · adj noun · noun noun · adj noun noun), frequent words
 * likelier (u² rank skew, as in real attribute phrases). Mentions are Zipf-like (Pareto α 1.2,
 * floored: ~56% seen once); each phrase gets min(mentions, 8) distinct conversations out of n/2 and
 * up to 3 of 20 sources, so single-mention leaves fall below minSupport 2 and pruning has work to do.
 */
export function syntheticAttributePhrases(vocab: { nouns: string[]; adjectives: string[] }, n: number, seed = 7): PhraseInput[] {
  const next = rng(seed);
  const skewed = (list: string[]) => list[Math.floor(next() * next() * list.length)]!;
  const seen = new Set<string>();
  const out: PhraseInput[] = [];
  const conversationPool = Math.max(1_000, n >> 1);
  while (out.length < n) {
    const shape = next();
    const words = shape < 0.08 ? [skewed(vocab.nouns)]
      : shape < 0.5 ? [skewed(vocab.adjectives), skewed(vocab.nouns)]
      : shape < 0.8 ? [skewed(vocab.nouns), skewed(vocab.nouns)]
      : [skewed(vocab.adjectives), skewed(vocab.nouns), skewed(vocab.nouns)];
    const text = words.join(' ');
    if (seen.has(text)) continue;
    seen.add(text);
    const mentions = Math.min(10_000, Math.floor((1 - next()) ** (-1 / 1.2)));
    const conversations = new Set<number>();
    while (conversations.size < Math.min(mentions, 8)) conversations.add(Math.floor(next() * conversationPool));
    const sources = new Set<number>();
    while (sources.size < Math.min(conversations.size, 3)) sources.add(Math.floor(next() * 20));
    out.push({
      id: `p${out.length}`, text, mentions,
      conversations: Int32Array.from([...conversations].sort((a, b) => a - b)),
      sources: Int32Array.from([...sources].sort((a, b) => a - b)),
    });
  }
  return out;
}

const count = (n: TaxNode): { nodes: number; leaves: number } =>
  n.children.reduce((acc, c) => {
    const sub = count(c);
    return { nodes: acc.nodes + sub.nodes, leaves: acc.leaves + sub.leaves };
  }, { nodes: 1, leaves: n.children.length === 0 ? 1 : 0 });

/** One size, in this (fresh) process; prints its result as one JSON line for the parent. */
async function runSize(n: number): Promise<SizeResult> {
  const embedder = createSifEmbedder({ cacheDir: CACHE_DIR });
  const wink = await loadWinkVectors({ cacheDir: CACHE_DIR });
  const t0 = performance.now();
  const phrases = syntheticAttributePhrases(vocabulary(wink.words), n);
  const t1 = performance.now();
  const d = embedder.dimensions;
  const vectors: Matrix = { data: new Float32Array(n * d), n, d };
  for (let i = 0; i < n; i += 10_000) {
    const chunk = await embedder.embed(phrases.slice(i, i + 10_000).map((p) => p.text));
    chunk.forEach((v, j) => vectors.data.set(v, (i + j) * d));
  }
  const t2 = performance.now();
  const exemplars = await rootExemplars(DEFAULT_ROOTS, DEFAULT_ROOT_DESCRIPTIONS, embedder);
  const rootOf = assignRoots(phrases, vectors, DEFAULT_ROOTS, exemplars);
  const t3 = performance.now();
  const settings = shapeSettings(taxonomyConfigSchema.parse({}), embedder);
  const built = buildTaxonomy({ phrases, vectors, roots: DEFAULT_ROOTS, rootOf, settings, seed: 42 }, defaultClusterers());
  const t4 = performance.now();
  const cpu = process.cpuUsage();
  const totals = built.roots.map(count).reduce((a, b) => ({ nodes: a.nodes + b.nodes, leaves: a.leaves + b.leaves }), { nodes: 0, leaves: 0 });
  return {
    n, generateMs: t1 - t0, embedMs: t2 - t1, assignMs: t3 - t2, clusterMs: t4 - t3, cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024, roots: built.roots.length, ...totals, merges: built.log.length,
    grouping: (settings as { grouping?: string }).grouping ?? 'vectors',
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The targets for the whole offline build (embed + roots + grouping), wall time and peak RSS. */
const TARGETS: Record<number, { seconds: number; mb: number }> = { 100_000: { seconds: 60, mb: 2048 }, 1_000_000: { seconds: 600, mb: 6144 } };
function targetNote(r: SizeResult): string {
  const t = TARGETS[r.n];
  if (!t) return '';
  const met = (r.embedMs + r.assignMs + r.clusterMs) / 1000 < t.seconds && r.peakRssMb < t.mb;
  return `; target < ${t.seconds} s and ${t.mb / 1024} GB: ${met ? 'met' : 'MISSED'}`;
}

/** `dataDir` is unused: phrases are synthetic, built from the wink vocabulary. */
export async function benchTaxonomy(_work: string, _dataDir?: string): Promise<void> {
  await loadWinkVectors({ cacheDir: CACHE_DIR }); // build the binary cache once, here, not in a measured child
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const load = loadavg()[0]!; // other work on the box stretches wall times; CPU time is printed too
    const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, CHILD, String(n)], {
      cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL',
    });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      const why = child.signal === 'SIGKILL' ? `not finished after ${CHILD_TIMEOUT_MS / 60_000} min` : `exit ${child.status}, signal ${child.signal}: ${line}`;
      console.log(`taxonomy: ${n} phrases FAILED (${why})`);
      continue;
    }
    const r = JSON.parse(line) as SizeResult;
    results.push(r);
    console.log(
      `taxonomy: ${n} phrases (${r.grouping} grouping): embed ${s(r.embedMs)}, assign roots ${s(r.assignMs)}, cluster ${s(r.clusterMs)}, ` +
        `total ${s(r.embedMs + r.assignMs + r.clusterMs)} (+ ${s(r.generateMs)} generating; process CPU ${s(r.cpuMs)}); peak RSS ${r.peakRssMb.toFixed(0)} MB; ` +
        `${r.roots} roots, ${r.nodes} nodes, ${r.leaves} leaves, ${r.merges} merges logged; 1-min load avg at start ${load.toFixed(1)}${targetNote(r)}`,
    );
  }
  const at = (n: number) => results.find((r) => r.n === n);
  const [a, b] = [at(100_000), at(1_000_000)];
  if (a && b) {
    const f = (x: SizeResult, y: SizeResult, key: 'embedMs' | 'assignMs' | 'clusterMs') => (y[key] / x[key]).toFixed(1);
    const total = (r: SizeResult) => r.embedMs + r.assignMs + r.clusterMs;
    console.log(
      `taxonomy: growth 100k → 1M (×10 phrases): total ×${(total(b) / total(a)).toFixed(1)} ` +
        `(embed ×${f(a, b, 'embedMs')}, assign ×${f(a, b, 'assignMs')}, cluster ×${f(a, b, 'clusterMs')}); ` +
        `targets: 100k < 60 s and 2 GB, 1M < 600 s and 6 GB, growth near ×10`,
    );
  }
}

if (process.argv[2] === CHILD) console.log(JSON.stringify(await runSize(Number(process.argv[3]))));
