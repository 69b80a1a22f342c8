/**
 * Embedder numbers: wink JSON → binary cache conversion, cache load, SIF throughput at 10k, 100k
 * and 1M synthetic phrases, peak RSS, and nearest-neighbour accuracy on a hand-made set of
 * synonymous attribute phrases. Nothing is asserted.
 */
import { join } from 'node:path';
import type { Embedder } from '../../pipeline/core/types.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { buildWinkCache, loadWinkVectors, winkCachePath, winkSourcePath } from '../../pipeline/embed/wink-vectors.js';
import { mb, perSecond } from './measure.js';

/** Groups of attribute phrases that mean the same thing; ordinary wording, not any dataset's. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['occupation', 'job', 'profession', 'line of work'],
  ['hometown', 'place of birth', 'birthplace', 'where they grew up'],
  ['pet ownership', 'pets', 'dog ownership', 'animal companion'],
  ['marital status', 'relationship status', 'spouse', 'married or single'],
  ['hobby', 'pastime', 'leisure activity', 'free time activity'],
  ['music preference', 'favorite music', 'music taste', 'preferred music genre'],
  ['diet', 'eating habit', 'dietary preference', 'food restriction'],
  ['education level', 'highest degree', 'educational background', 'schooling'],
  ['religion', 'religious belief', 'faith', 'spiritual practice'],
  ['political view', 'political affiliation', 'political leaning', 'party preference'],
  ['exercise routine', 'workout habit', 'fitness regimen', 'physical activity'],
  ['sleep schedule', 'bedtime', 'sleeping habit', 'sleep pattern'],
  ['personality trait', 'temperament', 'character', 'disposition'],
  ['native language', 'mother tongue', 'first language', 'language spoken'],
  ['health condition', 'medical condition', 'chronic illness', 'diagnosis'],
  ['income', 'salary', 'earnings', 'annual pay'],
  ['place of residence', 'current city', 'where they live', 'home address'],
];

const cos = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export interface NnReport { accuracy: number; phrases: number; same: number[]; other: number[] }

/** Share of phrases whose nearest other phrase is in their own group, plus all pair cosines. */
export async function nearestNeighbourAccuracy(embedder: Embedder, groups = SYNONYM_GROUPS): Promise<NnReport> {
  const phrases = groups.flatMap((g, gi) => g.map((text) => ({ text, gi })));
  const vecs = await embedder.embed(phrases.map((p) => p.text));
  let hits = 0;
  const same: number[] = [];
  const other: number[] = [];
  for (let i = 0; i < phrases.length; i++) {
    let best = -1;
    let bestSim = -Infinity;
    for (let j = 0; j < phrases.length; j++) {
      if (i === j) continue;
      const sim = cos(vecs[i]!, vecs[j]!);
      if (j > i) (phrases[i]!.gi === phrases[j]!.gi ? same : other).push(sim);
      if (sim > bestSim) (bestSim = sim), (best = j);
    }
    if (phrases[best]!.gi === phrases[i]!.gi) hits++;
  }
  return { accuracy: hits / phrases.length, phrases: phrases.length, same, other };
}

/** Deterministic synthetic phrases: 1–3 of the 20k most frequent alphabetic words, by an LCG. */
export function syntheticPhrases(words: readonly string[], n: number, seed = 1): string[] {
  const pool = words.slice(0, 30_000).filter((w) => /^[a-z]+$/.test(w)).slice(0, 20_000);
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = 1 + (next() % 3);
    const parts: string[] = [];
    for (let j = 0; j < k; j++) parts.push(pool[next() % pool.length]!);
    out[i] = parts.join(' ');
  }
  return out;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

/** `dataDir` is unused: the vocabulary comes from the wink package. Run first in its process for a clean conversion RSS. */
export async function benchEmbed(work: string, _dataDir?: string): Promise<void> {
  const cacheDir = join(work, 'embed-cache');
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  await buildWinkCache(winkSourcePath(), winkCachePath(cacheDir));
  console.log(
    `embed: wink JSON (307 MB) → binary cache in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${rssBefore.toFixed(0)} MB before)`,
  );

  const t1 = performance.now();
  const wink = await loadWinkVectors({ cacheDir });
  console.log(`embed: cache load ${(performance.now() - t1).toFixed(0)} ms (${wink.count} words × ${wink.dimensions} dims)`);

  const sif = createSifEmbedder({ cacheDir });
  await sif.embed(['warm up']);
  for (const n of [10_000, 100_000, 1_000_000]) {
    const phrases = syntheticPhrases(wink.words, n);
    const t = performance.now();
    // Chunks of 10k, dropped after use: throughput without holding 1M vectors at once.
    for (let i = 0; i < n; i += 10_000) await sif.embed(phrases.slice(i, i + 10_000));
    console.log(`embed: ${sif.id} ${n} phrases in ${(performance.now() - t).toFixed(0)} ms = ${perSecond(n, performance.now() - t)} phrases/s`);
  }
  console.log(`embed: peak RSS ${mb(process.resourceUsage().maxRSS * 1024).toFixed(0)} MB`);

  const nn = await nearestNeighbourAccuracy(sif);
  console.log(
    `embed: nearest-neighbour accuracy ${nn.accuracy.toFixed(3)} on ${nn.phrases} phrases (calibration 0.74 on 69); same-group cos ` +
      `p25/p50 ${quantile(nn.same, 0.25).toFixed(2)}/${quantile(nn.same, 0.5).toFixed(2)}, other-group p95/p99/max ` +
      `${quantile(nn.other, 0.95).toFixed(2)}/${quantile(nn.other, 0.99).toFixed(2)}/${Math.max(...nn.other).toFixed(2)}; thresholds ${JSON.stringify(sif.thresholds)}`,
  );
}
