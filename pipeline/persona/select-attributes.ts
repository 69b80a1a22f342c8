import { addRow, addUnit, type Catalog, GRAM_MAX_LEAVES, leafDot, similarityOf, supportPrior } from './leaf-catalog.js';
import { type RandomGenerator, shuffle, weightedIndex } from './rng.js';

/**
 * Progressive, taxonomy-guided attribute selection (the DeepPersona paper's near/middle/far
 * sampling around a growing profile), with a long-tail support prior, a co-occurrence boost and
 * duplicate exclusion. Pure: all randomness comes from `rng`, so one rng state gives one result.
 */

export type Stratum = 'near' | 'middle' | 'far';
export interface Selection {
  index: number;
  stratum: Stratum;
}

export interface SelectOptions {
  /** Target number of leaves (default 250); fewer when the catalog has fewer eligible leaves. */
  k?: number;
  /** Per-root minimum budget (default 10), capped by the root's leaf count. */
  minPerRoot?: number;
  /** Draw ratio of the near / middle / far terciles (default [5, 3, 2], the paper's). */
  strata?: [number, number, number];
  /** Prior ∝ support^exponent (default 0.5): frequent attributes likelier, rare ones still drawn. */
  supportExponent?: number;
  /** Weight × (1 + boost · log1p(co-occurrences with chosen leaves)) (default 1.0). */
  cooccurBoost?: number;
  /** No two chosen leaves above this cosine: pass the embedder's `duplicate` (default 0.9, both embedders'). */
  duplicateThreshold?: number;
  /** Picks per root visit (default 4): the profile is re-ranked between visits, roots interleave. */
  chunk?: number;
  /** Starting profile (e.g. the anchors' embedding), weighted as one leaf; default a random first leaf. */
  initial?: Float32Array;
  /** Leaf indices never to choose (e.g. restating an anchor). */
  exclude?: ReadonlySet<number>;
  /**
   * Units that are alternatives or counted items of one node: choosing a member counts against its
   * group's cap, and a full group blocks its other members (a single-valued node has cap 1).
   */
  groups?: { of: Int32Array; members: readonly (readonly number[])[]; cap: ArrayLike<number> };
  /** Units chosen first, as 'near' (a real speaker's bundle): the profile grows from them. */
  seeds?: readonly number[];
  /** Largest catalog whose Gram matrix is cached (default GRAM_MAX_LEAVES); above it, ranking costs n·d per visit. */
  gramMaxLeaves?: number;
}

export const SELECT_DEFAULTS = { k: 250, minPerRoot: 10, strata: [5, 3, 2] as [number, number, number], supportExponent: 0.5, cooccurBoost: 1, duplicateThreshold: 0.9, chunk: 4, gramMaxLeaves: GRAM_MAX_LEAVES };
const STRATA: Stratum[] = ['near', 'middle', 'far'];

