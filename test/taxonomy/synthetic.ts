import type { Matrix } from '../../pipeline/cluster/types.js';
import { assignRoots } from '../../pipeline/taxonomy/assign-roots.js';
import { buildTaxonomy } from '../../pipeline/taxonomy/build.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import type { PhraseInput, ShapeSettings } from '../../pipeline/taxonomy/types.js';
import { normalise } from '../../pipeline/taxonomy/vectors.js';

export const D = 12;

/** A unit vector along axis `a`, nudged towards axis `b` by `mix`: close axes make close phrases. */
export function axis(a: number, mix = 0, b = (a + 1) % D): Float32Array {
  const v = new Float32Array(D);
  v[a] = 1;
  v[b]! += mix;
  return normalise(v);
}

export interface Spec {
  text: string;
  vector: Float32Array;
  root?: string;
  conversations: number[];
  mentions?: number;
}

export function makeInput(specs: Spec[]): { phrases: PhraseInput[]; vectors: Matrix } {
  const data = new Float32Array(specs.length * D);
  specs.forEach((s, i) => data.set(s.vector, i * D));
  const phrases = specs.map((s) => ({
    id: `ph_${s.text.replace(/\s+/g, '_')}`,
    text: s.text,
    rootHint: s.root,
    mentions: s.mentions ?? s.conversations.length,
    conversations: Int32Array.from(s.conversations),
    sources: Int32Array.from([0]),
  }));
  return { phrases, vectors: { data, n: specs.length, d: D } };
}

export const SETTINGS: ShapeSettings = { depth: 3, branching: 8, minChildren: 2, minSupport: 2, leafSimilarity: 0.9, microClusters: 3000 };

export const ROOTS = ['Career and Work Identity', 'Hobbies, Interests, and Lifestyle', 'Relationships and Social Networks'];

/** Three roots; within each, two tight groups of near-synonyms, plus a lone rare phrase. */
export function corpus(): Spec[] {
  const c = (...ids: number[]) => ids;
  return [
    { text: 'occupation', vector: axis(0), root: ROOTS[0], conversations: c(1, 2, 3, 4) },
    { text: 'job', vector: axis(0, 0.1), root: ROOTS[0], conversations: c(5, 6) },
    { text: 'employer', vector: axis(1), root: ROOTS[0], conversations: c(7, 8, 9) },
    { text: 'workplace', vector: axis(1, 0.1), root: ROOTS[0], conversations: c(9, 10) },
    { text: 'pet ownership', vector: axis(4), root: ROOTS[1], conversations: c(11, 12, 13) },
    { text: 'dog ownership', vector: axis(4, 0.12), root: ROOTS[1], conversations: c(14, 15) },
    { text: 'hiking', vector: axis(5), root: ROOTS[1], conversations: c(16, 17) },
    { text: 'outdoor activity', vector: axis(5, 0.1), root: ROOTS[1], conversations: c(18, 19) },
    { text: 'rare hobby', vector: axis(5, 0.6, 6), root: ROOTS[1], conversations: c(20) },
    { text: 'partner', vector: axis(8), root: ROOTS[2], conversations: c(21, 22) },
    { text: 'spouse', vector: axis(8, 0.1), root: ROOTS[2], conversations: c(23, 24) },
    { text: 'child', vector: axis(9), root: ROOTS[2], conversations: c(25, 26) },
    { text: 'kids', vector: axis(9, 0.1), root: ROOTS[2], conversations: c(27) },
  ];
}

export function build(specs = corpus(), settings = SETTINGS, previous?: Parameters<typeof buildTaxonomy>[2]) {
  const { phrases, vectors } = makeInput(specs);
  const rootOf = assignRoots(phrases, vectors, ROOTS, ROOTS.map((_, r) => [new Float32Array(vectors.d).fill(r === 0 ? 1 : 0)]));
  return { phrases, built: buildTaxonomy({ phrases, vectors, roots: ROOTS, rootOf, settings, seed: 42 }, defaultClusterers(), previous) };
}

