import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PipelineError } from '../core/errors.js';
import type { Embedder } from '../core/types.js';
import { mapToRoot } from '../extractors/root-mapping.js';
import type { NestedTaxonomy } from './export.js';
import { labelSimilarity, nodeFeatures, normaliseLabel } from './label-similarity.js';
import { matchThreshold, PATH_SEPARATOR, type Calibration } from './match-calibration.js';
import { seededPick } from './seeded-pick.js';
import { REPO_ROOT } from '../core/repo-path.js';
import { REFERENCE_TAXONOMY_FILE } from './reference-file.js';

export { normaliseLabel } from './label-similarity.js';

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

export interface MatchedPair {
  ours: string;
  reference: string;
  similarity: number;
  /** The reference leaf's top-level key maps (mapToRoot) to our leaf's root. */
  rootAgrees: boolean;
}

export interface ReferenceComparison {
  embedderId: string;
  threshold: number;
  thresholdSource: string;
  calibration: Omit<Calibration, 'embedderId'> | null;
  /** Each leaf matches at most one leaf on the other side: the honest coverage. */
  oneToOne: { matched: number; reference: Share; ours: Share; rootAgreement: Share };
  /** Each leaf counts when its nearest on the other side passes the threshold, however many others that one already covers. */
  manyToOne: { reference: Share; ours: Share; widest: { ours: string; referenceLeaves: number }[] };
  /** Each reference top-level key → the configured root it maps to. */
  rootMapping: Record<string, string>;
  counts: { ours: TaxonomyCounts; reference: TaxonomyCounts };
  /** One-to-one matches, most similar first. */
  matches: MatchedPair[];
  unmatchedOurs: string[];
  /** `pairs` matches drawn at random with `seed`, for a reader to judge. */
  pairs: MatchedPair[];
}

/** Where the DeepPersona reference lives: beside the repo, never inside it (it has no license). */
export const DEFAULT_REFERENCE_DIR = resolve(REPO_ROOT, '../shared/data/deeppersona-reference');
export { REFERENCE_TAXONOMY_FILE };

/**
 * The reference to read: a JSON file as given (missing: an error), or a reference folder (the
 * default one when none is given) holding REFERENCE_TAXONOMY_FILE; a folder without it means
 * "skip", because the unlicensed reference is absent on most machines by design.
 */
export function locateReference(arg: string | undefined, defaultDir = DEFAULT_REFERENCE_DIR): { file: string } | { skipped: string } {
  if (arg !== undefined && (arg.toLowerCase().endsWith('.json') || (existsSync(arg) && statSync(arg).isFile()))) {
    if (!existsSync(arg)) throw new PipelineError('INPUT', `${arg}: no such file`, "pass a JSON taxonomy in the authors' nested format, e.g. one written by `deeppersona taxonomy export --format deeppersona`");
    return { file: arg };
  }
  const dir = arg ?? defaultDir;
  const file = join(dir, REFERENCE_TAXONOMY_FILE);
  if (existsSync(file)) return { file };
  return { skipped: `no DeepPersona reference at ${file} (it is unlicensed, so never shipped: put the reference folder there, or pass REFERENCE.json)` };
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

/** Every root-to-leaf label path, in key order. */
export function leafLabelPaths(tree: NestedTaxonomy, trail: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([label, sub]) => (Object.keys(sub).length > 0 ? leafLabelPaths(sub, [...trail, label]) : [[...trail, label]]));
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
 * Our leaves against a reference's, one to one: every pair at or above the threshold is a
 * candidate, and the most similar candidates are taken first (greedy), each leaf on either side
 * at most once. Ties go to file order (ours, then the reference's), so the result is fixed.
 */
export async function compareWithReference(
  ours: NestedTaxonomy,
  reference: NestedTaxonomy,
  embedder: Embedder,
  opts: { roots: readonly string[]; threshold?: { threshold: number; source: string }; pairs?: number; seed?: number },
): Promise<ReferenceComparison> {
  const { threshold, source, calibration } = matchThreshold(embedder, opts.threshold);
  const ourPaths = leafLabelPaths(ours);
  const refPaths = leafLabelPaths(reference);
  const ourFeatures = await nodeFeatures(embedder, ourPaths);
  const refFeatures = await nodeFeatures(embedder, refPaths);
  const rootMapping: Record<string, string> = {};
  for (const top of Object.keys(reference)) rootMapping[top] = mapToRoot(normaliseLabel(top), opts.roots);

  const candidates: { s: number; i: number; j: number }[] = [];
  const nearestOurs = refPaths.map(() => ({ s: -Infinity, i: -1 }));
  const nearestRef = ourPaths.map(() => -Infinity);
  ourFeatures.forEach((a, i) => {
    refFeatures.forEach((b, j) => {
      const s = labelSimilarity(a, b);
      if (s > nearestOurs[j]!.s) nearestOurs[j] = { s, i };
      if (s > nearestRef[i]!) nearestRef[i] = s;
      if (s >= threshold) candidates.push({ s, i, j });
    });
  });
  candidates.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedOurs = new Set<number>();
  const usedRef = new Set<number>();
  const show = (p: string[]) => p.join(PATH_SEPARATOR);
  const matches: MatchedPair[] = [];
  for (const { s, i, j } of candidates) {
    if (usedOurs.has(i) || usedRef.has(j)) continue;
    usedOurs.add(i);
    usedRef.add(j);
    const refRoot = rootMapping[refPaths[j]![0]!]!;
    matches.push({ ours: show(ourPaths[i]!), reference: show(refPaths[j]!), similarity: round(s), rootAgrees: mapToRoot(normaliseLabel(ourPaths[i]![0]!), opts.roots) === refRoot });
  }

  const covering = new Map<number, number>();
  for (const n of nearestOurs) if (n.s >= threshold) covering.set(n.i, (covering.get(n.i) ?? 0) + 1);
  const widest = [...covering].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5).map(([i, referenceLeaves]) => ({ ours: show(ourPaths[i]!), referenceLeaves }));
  const pairs = opts.pairs ? seededPick(matches.length, opts.pairs, opts.seed ?? 0, 'taxonomy/compare-pairs').map((k) => matches[k]!) : [];
  return {
    embedderId: embedder.id,
    threshold,
    thresholdSource: source,
    calibration: calibration ?? null,
    oneToOne: {
      matched: matches.length,
      reference: share(matches.length, refPaths.length),
      ours: share(matches.length, ourPaths.length),
      rootAgreement: share(matches.filter((m) => m.rootAgrees).length, matches.length),
    },
    manyToOne: {
      reference: share(nearestOurs.filter((n) => n.s >= threshold).length, refPaths.length),
      ours: share(nearestRef.filter((s) => s >= threshold).length, ourPaths.length),
      widest,
    },
    rootMapping,
    counts: { ours: countTaxonomy(ours), reference: countTaxonomy(reference) },
    matches,
    unmatchedOurs: ourPaths.filter((_, i) => !usedOurs.has(i)).map(show),
    pairs,
  };
}

const share = (matched: number, total: number): Share => ({ matched, total, share: total === 0 ? 0 : round(matched / total) });

const round = (x: number) => Math.round(x * 1e4) / 1e4;