export function selectAttributes(catalog: Catalog, rng: RandomGenerator, opts: SelectOptions = {}): Selection[] {
  const o = { ...SELECT_DEFAULTS, ...opts };
  const { vectors, d } = catalog;
  const n = catalog.leaves.length;
  if (!Number.isInteger(o.k) || o.k < 0 || !Number.isInteger(o.chunk) || o.chunk < 1) throw new Error('selectAttributes: k and chunk must be whole numbers (chunk ≥ 1)');
  if (!(o.cooccurBoost >= 0) || !(o.supportExponent >= 0)) throw new Error('selectAttributes: cooccurBoost and supportExponent must be ≥ 0');
  if (o.strata.some((w) => !(w >= 0)) || !(o.strata[0] + o.strata[1] + o.strata[2] > 0)) throw new Error('selectAttributes: strata weights must be ≥ 0, not all 0');
  if (o.initial && o.initial.length !== d) throw new Error(`selectAttributes: initial has dimension ${o.initial.length}, expected ${d}`);
  const { gram, duplicates: dups } = similarityOf(catalog, o.duplicateThreshold, o.gramMaxLeaves);
  const blocked = new Uint8Array(n); // chosen, a near-duplicate of a chosen leaf, or excluded
  for (const i of o.exclude ?? []) if (i >= 0 && i < n) blocked[i] = 1;
  // Draw weight = prior × (1 + boost·log1p(co-occurrences)), refreshed only for a chosen leaf's partners.
  const prior = supportPrior(catalog, o.supportExponent);
  const weight = prior.slice();
  const cooc = new Float64Array(n);
  // The profile as a vector, and (with the Gram matrix) every leaf's dot with it, kept current.
  const profile = new Float64Array(d);
  const dots = gram ? new Float64Array(n) : null;
  let hasProfile = !!o.initial && addUnit(profile, o.initial);
  for (let i = 0; hasProfile && dots && i < n; i++) dots[i] = leafDot(catalog, i, profile);

  const roots = shuffle(rng, [...catalog.byRoot.keys()].sort());
  const pools = roots.map((r) => catalog.byRoot.get(r)!.filter((i) => !blocked[i]));
  const seeds = (o.seeds ?? []).filter((i, at, all) => i >= 0 && i < n && !blocked[i] && all.indexOf(i) === at).slice(0, o.k);
  const budgets = allocate(pools.map((p) => p.length), o.k - seeds.length, o.minPerRoot);
  const out: Selection[] = [];
  const [mask, fallback] = [new Float64Array(3), new Float64Array(3)];
  const scratch = new Float64Array(Math.max(1, ...pools.map((p) => p.length)));

  const taken = new Int32Array(o.groups?.members.length ?? 0);
  const choose = (i: number, stratum: Stratum) => {
    out.push({ index: i, stratum });
    blocked[i] = 1;
    for (const j of dups[i]!) blocked[j] = 1;
    const g = o.groups ? o.groups.of[i]! : -1;
    if (g >= 0 && ++taken[g]! >= (o.groups!.cap[g] ?? 1)) for (const j of o.groups!.members[g]!) blocked[j] = 1;
    for (const { index: q, count } of catalog.partners(i)) {
      cooc[q]! += count;
      weight[q] = prior[q]! * (1 + o.cooccurBoost * Math.log1p(cooc[q]!));
    }
    for (let j = 0; j < d; j++) profile[j]! += vectors[i * d + j]!;
    if (dots) addRow(dots, gram!, i * n, n);
    hasProfile = true;
  };
  // Long-tail prior × co-occurrence boost within one stratum; blocked members weigh 0, so strata
  // need no rebuilding after each pick (other weights are > 0).
  const draw = (pool: number[]) => {
    for (let t = 0; t < pool.length; t++) scratch[t] = blocked[pool[t]!] ? 0 : weight[pool[t]!]!;
    return pool[weightedIndex(rng, scratch.subarray(0, pool.length))]!;
  };
  const live = (pool: number[]) => pool.some((i) => !blocked[i]);
  /** Up to `want` picks from root position r on one profile snapshot; returns how many it made. */
  const visit = (r: number, want: number): number => {
    let picked = 0;
    let strata: number[][] | null = null;
    while (picked < want) {
      if (!hasProfile) {
        // No profile yet: the first leaf comes from the prior alone; it is its own nearest.
        if (!live(pools[r]!)) break;
        choose(draw(pools[r]!), 'near');
        picked++;
        continue;
      }
      strata ??= terciles(pools[r]!.filter((i) => !blocked[i]));
      // The configured ratio over the strata with members left; any live stratum if the ratio allows none.
      let [ratioed, any] = [0, 0];
      for (let s = 0; s < 3; s++) {
        const open = live(strata[s]!);
        [mask[s], fallback[s]] = [open ? o.strata[s]! : 0, open ? 1 : 0];
        [ratioed, any] = [ratioed + mask[s]!, any + fallback[s]!];
      }
      if (any === 0) break;
      const s = weightedIndex(rng, ratioed > 0 ? mask : fallback);
      choose(draw(strata[s]!), STRATA[s]!);
      picked++;
    }
    return picked;
  };
  /** Near / middle / far thirds of the pool by cosine to the profile (ties fall into the nearer third). */
  const terciles = (pool: number[]): number[][] => {
    // Ranking by the dot with the unnormalised sum is ranking by cosine: |profile| is common.
    const m = pool.length;
    const score = new Float64Array(m);
    for (let t = 0; t < m; t++) score[t] = dots ? dots[pool[t]!]! : leafDot(catalog, pool[t]!, profile);
    const work = score.slice();
    const [tNear, tMiddle] = m ? [kth(work, m - Math.ceil(m / 3)), kth(work, m - Math.ceil((2 * m) / 3))] : [0, 0];
    const thirds: number[][] = [[], [], []];
    for (let t = 0; t < m; t++) thirds[score[t]! >= tNear ? 0 : score[t]! >= tMiddle ? 1 : 2]!.push(pool[t]!);
    return thirds;
  };

  for (const i of seeds) if (!blocked[i]) choose(i, 'near');
  let shortfall = 0;
  for (const { r, size } of interleave(budgets, o.chunk)) shortfall += size - visit(r, size);
  // A root whose pool ran dry (duplicates of earlier picks) hands its remaining budget on.
  while (shortfall > 0) {
    let got = 0;
    for (let r = 0; r < roots.length && shortfall > 0; r++) {
      const made = visit(r, Math.min(o.chunk, shortfall));
      [got, shortfall] = [got + made, shortfall - made];
    }
    if (got === 0) break;
  }
  return out;
}

