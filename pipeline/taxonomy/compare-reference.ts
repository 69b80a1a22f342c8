import { PipelineError } from '../core/errors.js';
import type { Embedder } from '../core/types.js';
import { mapToRoot } from '../extractors/root-mapping.js';
import type { NestedTaxonomy } from './export.js';

export interface TaxonomyCounts {
  roots: number;
  nodes: number;
  leaves: number;
  maxDepth: number;
  meanLeavesPerRoot: number;
}

export interface Share {
  matched: number;
  total: number;
  share: number;
}

/** One leaf and its nearest leaf on the other side (by cosine of "parent label + label"). */
export interface LeafMatch {
  path: string;
  nearest: string | null;
  similarity: number;
  covered: boolean;
}

export interface ReferenceComparison {
  embedderId: string;
  threshold: number;
  coverage: {
    /** Reference leaves that some leaf of ours matches. */
    reference: Share;
    /** Our leaves that some reference leaf matches. */
    ours: Share;
  };
  /** Reference leaves whose nearest leaf of ours sits in the root their top-level key maps to. */
  rootAgreement: Share;
  /** Each reference top-level key → the configured root it maps to. */
  rootMapping: Record<string, string>;
  counts: { ours: TaxonomyCounts; reference: TaxonomyCounts };
  referenceLeaves: (LeafMatch & { expectedRoot: string; ourRoot: string | null; rootAgrees: boolean })[];
  ourLeaves: LeafMatch[];
}

/** "foodPreference", "food_preference", "Food-Preference" → "food preference". */
export function normaliseLabel(label: string): string {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Reads a taxonomy in the authors' nested shape, leniently, because reference files in the wild
 * vary: an object is a subtree (`{}` a leaf), an array lists children (strings become leaves),
 * and any other value (null, a description string, a number) marks its key a leaf.
 */
export function parseNestedTaxonomy(value: unknown, what = 'reference taxonomy'): NestedTaxonomy {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new PipelineError('INPUT', `${what} is not a nested taxonomy object`, 'expected JSON like {"Root": {"Category": {"Attribute": {}}}}: every key a label, {} a leaf');
  }
  return toTree(value);
}

function toTree(value: unknown): NestedTaxonomy {
  const out: NestedTaxonomy = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') out[item] ??= {};
      else if (typeof item === 'object' && item !== null) Object.assign(out, toTree(item));
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, sub] of Object.entries(value)) out[key] = toTree(sub);
  return out;
}

interface Leaf {
  path: string;
  top: string;
  text: string;
}

function leafEntries(tree: NestedTaxonomy, trail: string[] = []): Leaf[] {
  return Object.entries(tree).flatMap(([label, sub]) => {
    const at = [...trail, label];
    if (Object.keys(sub).length > 0) return leafEntries(sub, at);
    // The parent's label disambiguates generic leaves ("Preference" under Music vs under Food).
    const parent = trail.length > 0 ? normaliseLabel(trail[trail.length - 1]!) : '';
    return [{ path: at.join('.'), top: at[0]!, text: `${parent} ${normaliseLabel(label)}`.trim() }];
  });
}

export function countTaxonomy(tree: NestedTaxonomy): TaxonomyCounts {
  let nodes = 0;
  let leaves = 0;
  let maxDepth = 0;
  const walk = (t: NestedTaxonomy, depth: number) => {
    for (const sub of Object.values(t)) {
      nodes++;
      maxDepth = Math.max(maxDepth, depth);
      if (Object.keys(sub).length === 0) leaves++;
      else walk(sub, depth + 1);
    }
  };
  walk(tree, 1);
  const roots = Object.keys(tree).length;
  return { roots, nodes, leaves, maxDepth, meanLeavesPerRoot: roots === 0 ? 0 : round(leaves / roots) };
}

/**
 * Our taxonomy against a reference (e.g. the paper's released one): coverage both ways at the
 * embedder's own `match` threshold, root agreement through the configured roots, and counts.
 * Deterministic: ties go to the first leaf in file order.
 */
export async function compareWithReference(
  ours: NestedTaxonomy,
  reference: NestedTaxonomy,
  embedder: Embedder,
  opts: { roots: readonly string[]; threshold?: number },
): Promise<ReferenceComparison> {
  const threshold = opts.threshold ?? embedder.thresholds.match;
  const ourLeaves = leafEntries(ours);
  const refLeaves = leafEntries(reference);
  const vectors = await embedAll(embedder, [...ourLeaves, ...refLeaves].map((l) => l.text));
  const ourVecs = ourLeaves.map((l) => vectors.get(l.text)!);
  const refVecs = refLeaves.map((l) => vectors.get(l.text)!);
  const rootMapping: Record<string, string> = {};
  for (const top of Object.keys(reference)) rootMapping[top] = mapToRoot(normaliseLabel(top), opts.roots);
  const referenceMatches = refLeaves.map((leaf, i) => {
    const { index, similarity } = nearest(refVecs[i]!, ourVecs);
    const ourRoot = index < 0 ? null : mapToRoot(normaliseLabel(ourLeaves[index]!.top), opts.roots);
    const expectedRoot = rootMapping[leaf.top]!;
    return {
      path: leaf.path,
      nearest: index < 0 ? null : ourLeaves[index]!.path,
      similarity: round(similarity),
      covered: index >= 0 && similarity >= threshold,
      expectedRoot,
      ourRoot,
      rootAgrees: ourRoot === expectedRoot,
    };
  });
  const ourMatches = ourLeaves.map((leaf, i) => {
    const { index, similarity } = nearest(ourVecs[i]!, refVecs);
    return { path: leaf.path, nearest: index < 0 ? null : refLeaves[index]!.path, similarity: round(similarity), covered: index >= 0 && similarity >= threshold };
  });
  return {
    embedderId: embedder.id,
    threshold,
    coverage: { reference: share(referenceMatches, (m) => m.covered), ours: share(ourMatches, (m) => m.covered) },
    rootAgreement: share(referenceMatches, (m) => m.rootAgrees),
    rootMapping,
    counts: { ours: countTaxonomy(ours), reference: countTaxonomy(reference) },
    referenceLeaves: referenceMatches,
    ourLeaves: ourMatches,
  };
}

/** Each distinct text embedded once, in bounded batches (a remote embedder limits request size). */
async function embedAll(embedder: Embedder, texts: string[]): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(texts)];
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < unique.length; i += 1024) {
    const batch = unique.slice(i, i + 1024);
    (await embedder.embed(batch)).forEach((v, j) => out.set(batch[j]!, v));
  }
  return out;
}

function nearest(v: Float32Array, candidates: readonly Float32Array[]): { index: number; similarity: number } {
  let index = -1;
  let similarity = -Infinity;
  candidates.forEach((c, i) => {
    const s = cosine(v, c);
    if (s > similarity) {
      index = i;
      similarity = s;
    }
  });
  return { index, similarity: index < 0 ? 0 : similarity };
}

/** Cosine, not a bare dot product: a zero vector (a label of unknown words) must not look close. */
function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function share<T>(items: readonly T[], ok: (t: T) => boolean): Share {
  const matched = items.filter(ok).length;
  return { matched, total: items.length, share: items.length === 0 ? 0 : round(matched / items.length) };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
