/**
 * Personas end to end on the bundled data, through the real code paths: the store is built once by
 * running the real pipeline (ingest → extract → embed → cluster → sample, default config) into the
 * bench's temp dir; every later part reruns the sample stage (or runPersonas) over that store and
 * reads the results back from it. Nothing is asserted. Parts (numbered as in the brief; they run
 * in the order 1, 2, 4, 5, 3, since 3 needs the store closed and sizes itself from 4's rate):
 *
 *  1. quality, default config (100 personas, seed 42): attributes per persona (target mean ≥ 200),
 *     roots present in every persona, remaining rule violations (target 0), attributes linked to a
 *     taxonomy node and corpus values with evidence (targets 100%).
 *  2. speed: 1,000 personas (default k) through the sample stage, one thread per core (threads = 0) and threads = 1 (the default)
 *     (target < 10 s).
 *  4. anchor fidelity of 10,000 personas, anchors read back from the store: per-country age KS
 *     with n and the iid noise floor, the pooled KS against the population-weighted mixture
 *     (target < 0.02) and the country share error.
 *  5. LLM path: 20 personas with `sample.llm` against an in-process scripted server (20 ms
 *     latency), then a forced rerun (0 calls expected).
 *  3. memory: N personas through runPersonas in a fresh child process, RSS sampled every 200 ms.
 *     It takes minutes, so it runs only when this bench is named (`npm run bench -- personas`) or
 *     BENCH_PERSONAS_100K=1; plain `npm run bench` skips it. Size: BENCH_PERSONAS_100K=1 runs the
 *     full 100,000; named without it, 100,000 when part 4's rate projects ≤ 6 minutes, else 30,000
 *     (said in the output). BENCH_PERSONAS_MEMORY_N=n forces a size; BENCH_PERSONAS_100K=0 skips it.
 *
 * Other work on the machine stretches wall times: the 1-minute load average is printed per part.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createAnchorSampler } from '../../pipeline/anchors/sample-anchors.js';
import type { Config } from '../../pipeline/config/schema.js';
import { personaThreads } from '../../pipeline/persona/persona-context.js';
import { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { printLlm, benchLlmPersonas } from './personas-llm.js';
import { printMemory, runMemoryChild, type MemoryResult } from './personas-memory.js';
import { anchorFidelity, personaQuality, type PersonaSet } from './personas-quality.js';

const SEED = 42;
const SPEED_N = 1_000;
const FIDELITY_N = 10_000;
const LLM_N = 20;
const LLM_LATENCY_MS = 20;
const MEMORY_FULL = 100_000;
const MEMORY_SCALED = 30_000;
const MEMORY_BUDGET_S = 360;

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) : 'n/a');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => `load avg ${loadavg()[0]!.toFixed(1)}`;

interface SampleRun {
  ms: number;
  counts: Record<string, number>;
  threads: number;
}

export async function benchPersonas(work: string, dataDir: string, opts: { named?: boolean } = {}): Promise<void> {
  const dir = join(work, 'personas');
  const outputsDir = join(dir, 'outputs');
  mkdirSync(outputsDir, { recursive: true });
  const db = join(dir, 'personas.duckdb');
  const configOf = (sample: Record<string, unknown>): Config => testConfig({ seed: SEED, ingest: { paths: [dataDir] }, sample });
  const rows: [string, string][] = [];
  console.log(`\npersonas: bundled data (${dataDir}), seed ${SEED}; ${load()}`);

  let store = await Store.open(db);
  let fidelityMs = 0;
  try {
    // 1. The real pipeline, default config: builds the store (once) and samples 100 personas.
    const t0 = performance.now();
    const built = await runStages(store, configOf({}), { until: 'sample', outputsDir });
    const buildMs = performance.now() - t0;
    const sample1 = built.stages.find((s) => s.stage === 'sample')!;
    const version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
    const set: PersonaSet = { seed: SEED, version };
    const config = configOf({});
    const q = await personaQuality(store, set, config.roots);
    const [leaves, facets] = await Promise.all([
      store.scalar('SELECT count(*) FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf', [version]),
      store.scalar('SELECT count(*) FROM value_facets WHERE version_id = $1', [version]),
    ]);
    console.log(`\n1. quality: ${q.personas} personas (default config, k = ${config.sample.k}) from taxonomy v${version} (${leaves} leaves, ${facets} value facets); pipeline build ${secs(buildMs)}`);
    console.log(`  ${built.stages.map((s) => `${s.stage} ${secs(s.durationMs)}`).join(', ')}`);
    console.log(`  attributes per persona: mean ${q.meanAttributes.toFixed(1)} (target >= 200), min ${q.minAttributes}, max ${q.maxAttributes}`);
    console.log(`  roots: ${q.taxonomyRoots.length} of ${config.roots.length} configured roots have leaves${q.rootsWithoutLeaves.length ? ` (none in: ${q.rootsWithoutLeaves.join(', ')})` : ''}; ` +
      `personas missing any of them: ${q.personasMissingARoot}${Object.keys(q.missingByRoot).length ? ` ${JSON.stringify(q.missingByRoot)}` : ''}`);
    console.log(`  rule violations remaining: ${sample1.counts.violations} (${sample1.counts.personasWithViolations} personas; target 0) after ${sample1.counts.repairs} repairs, ${sample1.counts.dropped} attributes dropped`);
    console.log(`  attributes linked to a taxonomy node of v${version}: ${q.linkedToNode}/${q.attributes} = ${pct(q.linkedToNode, q.attributes)}% (to a leaf: ${pct(q.linkedToLeaf, q.attributes)}%)`);
    console.log(`  origins: ${Object.entries(q.byOrigin).map(([k, v]) => `${k} ${v}`).join(', ')}; corpus values with >= 1 evidence mention: ` +
      `${q.corpusWithEvidence}/${q.corpusValues} = ${pct(q.corpusWithEvidence, q.corpusValues)}%`);
    rows.push(
      ['personas, bundled data, default config (100 personas, seed 42): attributes per persona', `mean ${q.meanAttributes.toFixed(1)}, min ${q.minAttributes} (k = ${config.sample.k})`],
      ['roots / rule violations', `${q.taxonomyRoots.length} of ${config.roots.length} roots have leaves; ${q.personasMissingARoot} personas miss one; ${sample1.counts.violations} violations remaining`],
      ['attributes linked to a taxonomy node / corpus values with evidence', `${pct(q.linkedToNode, q.attributes)}% / ${pct(q.corpusWithEvidence, q.corpusValues)}%`],
    );

    // 2. Speed: 1,000 personas through the sample stage, one thread per core then one (the default).
    const runSample = async (sample: Record<string, unknown>, force: boolean): Promise<SampleRun> => {
      const c = configOf(sample);
      const m = await runStages(store, c, { until: 'sample', outputsDir, ...(force ? { force: ['sample' as const] } : {}) });
      const r = m.stages.find((s) => s.stage === 'sample')!;
      if (r.status !== 'done') throw new Error(`personas bench: sample ${r.status}`);
      return { ms: r.durationMs, counts: r.counts, threads: personaThreads(c, c.sample.personas) };
    };
    console.log(`\n2. speed: ${SPEED_N.toLocaleString()} personas through the sample stage (k = ${config.sample.k}; wall time of the stage, setup and pool start included); ${load()}`);
    const speed: SampleRun[] = [];
    for (const threads of [0, 1]) {
      const r = await runSample({ personas: SPEED_N, threads }, threads === 1);
      speed.push(r);
      console.log(`  threads = ${threads === 0 ? `one per core (${r.threads})` : '1 (default)'}: ${secs(r.ms)} (target < 10 s), ${Math.round(r.counts.attributes! / (r.ms / 1000)).toLocaleString()} attributes/s, ` +
        `${(r.ms / SPEED_N).toFixed(1)} ms per persona; mean ${r.counts.meanAttributes} attributes (min ${r.counts.minAttributes}); ${r.counts.personasWithViolations} with violations; ${load()}`);
    }
    rows.push([`sample stage, ${SPEED_N.toLocaleString()} personas (mean ${speed[0]!.counts.meanAttributes} attributes), threads ${speed[0]!.threads} / 1`,
      `${secs(speed[0]!.ms)} / ${secs(speed[1]!.ms)} (${Math.round(speed[0]!.counts.attributes! / (speed[0]!.ms / 1000)).toLocaleString()} / ${Math.round(speed[1]!.counts.attributes! / (speed[1]!.ms / 1000)).toLocaleString()} attributes/s)`]);

    // 4. Anchor fidelity of 10,000 personas, read back from the store.
    const big = await runSample({ personas: FIDELITY_N }, false);
    fidelityMs = big.ms;
    const s = config.sample;
    const sampler = createAnchorSampler({ mode: s.anchorMode, minAge: s.minAge, maxAge: s.maxAge, overrides: s.anchors });
    const f = await anchorFidelity(store, set, sampler);
    console.log(`\n4. anchors of ${f.personas.toLocaleString()} personas read from the store (population mode, ages ${s.minAge}-${s.maxAge}); ` +
      `sample stage ${secs(big.ms)} (${big.threads} threads, ${(big.ms / FIDELITY_N).toFixed(1)} ms per persona); ${load()}`);
    console.log('  country      n   age KS   iid noise 1.36/sqrt(n)   KS / noise');
    for (const r of f.big) console.log(`  ${r.iso2.padEnd(7)}  ${String(r.n).padStart(5)}   ${r.ks.toFixed(4)}   ${r.noise.toFixed(4).padStart(22)}   ${(r.ks / r.noise).toFixed(2).padStart(10)}`);
    const worst = f.big.reduce((w, r) => (r.ks > w.ks ? r : w), f.big[0]!);
    console.log(`  max per-country KS (n >= 200, ${f.big.length} countries): ${worst.ks.toFixed(4)} (${worst.iso2}, n = ${worst.n}, noise floor ${worst.noise.toFixed(4)}); ` +
      `target < 0.02 is below the noise floor of every country here (largest n = ${f.big[0]!.n})`);
    console.log(`  pooled age KS, all ${f.personas.toLocaleString()} ages vs the population-weighted mixture: ${f.pooledKs.toFixed(4)} (target < 0.02; iid noise floor ${(1.36 / Math.sqrt(f.personas)).toFixed(4)})`);
    console.log(`  country shares: ${f.countries} countries sampled; max abs error vs population shares ${f.shareMaxError.toFixed(5)} (${f.shareWorst}; iid standard error of that share ${f.shareNoise.toFixed(5)})`);
    rows.push([`anchors of ${FIDELITY_N.toLocaleString()} stored personas: pooled age KS / max per-country KS (n >= 200) / country share max error`,
      `${f.pooledKs.toFixed(4)} / ${worst.ks.toFixed(4)} (${worst.iso2}, n = ${worst.n}, noise ${worst.noise.toFixed(3)}) / ${f.shareMaxError.toFixed(5)}`]);

    // 5. The LLM path against the scripted server.
    console.log(`\n5. LLM: ${LLM_N} personas with sample.llm against the scripted server (127.0.0.1, ${LLM_LATENCY_MS} ms latency); ${load()}`);
    const llm = await benchLlmPersonas(store, dataDir, outputsDir, { personas: LLM_N, latencyMs: LLM_LATENCY_MS });
    for (const line of printLlm(llm)) console.log(line);
    const c = llm.first.counts;
    rows.push([`LLM personas, scripted server at ${LLM_LATENCY_MS} ms: calls per persona / prompt tokens per filled attribute / wall time (${LLM_N} personas) / rerun calls`,
      `${(llm.first.calls / LLM_N).toFixed(1)} / ${((c.llmPromptTokens ?? 0) / (c.llmValues || 1)).toFixed(0)} / ${secs(llm.first.ms)} / ${llm.rerun.calls}`]);
  } finally {
    store.close();
  }

  // 3. Memory, last: the child process opens the store, so this process must have closed it.
  const env = process.env.BENCH_PERSONAS_100K;
  const forcedN = Number(process.env.BENCH_PERSONAS_MEMORY_N) || undefined;
  if (env === '0' || (!opts.named && env !== '1' && !forcedN)) {
    console.log('\n3. memory: skipped (runs with `npm run bench -- personas` or BENCH_PERSONAS_100K=1)');
  } else {
    const projectedS = (fidelityMs / FIDELITY_N) * MEMORY_FULL / 1000;
    const n = forcedN ?? (env === '1' || projectedS <= MEMORY_BUDGET_S ? MEMORY_FULL : MEMORY_SCALED);
    const why = forcedN ? 'BENCH_PERSONAS_MEMORY_N' : env === '1' ? 'BENCH_PERSONAS_100K=1: full size whatever the projection'
      : n === MEMORY_FULL ? `projected ${projectedS.toFixed(0)} s <= ${MEMORY_BUDGET_S} s` : `SCALED DOWN from 100,000: projected ${projectedS.toFixed(0)} s > ${MEMORY_BUDGET_S} s at part 4's rate`;
    console.log(`\n3. memory: ${n.toLocaleString()} personas through runPersonas in a child process (${why}); ${load()}`);
    const jsonl = join(outputsDir, 'personas-memory.jsonl');
    const r: MemoryResult | string = runMemoryChild(db, n, jsonl, dataDir);
    rmSync(jsonl, { force: true });
    if (typeof r === 'string') console.log(`  FAILED: ${r}`);
    else {
      for (const line of printMemory(r)) console.log(line);
      const marks = [r.checkpoints[0], r.checkpoints[4], r.checkpoints.at(-1)].filter((cp) => cp !== undefined);
      const peaks = marks.map((cp) => `${cp.sampledPeakMb.toFixed(0)}`).join(' / ');
      rows.push([`runPersonas, ${r.n.toLocaleString()} personas (${r.threads} threads): wall time; peak RSS at ${marks.map((cp) => `${cp.personas / 1000}k`).join(' / ')}`,
        `${(r.runMs / 1000).toFixed(0)} s (${Math.round(r.personas / (r.runMs / 1000))} personas/s); ${peaks} MB`]);
    }
  }

  console.log('\npersonas summary (for the README table):\n| what | result |\n|---|---|');
  for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
}