/** The k-th smallest value (0-based), by quickselect in place: O(m), where a sort per visit cost a third of the run. */
function kth(a: Float64Array, k: number): number {
  let [lo, hi] = [0, a.length - 1];
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let [i, j] = [lo, hi];
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i++] = a[j]!;
        a[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * Budgets summing to min(k, Σ sizes): each root gets clamp(λ·size, min(size, m), size) with λ set
 * so the sum fits (proportional to its leaf share of k, minimum honoured, capped by its leaves),
 * rounded by largest remainder (ties to the earlier root). The minimum shrinks when the roots'
 * minimums alone would exceed the total; with more roots than k, the first k roots get one each.
 */
export function allocate(sizes: number[], k: number, minPerRoot: number): number[] {
  const total = Math.min(k, sizes.reduce((a, b) => a + b, 0));
  const live = sizes.filter((s) => s > 0).length;
  if (total < live) {
    let left = total;
    return sizes.map((s) => (s > 0 && left > 0 ? (left--, 1) : 0));
  }
  let m = Math.max(1, minPerRoot);
  while (m > 1 && sizes.reduce((a, s) => a + Math.min(s, m), 0) > total) m--;
  const at = (lambda: number) => sizes.map((s) => Math.min(s, Math.max(Math.min(s, m), lambda * s)));
  let [lo, hi] = [0, 1];
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (at(mid).reduce((a, b) => a + b, 0) > total) hi = mid;
    else lo = mid;
  }
  const exact = at(lo);
  const budgets = exact.map(Math.floor);
  let left = total - budgets.reduce((a, b) => a + b, 0);
  const order = exact.map((x, r) => r).sort((a, b) => exact[b]! - budgets[b]! - (exact[a]! - budgets[a]!) || a - b);
  while (left > 0) {
    let moved = false;
    for (const r of order) if (left > 0 && budgets[r]! < sizes[r]!) [budgets[r], left, moved] = [budgets[r]! + 1, left - 1, true];
    if (!moved) break;
  }
  return budgets;
}

/** Each root's budget in chunks spread evenly over one timeline, so all roots grow together. */
function interleave(budgets: number[], chunk: number): { r: number; size: number }[] {
  const entries: { r: number; size: number; t: number }[] = [];
  budgets.forEach((b, r) => {
    const q = Math.ceil(b / chunk);
    for (let c = 0; c < q; c++) entries.push({ r, size: Math.floor(b / q) + (c < b % q ? 1 : 0), t: (c + 0.5) / q });
  });
  return entries.sort((a, b) => a.t - b.t || a.r - b.r);
}
