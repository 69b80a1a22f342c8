import type { Embedder } from '../core/types.js';
import type { Matrix } from '../cluster/types.js';
import type { PhraseInput } from './types.js';
import { dot, row } from './vectors.js';

/** Each root's exemplar vectors: its name, its description, and each exemplar phrase in it. */
export async function rootExemplars(roots: readonly string[], descriptions: Record<string, string>, embedder: Embedder): Promise<Float32Array[][]> {
  const out: Float32Array[][] = [];
  for (const root of roots) {
    const text = descriptions[root] ?? '';
    const exemplars = text.split(/[:,]/).map((t) => t.trim()).filter(Boolean);
    out.push(await embedder.embed([root, text || root, ...exemplars]));
  }
  return out;
}

/**
 * One root per phrase: the extractor's hint when it names a configured root, else the root
 * with the nearest exemplar (a nearest-neighbour vote is sharper than one averaged vector for
 * short phrases). Nothing can land outside the configured list.
 */
export function assignRoots(phrases: readonly PhraseInput[], vectors: Matrix, roots: readonly string[], exemplars: Float32Array[][]): Int32Array {
  const index = new Map(roots.map((r, i) => [r, i]));
  const out = new Int32Array(phrases.length);
  phrases.forEach((p, i) => {
    const hinted = p.rootHint === undefined ? undefined : index.get(p.rootHint);
    out[i] = hinted ?? nearestRoot(row(vectors, i), exemplars);
  });
  return out;
}

export function nearestRoot(v: Float32Array, exemplars: Float32Array[][]): number {
  let best = 0;
  let bestScore = -Infinity;
  exemplars.forEach((vectors, r) => {
    let score = -Infinity;
    for (const e of vectors) score = Math.max(score, dot(v, e));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  });
  return best;
}
