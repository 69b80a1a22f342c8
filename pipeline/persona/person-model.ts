import { type Cardinality, cardinalityOf, type CardinalityLexicon, loadCardinalityLexicon } from './cardinality.js';
import { anchorKindOf } from './anchor-units.js';
import { valueShares } from './corpus-values.js';
import { type Catalog, type Leaf, type Polarity, unitKey } from './leaf-catalog.js';
import type { PersonEvidence } from './load-person-evidence.js';
import { loadPersonFacts, type PersonFacts } from './person-facts.js';
import { personaRng, type RandomGenerator, shuffle, uniform, weightedIndex } from './rng.js';

/**
 * What the sampler knows about people, per catalog: which units are alternatives of one
 * single-valued node (a persona takes at most one), which count a countable thing (a persona
 * takes as many as its drawn count), how open each unit is under the popularity cap, and the
 * bundles real speakers stated together. Built once per catalog and evidence; pure data after.
 */

/** No corpus value in more than this share of personas, unless its real frequency is higher. */
export const POPULARITY_CAP = 0.2;
/**
 * Units are opened for this share of the cap: a value re-drawn after its unit's first draw was
 * rejected (a conflict, a duplicate text) lands above its share, and the margin absorbs that.
 */
export const CAP_MARGIN = 0.85;
/** Speaker bundles that seed each persona. */
export const BUNDLES_PER_PERSONA = 3;

export interface UnitGroup {
  nodeId: string;
  members: number[];
  cardinality: Cardinality;
  /** The countable it counts ("children", "businesses"), for a multi-valued node. */
  countKey?: string;
  /** Speaker units with n different values, n ≥ 1: where a persona's count comes from. */
  perUnit: number[];
}

export interface BundleEntry {
  unit: number;
  value: string;
  polarity: Polarity;
}

export interface PersonModel {
  facts: PersonFacts;
  /** Unit → its group (-1: a node with neither rule). */
  groupOf: Int32Array;
  groups: UnitGroup[];
  /** Probability that a unit is open to a persona: the popularity cap made per unit. */
  openness: Float64Array;
  bundles: BundleEntry[][];
  /** Units whose values all fail the gate: never chosen, so k is reached with complete values. */
  drawable: Uint8Array;
}

const models = new WeakMap<Catalog, Map<string, PersonModel>>();

export interface ModelOptions {
  maxChars?: number;
  cap?: number;
  cardinality?: CardinalityLexicon;
  facts?: PersonFacts;
}

export function personModelOf(catalog: Catalog, evidence: PersonEvidence | undefined, opts: ModelOptions = {}): PersonModel {
  const key = `${opts.maxChars ?? 50}\u001f${opts.cap ?? POPULARITY_CAP}\u001f${evidence ? 1 : 0}`;
  let byKey = models.get(catalog);
  if (!byKey) models.set(catalog, (byKey = new Map()));
  let model = byKey.get(key);
  if (!model) byKey.set(key, (model = buildModel(catalog, evidence, opts)));
  return model;
}

const nodePathOf = (leaf: Leaf) => leaf.nodePath ?? leaf.path;
const belowRoot = (path: string, root: string) => path.split('.').filter((s, i) => i > 0 || s !== root);

