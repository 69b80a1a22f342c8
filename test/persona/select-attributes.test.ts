import { describe, expect, it } from 'vitest';
import { buildCatalog, type Catalog, leafCosine } from '../../pipeline/persona/leaf-catalog.js';
import { personaRng, shuffle, uniform, weightedIndex } from '../../pipeline/persona/rng.js';
import { allocate, type SelectOptions, selectAttributes, type Selection } from '../../pipeline/persona/select-attributes.js';
import { syntheticCatalog } from '../bench/select.bench.js';

const THRESHOLD = 0.9;
const EVEN = syntheticCatalog({ sizes: Array<number>(12).fill(40), d: 16, seed: 3, duplicatePairs: 24, cooccurPairs: 400 });
const select = (catalog: Catalog, i: number, opts: SelectOptions = {}, seed = 1) =>
  selectAttributes(catalog, personaRng(seed, i, 'select'), { duplicateThreshold: THRESHOLD, ...opts });
const perRoot = (catalog: Catalog, picks: Selection[]) => {
  const counts = new Map<string, number>();
  for (const p of picks) counts.set(catalog.leaves[p.index]!.root, (counts.get(catalog.leaves[p.index]!.root) ?? 0) + 1);
  return counts;
};

describe('rng', () => {
  it('seeds from (runSeed, index) alone, with unrelated first outputs for neighbouring seeds', () => {
    expect(personaRng(1, 5).next()).toBe(personaRng(1, 5).next());
    const firsts = [1, 2, 3].map((s) => uniform(personaRng(s, 0)));
    expect(new Set(firsts.map((u) => u.toFixed(3))).size).toBe(3);
    expect(uniform(personaRng(1, 0, 'a'))).not.toBe(uniform(personaRng(1, 0, 'b')));
  });
  it('draws weighted indices ∝ weight, uniformly when all weights are 0', () => {
    const rng = personaRng(9, 0);
    const counts = [0, 0, 0];
    for (let t = 0; t < 30_000; t++) counts[weightedIndex(rng, [1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / 30_000).toBeCloseTo(0.75, 1);
    const zero = [0, 0, 0];
    for (let t = 0; t < 3_000; t++) zero[weightedIndex(rng, [0, 0, 0])]!++;
    expect(Math.min(...zero)).toBeGreaterThan(800);
    expect(shuffle(rng, [1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('budgets', () => {
  const sizes = [120, 80, 60, 40, 30, 25, 20, 15, 12, 8, 6, 4];
  it('allocates ∝ leaf share above the minimum, capped, summing to min(k, leaves)', () => {
    const b = allocate(sizes, 250, 10);
    expect(b.reduce((x, y) => x + y, 0)).toBe(250);
    b.forEach((x, r) => expect(x).toBeGreaterThanOrEqual(Math.min(sizes[r]!, 10)));
    b.forEach((x, r) => expect(x).toBeLessThanOrEqual(sizes[r]!));
    // Roots above their minimum share one rate λ (to rounding): (250 − 38) / 375.
    for (let r = 0; r < 7; r++) expect(Math.abs(b[r]! - (sizes[r]! * 212) / 375)).toBeLessThan(1);
    expect(allocate([3, 50], 100, 10)).toEqual([3, 50]);
    expect(allocate([40, 40, 40], 12, 10)).toEqual([4, 4, 4]);
    expect(allocate([5, 5, 5], 2, 10)).toEqual([1, 1, 0]);
  });
  it('selection follows the budgets: every root present, minimum honoured, total k', () => {
    const { catalog } = syntheticCatalog({ sizes, d: 16, seed: 4 });
    const expected = allocate(sizes, 250, 10);
    for (let i = 0; i < 5; i++) {
      const picks = select(catalog, i, { k: 250, duplicateThreshold: 0.999 });
      expect(picks).toHaveLength(250);
      const counts = perRoot(catalog, picks);
      expect(counts.size).toBe(12);
      sizes.forEach((_, r) => expect(Math.abs(counts.get(`Root${r}`)! - expected[r]!)).toBeLessThanOrEqual(1));
    }
  });
  it('with k above the catalog, takes every leaf not excluded as a duplicate', () => {
    const { catalog } = EVEN;
    const picks = select(catalog, 0, { k: 1000 });
    const chosen = new Set(picks.map((p) => p.index));
    expect(chosen.size).toBe(picks.length);
    expect(picks.length).toBeGreaterThanOrEqual(480 - EVEN.duplicates.length);
    for (let i = 0; i < catalog.leaves.length; i++) {
      if (!chosen.has(i)) expect([...chosen].some((j) => leafCosine(catalog, i, j) > THRESHOLD)).toBe(true);
    }
  });
});

describe('strata', () => {
  it('draws near / middle / far at 5:3:2 over 20,000 picks', () => {
    const counts = { near: 0, middle: 0, far: 0 };
    for (let i = 0; i < 81; i++) for (const p of select(EVEN.catalog, i, { k: 250 }).slice(1)) counts[p.stratum]++;
    const total = counts.near + counts.middle + counts.far;
    expect(total).toBeGreaterThan(20_000);
    expect(Math.abs(counts.near / total - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(counts.middle / total - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(counts.far / total - 0.2)).toBeLessThan(0.03);
  });
  it('samples within the near third (not its top) and labels each pick by its true tercile', () => {
    const { catalog } = EVEN;
    const ranks: Record<string, number[]> = { near: [], middle: [], far: [] };
    for (let i = 0; i < 3000; i++) {
      const rng = personaRng(2, i, 'initial');
      const initial = Float32Array.from({ length: catalog.d }, () => uniform(rng) - 0.5);
      const [pick] = select(catalog, i, { k: 1, initial });
      const members = catalog.byRoot.get(catalog.leaves[pick!.index]!.root)!;
      // Ranking by the dot with the raw initial vector is ranking by cosine to it.
      const cos = (j: number) => catalog.vectors.subarray(j * catalog.d, (j + 1) * catalog.d).reduce((s, x, t) => s + x * initial[t]!, 0);
      ranks[pick!.stratum]!.push(members.filter((j) => cos(j) > cos(pick!.index)).length);
    }
    expect(Math.max(...ranks.near!)).toBeLessThan(14);
    expect(Math.min(...ranks.middle!)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...ranks.middle!)).toBeLessThan(27);
    expect(Math.min(...ranks.far!)).toBeGreaterThanOrEqual(27);
    expect(ranks.near!.filter((r) => r === 0).length / ranks.near!.length).toBeLessThan(0.3);
    expect(new Set(ranks.near).size).toBeGreaterThanOrEqual(10);
  });
});

describe('priors', () => {
  it('favours high-support leaves, yet the rarest third keeps a non-trivial share', () => {
    const { catalog } = EVEN;
    const share = (exponent: number) => {
      const hits = new Float64Array(catalog.leaves.length);
      for (let i = 0; i < 300; i++) for (const p of select(catalog, i, { k: 60, minPerRoot: 5, supportExponent: exponent })) hits[p.index]!++;
      const bySupport = catalog.leaves.map((_, j) => j).sort((a, b) => catalog.leaves[a]!.support - catalog.leaves[b]!.support);
      const third = (t: number) => bySupport.slice(t * 160, (t + 1) * 160).reduce((s, j) => s + hits[j]!, 0) / (300 * 60);
      return { rare: third(0), common: third(2) };
    };
    const flat = share(0);
    const prior = share(0.5);
    expect(prior.common).toBeGreaterThan(1.5 * prior.rare);
    expect(prior.common).toBeGreaterThan(flat.common + 0.05);
    expect(prior.rare).toBeGreaterThan(0.1);
  });
  it('boosts a leaf co-occurring with chosen leaves over its twin without', () => {
    const { catalog } = EVEN;
    const [x, y] = catalog.byRoot.get('Root0')!.slice(0, 2) as [number, number];
    const others = catalog.leaves.flatMap((l, j) => (l.root === 'Root0' ? [] : [j]));
    const withPairs = (leaf: number) =>
      buildCatalog(catalog.leaves, others.map((j) => ({ a: catalog.leaves[leaf]!.nodeId, b: catalog.leaves[j]!.nodeId, count: 20 })));
    const hits = (c: Catalog, leaf: number) => {
      let n = 0;
      for (let i = 0; i < 400; i++) n += select(c, i, { k: 60, minPerRoot: 5 }).some((p) => p.index === leaf) ? 1 : 0;
      return n;
    };
    const [boostX, boostY] = [withPairs(x), withPairs(y)];
    const boosted = hits(boostX, x) + hits(boostY, y);
    const plain = hits(boostY, x) + hits(boostX, y);
    expect(boosted).toBeGreaterThan(1.3 * plain);
    expect(boostX.cooccur(x, others[0]!)).toBe(20);
    expect(boostX.cooccur(y, others[0]!)).toBe(0);
  });
});

describe('duplicates and determinism', () => {
  it('never chooses two leaves above the duplicate threshold', () => {
    const { catalog, duplicates } = EVEN;
    for (const [a, b] of duplicates) expect(leafCosine(catalog, a, b)).toBeGreaterThan(THRESHOLD);
    let plantedHit = 0;
    for (let i = 0; i < 60; i++) {
      const picks = select(catalog, i, { k: 250 }).map((p) => p.index);
      let worst = -1;
      for (let s = 0; s < picks.length; s++) for (let t = s + 1; t < picks.length; t++) worst = Math.max(worst, leafCosine(catalog, picks[s]!, picks[t]!));
      expect(worst).toBeLessThanOrEqual(THRESHOLD);
      plantedHit += duplicates.filter(([a, b]) => picks.includes(a) || picks.includes(b)).length;
    }
    expect(plantedHit).toBeGreaterThan(0);
  });
  it('is deterministic per (seed, index), so split runs equal one run', () => {
    const whole = Array.from({ length: 40 }, (_, i) => select(EVEN.catalog, i, { k: 100 }));
    const split = [...Array.from({ length: 20 }, (_, i) => 39 - i).map((i) => [i, select(EVEN.catalog, i, { k: 100 })] as const)].reverse();
    const firstHalf = Array.from({ length: 20 }, (_, i) => select(EVEN.catalog, i, { k: 100 }));
    expect([...firstHalf, ...split.map(([, s]) => s)]).toEqual(whole);
    expect(whole[0]).not.toEqual(whole[1]);
    expect(select(EVEN.catalog, 0, { k: 100 }, 2)).not.toEqual(whole[0]);
  });
  it('gives the same result with or without the cached Gram matrix', () => {
    for (let i = 0; i < 10; i++) expect(select(EVEN.catalog, i, { k: 120, gramMaxLeaves: 0 })).toEqual(select(EVEN.catalog, i, { k: 120 }));
  });
  it('rejects an initial vector of the wrong dimension and k = 0 gives nothing', () => {
    expect(() => select(EVEN.catalog, 0, { initial: new Float32Array(3) })).toThrow(/dimension/);
    expect(select(EVEN.catalog, 0, { k: 0 })).toEqual([]);
  });
});
