import type { Embedder } from '../core/types.js';
import type { Matrix } from '../cluster/types.js';
import { createDotKernels, dotKernelsModule } from '../cluster/simd-dots.js';
import { isSifEmbedder } from '../embed/sif-embedder.js';
import { rootWeightedPhraseFn } from './root-word-weights.js';
import type { PhraseInput } from './types.js';
import { dot, row } from './vectors.js';

/**
 * Each root's exemplar vectors (its name, its description, and each exemplar phrase in it), root by
 * root. With the offline SIF embedder it also carries `phraseVector`: the phrase embedding used to
 * pick a root, with root-discriminative word weights (root-word-weights.ts); assignRoots then
 * re-embeds unhinted phrases from their text with it instead of using their stored vectors.
 */
export type RootExemplars = Float32Array[][] & { phraseVector?: (text: string) => Float32Array };

export async function rootExemplars(roots: readonly string[], descriptions: Record<string, string>, embedder: Embedder): Promise<RootExemplars> {
  const out: RootExemplars = [];
  for (const root of roots) {
    const text = descriptions[root] ?? '';
    const exemplars = text.split(/[:,]/).map((t) => t.trim()).filter(Boolean);
    out.push(await embedder.embed([root, text || root, ...exemplars]));
  }
  if (isSifEmbedder(embedder)) {
    const sizes = out.map((vs) => vs.length);
    const kernels = exemplarKernels(out, embedder.dimensions);
    const sims = new Float64Array(sizes.reduce((a, b) => a + b, 0));
    out.phraseVector = rootWeightedPhraseFn(await embedder.phraseFn(), (v) => {
      kernels.dots(v, 1, sims);
      const scores = new Float64Array(sizes.length);
      topMeans(sims, sizes, scores);
      return scores;
    });
  }
  return out;
}

/**
 * One root per phrase: the extractor's hint when it names a configured root, else the root
 * whose exemplars it is nearest to (see nearestRoot), measured from `exemplars.phraseVector(text)`
 * when the exemplars carry one, else from the phrase's stored vector. Nothing can land outside
 * the configured list.
 */
export function assignRoots(phrases: readonly PhraseInput[], vectors: Matrix, roots: readonly string[], exemplars: RootExemplars): Int32Array {
  const index = new Map(roots.map((r, i) => [r, i]));
  const out = new Int32Array(phrases.length);
  const open: number[] = [];
  phrases.forEach((p, i) => {
    const hinted = p.rootHint === undefined ? undefined : index.get(p.rootHint);
    if (hinted === undefined) open.push(i);
    else out[i] = hinted;
  });
  // Unhinted phrases are scored in blocks against every exemplar at once (the SIMD dot kernel, the
  // exemplars held in it): at a million phrases, a dot call per (phrase, exemplar) pair would
  // dominate the whole build. Its float32 sums can flip a root only at a near-tie (< 1e-6).
  const flat = exemplars.flat();
  const sizes = exemplars.map((vs) => vs.length);
  const kernels = exemplarKernels(exemplars, vectors.d);
  const BLOCK = 256;
  const x = new Float32Array(BLOCK * vectors.d);
  const sims = new Float64Array(BLOCK * flat.length); // phrase r's dots at r·flat.length …
  const scores = new Float64Array(sizes.length);
  const reembed = exemplars.phraseVector;
  for (let at = 0; at < open.length; at += BLOCK) {
    const rows = open.slice(at, at + BLOCK);
    rows.forEach((i, r) => x.set(reembed ? reembed(phrases[i]!.text) : row(vectors, i), r * vectors.d));
    kernels.dots(x, rows.length, sims);
    rows.forEach((i, r) => (out[i] = bestRoot(sims.subarray(r * flat.length, (r + 1) * flat.length), sizes, scores)));
  }
  return out;
}

/** The SIMD dot kernel holding every exemplar, root by root: dots(v, m, out) puts v_r · exemplar e at out[r·total + e]. */
function exemplarKernels(exemplars: Float32Array[][], d: number) {
  const flat = exemplars.flat();
  const packed = new Float32Array(flat.length * d);
  flat.forEach((v, j) => packed.set(v, j * d));
  const kernels = createDotKernels(dotKernelsModule());
  kernels.setRows(packed, flat.length, d);
  return kernels;
}

/**
 * How many of a root's nearest exemplars are averaged. A nearest-neighbour vote is sharper than
 * one averaged root vector for short phrases, but a single nearest exemplar lets one stray
 * word-sense match decide ("cold" ~ "cold war"); the mean of the best few needs agreement.
 * Measured on test/bench/reference.bench.ts (even leaves chose, odd leaves confirm): ~+0.02–0.03
 * agreement over the single nearest exemplar; k = 2..5 are within noise of each other.
 */
export const ROOT_TOP_K = 3;

/** The root with the highest mean similarity over its ROOT_TOP_K nearest exemplars (ties: lowest index). */
export function nearestRoot(v: Float32Array, exemplars: Float32Array[][]): number {
  return bestRoot(Float64Array.from(exemplars.flat(), (e) => dot(v, e)), exemplars.map((vs) => vs.length));
}

/** The same rule over precomputed similarities, laid out root by root (`sizes[r]` exemplars each). */
function bestRoot(sims: Float64Array, sizes: readonly number[], scores = new Float64Array(sizes.length)): number {
  topMeans(sims, sizes, scores);
  let best = 0;
  for (let r = 1; r < scores.length; r++) if (scores[r]! > scores[best]!) best = r;
  return best;
}

/** Per root, the mean of its ROOT_TOP_K highest similarities (fewer when it has fewer exemplars), into `scores`. */
function topMeans(sims: Float64Array, sizes: readonly number[], scores: Float64Array): void {
  const top = new Float64Array(ROOT_TOP_K);
  let at = 0;
  // Plain loops and a shift-insert: this runs for every unhinted phrase and distinct word (per-root
  // callbacks and copyWithin calls cost more than the dot products here).
  for (let r = 0; r < sizes.length; r++) {
    const size = sizes[r]!;
    top.fill(-Infinity);
    for (let e = at; e < at + size; e++) {
      const s = sims[e]!;
      if (!(s > top[ROOT_TOP_K - 1]!)) continue;
      let j = ROOT_TOP_K - 1; // insertion into the small descending top list, after equal values
      for (; j > 0 && s > top[j - 1]!; j--) top[j] = top[j - 1]!;
      top[j] = s;
    }
    at += size;
    const k = Math.min(ROOT_TOP_K, size);
    let score = 0;
    for (let j = 0; j < k; j++) score += top[j]!;
    scores[r] = k === 0 ? -Infinity : score / k;
  }
}
