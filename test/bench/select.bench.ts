/**
 * Attribute selection and offline value sampling on a synthetic catalog shaped like a mined
 * taxonomy: 1,000 personas of k = 250 from ~3,000 leaves (12 roots, d = 100). Nothing is
 * asserted; the target is 1,000 personas well under 10 s, value sampling included.
 * `syntheticCatalog` is also the fixture of test/persona/select-attributes.test.ts.
 */
import { sampleValue } from '../../pipeline/persona/corpus-values.js';
import { buildCatalog, type Catalog, type Leaf, type LeafValue, similarityOf } from '../../pipeline/persona/leaf-catalog.js';
import { personaRng, type RandomGenerator, shuffle, uniform } from '../../pipeline/persona/rng.js';
import { selectAttributes } from '../../pipeline/persona/select-attributes.js';

export interface SyntheticOptions {
  /** Leaves per root (one entry per root). */
  sizes: number[];
  d: number;
  seed: number;
  /** Leaves that get a near-copy (cosine ≈ 0.97) as an extra leaf of the same root. */
  duplicatePairs?: number;
  /** Random co-occurring leaf pairs. */
  cooccurPairs?: number;
  /** Vocabulary size per leaf (default 8). */
  values?: number;
}

const gaussian = (rng: RandomGenerator) => Math.sqrt(-2 * Math.log(1 - uniform(rng))) * Math.cos(2 * Math.PI * uniform(rng));
const unitVector = (rng: RandomGenerator, d: number, around?: Float32Array) => {
  const v = Float32Array.from({ length: d }, (_, j) => (around ? around[j]! : 0) + gaussian(rng));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

/**
 * Leaves around one random direction per root (within-root cosines ≈ 0.2, as sibling leaves are
 * related), Zipf supports (rank r → ⌈2000 / r⌉ over all leaves in random order), vocabularies of
 * mixed polarity, and the last leaves of each root as near-duplicates of earlier ones.
 */
export function syntheticCatalog(opts: SyntheticOptions): { catalog: Catalog; duplicates: [number, number][] } {
  const rng = personaRng(opts.seed, 0, 'synthetic-catalog');
  const leaves: Leaf[] = [];
  const duplicates: [number, number][] = [];
  const perRoot = Math.ceil((opts.duplicatePairs ?? 0) / opts.sizes.length);
  let dupLeft = opts.duplicatePairs ?? 0;
  opts.sizes.forEach((size, r) => {
    // Sibling cosines ≈ c²/(c² + d) with c = |centre| = 0.5·√d: about 0.2.
    const centre = unitVector(rng, opts.d).map((x) => x * 0.5 * Math.sqrt(opts.d));
    const first = leaves.length;
    const twins = Math.min(perRoot, dupLeft, Math.floor(size / 2));
    dupLeft -= twins;
    for (let i = 0; i < size; i++) {
      // The last `twins` leaves copy the first ones: 5·√d·twin + noise has cosine ≈ 5/√26 ≈ 0.98.
      const twinOf = i >= size - twins ? first + i - (size - twins) : -1;
      const centroid = twinOf >= 0 ? unitVector(rng, opts.d, leaves[twinOf]!.centroid.map((x) => x * 5 * Math.sqrt(opts.d))) : unitVector(rng, opts.d, centre);
      if (twinOf >= 0) duplicates.push([twinOf, leaves.length]);
      const label = `Attribute ${r}-${i}`;
      leaves.push({ nodeId: `n${r}_${i}`, path: `Root${r}.Category.${label}`, root: `Root${r}`, label, centroid, support: 0, valueType: 'categorical', values: vocabulary(rng, opts.values ?? 8) });
    }
  });
  const ranks = shuffle(rng, leaves.map((_, i) => i + 1));
  leaves.forEach((leaf, i) => (leaf.support = Math.ceil(2000 / ranks[i]!)));
  const pairs = Array.from({ length: opts.cooccurPairs ?? 0 }, () => {
    const [a, b] = [Math.floor(uniform(rng) * leaves.length), Math.floor(uniform(rng) * leaves.length)];
    return { a: leaves[a]!.nodeId, b: leaves[b]!.nodeId, count: 1 + Math.floor(uniform(rng) * 30) };
  });
  return { catalog: buildCatalog(leaves, pairs), duplicates };
}

function vocabulary(rng: RandomGenerator, n: number): LeafValue[] {
  const polarities = ['positive', 'positive', 'positive', 'neutral', 'negative'] as const;
  return Array.from({ length: n }, (_, i) => ({ value: `value ${i} of a synthetic attribute`, polarity: polarities[Math.floor(uniform(rng) * 5)]!, count: Math.ceil(100 / (i + 1)) }));
}

export function benchSelect(_work: string, _dataDir: string): void {
  const PERSONAS = 1_000;
  const K = 250;
  const SEED = 42;
  const sizes = [420, 380, 330, 300, 280, 250, 230, 200, 180, 160, 140, 110];
  let t = performance.now();
  const { catalog } = syntheticCatalog({ sizes, d: 100, seed: 7, duplicatePairs: 60, cooccurPairs: 20_000, values: 12 });
  const buildMs = performance.now() - t;
  t = performance.now();
  similarityOf(catalog, 0.9);
  const dupMs = performance.now() - t;

  const anchors = { age: 40 };
  let [selectMs, valueMs, picks] = [0, 0, 0];
  const strata = { near: 0, middle: 0, far: 0 };
  for (let i = 0; i < PERSONAS; i++) {
    t = performance.now();
    const chosen = selectAttributes(catalog, personaRng(SEED, i, 'select'), { k: K, duplicateThreshold: 0.9 });
    selectMs += performance.now() - t;
    t = performance.now();
    const values = personaRng(SEED, i, 'values');
    for (const c of chosen) sampleValue(catalog.leaves[c.index]!, values, anchors);
    valueMs += performance.now() - t;
    picks += chosen.length;
    for (const c of chosen) strata[c.stratum]++;
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const share = (n: number) => (n / picks).toFixed(3);
  console.log(`\nselect: ${PERSONAS.toLocaleString()} personas, k = ${K}, ${catalog.leaves.length.toLocaleString()} leaves in ${sizes.length} roots, d = ${catalog.d}`);
  console.log(`  catalog build ${buildMs.toFixed(0)} ms; similarity: Gram matrix + duplicate lists (once per catalog) ${dupMs.toFixed(0)} ms`);
  console.log(`  selection ${(selectMs / 1000).toFixed(2)} s; value sampling ${(valueMs / 1000).toFixed(2)} s; total ${((selectMs + valueMs) / 1000).toFixed(2)} s`);
  console.log(`  ${(picks / PERSONAS).toFixed(1)} attributes per persona; strata near/middle/far ${share(strata.near)}/${share(strata.middle)}/${share(strata.far)}`);
  console.log(`  peak RSS ${rssMb.toFixed(0)} MB`);
}