function buildModel(catalog: Catalog, evidence: PersonEvidence | undefined, opts: ModelOptions): PersonModel {
  const facts = opts.facts ?? loadPersonFacts();
  const lexicon = opts.cardinality ?? loadCardinalityLexicon();
  const maxChars = opts.maxChars ?? 50;
  const cap = (opts.cap ?? POPULARITY_CAP) * CAP_MARGIN;
  const n = catalog.leaves.length;
  const byNode = new Map<string, number[]>();
  catalog.leaves.forEach((leaf, i) => byNode.set(leaf.nodeId, [...(byNode.get(leaf.nodeId) ?? []), i]));
  const nodeEvidence = new Map((evidence?.nodes ?? []).map((e) => [e.nodeId, e]));

  const groupOf = new Int32Array(n).fill(-1);
  const groups: UnitGroup[] = [];
  for (const [nodeId, members] of byNode) {
    const leaf = catalog.leaves[members[0]!]!;
    const segments = belowRoot(nodePathOf(leaf), leaf.root);
    const label = segments.at(-1) ?? leaf.label;
    const cardinality = cardinalityOf(label, nodeEvidence.get(nodeId), lexicon);
    const scope = segments.join(' ');
    const countKey = cardinality.single || /\b(?:preference|interest|advice|activit\w*)\b/i.test(label)
      ? undefined
      : Object.entries(facts.countables).find(([, c]) => c.path.test(scope))?.[0];
    if (!cardinality.single && !countKey) continue;
    for (const m of members) groupOf[m] = groups.length;
    groups.push({ nodeId, members, cardinality, ...(countKey ? { countKey } : {}), perUnit: nodeEvidence.get(nodeId)?.perUnit ?? [0, 1] });
  }

  // Openness: a unit is open with probability c_u = min over its values of allowed(v) / share(v | u),
  // so P(a persona holds v) ≤ P(u open) · share(v | u) ≤ allowed(v); a text shared by several units
  // scales them down together. allowed(v) = max(cap, the share of speakers who state v).
  const shares = catalog.leaves.map((leaf) => valueShares(leaf, maxChars));
  const anchored = catalog.leaves.map((leaf) => !!anchorKindOf(leaf) || isAnchorLike(leaf));
  const drawable = Uint8Array.from(shares, (s, i) => (s.length > 0 || anchored[i] ? 1 : 0));
  const total = Math.max(1, evidence?.totalUnits ?? 0);
  const allowed = (leaf: Leaf, value: string) => Math.max(cap, (evidence?.valueUnits.get(leaf.facetId ?? '')?.get(value) ?? 0) / total);
  const openness = Float64Array.from(catalog.leaves, (leaf, i) => {
    if (!drawable[i]) return 0;
    if (anchored[i]) return 1; // the anchor is the value: no corpus value to cap
    let c = 1;
    for (const { value, share } of shares[i]!) c = Math.min(c, allowed(leaf, value) / share);
    return c;
  });
  for (let round = 0; round < 3; round++) {
    const expected = new Map<string, { sum: number; allowed: number; units: number[] }>();
    shares.forEach((list, i) => list.forEach(({ value, share }) => {
      const e = expected.get(value) ?? { sum: 0, allowed: allowed(catalog.leaves[i]!, value), units: [] };
      e.sum += openness[i]! * share;
      e.allowed = Math.max(e.allowed, allowed(catalog.leaves[i]!, value));
      e.units.push(i);
      expected.set(value, e);
    }));
    let changed = false;
    for (const e of expected.values()) {
      if (e.sum <= e.allowed * 1.0001) continue;
      for (const i of e.units) openness[i]! *= e.allowed / e.sum;
      changed = true;
    }
    if (!changed) break;
  }

  const indexOf = new Map(catalog.leaves.map((l, i) => [unitKey(l), i]));
  const drawableText = shares.map((list) => new Set(list.map((s) => s.value)));
  const bundles = (evidence?.bundles ?? []).flatMap((items) => {
    const entries = items.flatMap((it) => {
      const unit = indexOf.get(it.facetId);
      return unit !== undefined && drawableText[unit]!.has(it.value) ? [{ unit, value: it.value, polarity: (it.polarity as Polarity) }] : [];
    });
    return new Set(entries.map((e) => e.unit)).size >= 2 ? [entries] : [];
  });
  return { facts, groupOf, groups, openness, bundles, drawable };
}

/** Units restating an anchor are drawable whatever their vocabulary (the anchor is the value). */
const isAnchorLike = (leaf: Leaf) => /^(?:(?:current|actual|own|my)\s+)*age$/i.test(leaf.label.trim());

/** Personas per block: in every block of this many consecutive indices, a unit is open to exactly its share. */
export const PERSONA_BLOCK = 100;

export interface OpenUnits {
  /** 1 when the unit is open to the persona. */
  open: Uint8Array;
  /** For an open unit, the persona's stratified uniform for its first value draw (see sampleValue). */
  firstUniform: Float64Array;
}

