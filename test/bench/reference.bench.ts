/**
 * Our offline root assignment and clustering against the DeepPersona reference taxonomy. The
 * reference has no license: it is read from ../shared at bench time only, for comparison numbers,
 * and never copied into the repo or used to build or tune anything. Nothing is asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../pipeline/cluster/types.js';
import { taxonomyConfigSchema } from '../../pipeline/config/schema.js';
import { DEFAULT_ROOTS } from '../../pipeline/core/types.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { mapToRoot } from '../../pipeline/extractors/root-mapping.js';
import { assignRoots, rootExemplars } from '../../pipeline/taxonomy/assign-roots.js';
import { buildTaxonomy } from '../../pipeline/taxonomy/build.js';
import { defaultClusterers } from '../../pipeline/taxonomy/clusterers.js';
import { DEFAULT_ROOT_DESCRIPTIONS } from '../../pipeline/taxonomy/root-descriptions.js';
import { shapeSettings } from '../../pipeline/taxonomy/settings.js';
import type { PhraseInput, TaxNode } from '../../pipeline/taxonomy/types.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE_DIR = resolve(REPO, '../shared/data/deeppersona-reference');
const MERGED = join(REFERENCE_DIR, 'generation_user_profile_new/data/attributes_merged.json');
const SMALL = join(REFERENCE_DIR, 'generation_user_profile_new/data/100.json');
const CACHE_DIR = resolve(REPO, 'outputs/cache');
const ROOTS: readonly string[] = DEFAULT_ROOTS;

type Tree = { [key: string]: Tree };

/** Every root-to-leaf key path (leaves are empty objects). */
function leafPaths(tree: Tree, prefix: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([k, sub]) => (Object.keys(sub).length === 0 ? [[...prefix, k]] : leafPaths(sub, [...prefix, k])));
}

/** "careerExperience" / "personal_goals" / "Field of Study" → "career experience" / "personal goals" / "field of study". */
export const words = (label: string): string =>
  label.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/[_\-/&]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

/** The leaf's own words, or the leaf plus its parent's words; a parent that is the top-level key is never used (it is the answer). */
const phraseOf = (path: string[], withParent: boolean): string =>
  withParent && path.length > 2 ? `${words(path.at(-1)!)} ${words(path.at(-2)!)}` : words(path.at(-1)!);

/** Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default). */
export function nmi(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const count = (xs: readonly string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const [ca, cb, joint] = [count(a), count(b), count(a.map((x, i) => `${x}\u0000${b[i]}`))];
  const h = (c: Map<string, number>) => [...c.values()].reduce((s, v) => s - (v / n) * Math.log(v / n), 0);
  let mi = 0;
  for (const [key, v] of joint) {
    const [x, y] = key.split('\u0000') as [string, string];
    mi += (v / n) * Math.log((v * n) / (ca.get(x)! * cb.get(y)!));
  }
  const denom = (h(ca) + h(cb)) / 2;
  return denom === 0 ? 1 : mi / denom;
}

/** Seeded Fisher–Yates (LCG): a random grouping with exactly the same group sizes. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let x = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pct = (x: number) => x.toFixed(3);

async function embedAll(texts: string[], embedder = createSifEmbedder({ cacheDir: CACHE_DIR })): Promise<Matrix> {
  const d = embedder.dimensions;
  const data = new Float32Array(texts.length * d);
  (await embedder.embed(texts)).forEach((v, i) => data.set(v, i * d));
  return { data, n: texts.length, d };
}

const asPhrases = (texts: string[], hints?: string[]): PhraseInput[] =>
  texts.map((text, i) => ({ id: `ref${i}`, text, rootHint: hints?.[i], mentions: 1, conversations: Int32Array.of(i), sources: Int32Array.of(0) }));

/** Our root per leaf (no extractor hint), by the configured rule and by the root name alone (the calibration). */
async function assignOurs(texts: string[]): Promise<{ ours: Int32Array; byName: Int32Array }> {
  const embedder = createSifEmbedder({ cacheDir: CACHE_DIR });
  const vectors = await embedAll(texts, embedder);
  const phrases = asPhrases(texts);
  const ours = assignRoots(phrases, vectors, ROOTS, await rootExemplars(ROOTS, DEFAULT_ROOT_DESCRIPTIONS, embedder));
  const byName = assignRoots(phrases, vectors, ROOTS, await rootExemplars(ROOTS, {}, embedder));
  return { ours, byName };
}

const agreement = (ours: Int32Array, truth: Int32Array, keep: (i: number) => boolean = () => true) => {
  let hit = 0;
  let all = 0;
  truth.forEach((t, i) => keep(i) && (all++, t === ours[i] && hit++));
  return hit / all;
};

/** Their level-2 grouping vs our category (depth-2 node) for the same leaves, and a same-sizes random floor. */
function clusterNmi(texts: string[], vectors: Matrix, rootOf: Int32Array, theirs: string[]): { ours: number; floor: number; categories: number } {
  const phrases = asPhrases(texts);
  const settings = shapeSettings(taxonomyConfigSchema.parse({}), createSifEmbedder({ cacheDir: CACHE_DIR }));
  const built = buildTaxonomy({ phrases, vectors, roots: ROOTS, rootOf, settings, seed: 42 }, defaultClusterers());
  const category = new Array<string>(texts.length).fill('');
  const mark = (node: TaxNode, cat: string): void => {
    node.phrases.forEach((i) => (category[i] = cat));
    node.children.forEach((c) => mark(c, cat));
  };
  let categories = 0;
  for (const root of built.roots) for (const c of root.children) (categories++, mark(c, c.key));
  category.forEach((c, i) => c === '' && (category[i] = `${ROOTS[rootOf[i]!]}/(pruned)`));
  const floors = [1, 2, 3, 4, 5].map((seed) => nmi(theirs, shuffled(category, seed)));
  return { ours: nmi(theirs, category), floor: floors.reduce((a, b) => a + b, 0) / floors.length, categories };
}

export async function benchReference(_work: string, _dataDir?: string): Promise<void> {
  if (!existsSync(MERGED)) {
    console.log(`reference: skipped: ${MERGED} not found (the unlicensed DeepPersona reference is only read from ../shared next to the repo, never shipped)`);
    return;
  }
  const paths = leafPaths(JSON.parse(readFileSync(MERGED, 'utf8')) as Tree);
  const tops = [...new Set(paths.map((p) => p[0]!))].sort();
  const mapping = new Map(tops.map((k) => [k, mapToRoot(k, ROOTS)]));
  console.log(`reference: ${paths.length} leaves; their ${tops.length} top-level keys → our ${ROOTS.length} roots (mapToRoot): ` +
    tops.filter((k) => mapping.get(k) !== k).map((k) => `"${k}" → "${mapping.get(k)}"`).join('; ') + '; the other keys are our roots verbatim');
  const truth = Int32Array.from(paths, (p) => ROOTS.indexOf(mapping.get(p[0]!)!));
  const counts = ROOTS.map((_, r) => truth.filter((t) => t === r).length);
  const majority = Math.max(...counts) / paths.length;

  const results: Record<string, Int32Array> = {};
  for (const withParent of [false, true]) {
    const { ours, byName } = await assignOurs(paths.map((p) => phraseOf(p, withParent)));
    const label = withParent ? 'leaf + parent words' : 'leaf words';
    results[label] = ours;
    console.log(
      `reference: root agreement (${label}): ours ${pct(agreement(ours, truth))} (even/odd leaves ${pct(agreement(ours, truth, (i) => i % 2 === 0))}/` +
        `${pct(agreement(ours, truth, (i) => i % 2 === 1))}); nearest root name only ${pct(agreement(byName, truth))}; majority class ${pct(majority)}`,
    );
  }
  const primary = results['leaf + parent words']!;
  const confusions = new Map<string, number>();
  truth.forEach((t, i) => t !== primary[i] && confusions.set(`${ROOTS[t]} → ${ROOTS[primary[i]!]}`, (confusions.get(`${ROOTS[t]} → ${ROOTS[primary[i]!]}`) ?? 0) + 1));
  console.log(`reference: top confusions (theirs → ours, leaf + parent words): ${[...confusions].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v}`).join('; ')}`);
  console.log(`reference: recall per root (theirs, n): ${ROOTS.map((r, j) => `${r} ${pct(agreement(primary, truth, (i) => truth[i] === j))} (${counts[j]})`).join('; ')}`);

  // Leaf words only for clustering: the parent's words would hand us their level-2 label, the thing compared.
  const texts = paths.map((p) => phraseOf(p, false));
  const vectors = await embedAll(texts);
  const theirs = paths.map((p) => p.slice(0, 2).join('/'));
  const level2 = new Set(theirs).size;
  for (const [name, rootOf] of [['our root assignment', primary], ['their root (mapped)', truth]] as const) {
    const r = clusterNmi(texts, vectors, rootOf, theirs);
    console.log(`reference: level-2 NMI, their ${level2} groups vs our ${r.categories} categories (leaf words, roots from ${name}): ${pct(r.ours)}; random same-sizes floor ${pct(r.floor)}`);
  }

  if (existsSync(SMALL)) {
    const small = leafPaths(JSON.parse(readFileSync(SMALL, 'utf8')) as Tree);
    const { ours } = await assignOurs(small.map((p) => phraseOf(p, true)));
    console.log(`reference: 100.json (${small.length} leaves, exact root names) root agreement, leaf + parent words: ${pct(agreement(ours, Int32Array.from(small, (p) => ROOTS.indexOf(mapToRoot(p[0]!, ROOTS)))))}`);
  }
}