/**
 * Which units are open to persona `index` under the popularity cap. Independent draws per persona
 * would leave the realised share of a capped unit binomial (at 20% of 100 personas, some of several
 * hundred units would land near 30%). Instead each unit shuffles each block of PERSONA_BLOCK
 * indices (keyed by seed, unit and block) and is open to the first round(c_u · block) of them, and
 * the open personas' first value draws are spread evenly over the value shares. So every unit and
 * value reaches its share of each block, units stay independent of each other (no two personas
 * share open sets by construction), and persona i still depends only on (seed, i).
 */
export function openUnits(model: PersonModel, seed: number, index: number): OpenUnits {
  const block = Math.floor(index / PERSONA_BLOCK);
  const ranks = blockRanks(model, seed, block);
  const pos = index % PERSONA_BLOCK;
  const n = model.openness.length;
  const open = new Uint8Array(n);
  const firstUniform = new Float64Array(n).fill(Number.NaN);
  for (let u = 0; u < n; u++) {
    const m = ranks.quota[u]!;
    const rank = ranks.rank[u * PERSONA_BLOCK + pos]!;
    if (rank >= m) continue;
    open[u] = 1;
    firstUniform[u] = (rank + ranks.jitter[u]!) / m;
  }
  return { open, firstUniform };
}

interface BlockRanks {
  rank: Uint8Array;
  quota: Uint8Array;
  jitter: Float64Array;
}
const blockCache = new WeakMap<PersonModel, Map<string, BlockRanks>>();

function blockRanks(model: PersonModel, seed: number, block: number): BlockRanks {
  let cache = blockCache.get(model);
  if (!cache) blockCache.set(model, (cache = new Map()));
  const key = `${seed}:${block}`;
  let ranks = cache.get(key);
  if (ranks) return ranks;
  const n = model.openness.length;
  const B = PERSONA_BLOCK;
  ranks = { rank: new Uint8Array(n * B), quota: new Uint8Array(n), jitter: new Float64Array(n) };
  const order = new Array<number>(B);
  for (let u = 0; u < n; u++) {
    const c = model.openness[u]!;
    if (c <= 0) continue;
    const rng = personaRng(seed, block, `open:${u}`);
    // Randomised rounding keeps the expected quota at c · B exactly.
    ranks.quota[u] = c >= 1 ? B : Math.min(B, Math.floor(c * B + uniform(rng)));
    ranks.jitter[u] = uniform(rng);
    for (let p = 0; p < B; p++) order[p] = p;
    shuffle(rng, order);
    for (let r = 0; r < B; r++) ranks.rank[u * B + order[r]!] = r;
  }
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, ranks);
  return ranks;
}

/**
 * Per group, how many units a persona may take: one for a single-valued node, the persona's drawn
 * count for a countable (from how many different values real speakers state, at most the
 * lexicon's maximum), no limit otherwise. Also the drawn count per countable key.
 */
export function drawCounts(model: PersonModel, rng: RandomGenerator): { caps: Int32Array; counts: Map<string, number> } {
  const caps = new Int32Array(model.groups.length);
  const counts = new Map<string, number>();
  model.groups.forEach((g, i) => {
    if (g.cardinality.single || !g.countKey) {
      caps[i] = 1;
      return;
    }
    const max = model.facts.countables[g.countKey]?.max ?? 1;
    let n = counts.get(g.countKey);
    if (n === undefined) {
      const weights = g.perUnit.map((w, k) => (k >= 1 && k <= max ? w : 0));
      n = Math.max(1, weightedIndex(rng, weights.some((w) => w > 0) ? weights : [0, 1]));
      counts.set(g.countKey, n);
    }
    caps[i] = n;
  });
  return { caps, counts };
}

/** A few real speakers' bundles for one persona: their open units, each with the value the speaker stated. */
export function pickBundles(model: PersonModel, rng: RandomGenerator, open: Uint8Array, count = BUNDLES_PER_PERSONA): BundleEntry[] {
  if (model.bundles.length === 0) return [];
  const out: BundleEntry[] = [];
  const seen = new Set<number>();
  for (let b = 0; b < count; b++) {
    const bundle = model.bundles[Math.min(model.bundles.length - 1, Math.floor(uniform(rng) * model.bundles.length))]!;
    for (const e of bundle) {
      if (!open[e.unit] || seen.has(e.unit)) continue;
      seen.add(e.unit);
      out.push(e);
    }
  }
  return out;
}
