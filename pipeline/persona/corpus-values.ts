import { fitValue, valueRejection } from '../extractors/value-gate.js';
import { extractYears, wordsToNumber } from './consistency-match.js';
import type { Leaf, LeafValue, Polarity } from './leaf-catalog.js';
import { type RandomGenerator, weightedIndex, weightedIndexAt } from './rng.js';
import type { Anchors } from './types.js';

/**
 * Offline values: a leaf's value drawn from its mined vocabulary, so every corpus value is one a
 * real person stated. Plausibility against the anchors is a few label-keyed rules (below), enough
 * to keep the offline consistency checks from firing on values picked at random.
 */

export interface ValueOptions {
  /**
   * Longer values are cut at a phrase boundary (default 50; fitValue in value-gate.ts): one value
   * should not read as a story. A value with no clean cut is never drawn.
   */
  maxChars?: number;
  /**
   * Each polarity present in the vocabulary gets at least this share of draws (default 0.1).
   * Extracted vocabularies are mostly positive ("likes jazz"); drawing strictly ∝ count would
   * make dislikes and neutral facts vanish from personas although people state them.
   */
  minPolarityShare?: number;
  /**
   * The first draw's uniform in [0, 1), when the caller stratifies it across personas (see
   * person-model.ts: each value then reaches its share of a block of personas exactly); later
   * attempts use the rng.
   */
  firstUniform?: number;
}

export interface SampledValue {
  value: string;
  polarity: Polarity;
  /** True for an age leaf: the value is the anchor age, not a corpus value. */
  fromAnchor?: boolean;
}

interface Bound {
  why: string;
  label: RegExp;
  /** Numbers parsed from a value must be ≤ this; null when the rule does not apply. */
  max: (leaf: Leaf, age: number) => number | null;
}

/** The leaf states the persona's own age: it takes the anchor age, whatever the vocabulary says. */
const AGE_LABEL = /^(?:(?:current|actual|own|my|self|reported|stated|person'?s?|user'?s?)\s+)*age(?:\s+in\s+years)?$/i;
/** A path about someone else ("Child.Age", "Partner.Age"): its age is theirs, drawn from the corpus and checked by person-state.ts. */
const SOMEONE_ELSE = /\b(?:child|children|kids?|sons?|daughters?|parents?|mother|father|partner|spouse|siblings?|brother|sister|grand\w*|pets?|dogs?|cats?|friends?)\b/i;
const NOT_DURATION = /\b(?:birth|born|graduat\w*|founded|built|model|calendar|school|academic)\b/i;

/** First matching rule wins; a value with no parseable number passes (no rule can judge it). */
const BOUNDS: Bound[] = [
  { why: 'work starts at 14 at the earliest (the consistency check: experience ≤ age − 14)',
    label: /\b(?:experience|career|tenure|seniority|working years|years? (?:of|in|at) (?:work|service|practice|the (?:field|industry|job)))\b/i,
    max: (_, age) => Math.max(0, age - 14) },
  { why: 'own children: none under 16 (the consistency check), otherwise at most 12',
    label: /\b(?:children|child|kids?|sons?|daughters?)\b/i,
    max: (leaf, age) => (/\b(?:age|old)\b/i.test(leaf.label) ? null : age < 16 ? 0 : 12) },
  { why: 'a duration in years cannot exceed the life so far (numeric leaves; not calendar years)',
    label: /\b(?:years?|how long)\b/i,
    max: (leaf, age) => (leaf.valueType === 'numeric' && !NOT_DURATION.test(leaf.label) ? age : null) },
];

/**
 * One value for `leaf`, or null when the leaf has no plausible value left. Draws ∝ count within a
 * polarity-balanced vocabulary (minPolarityShare). `attempt` n draws n + 1 distinct values without
 * replacement and returns the last: given an rng in the same state (a clone, or the same
 * personaRng stream), attempt n differs from attempts 0…n-1, and null means every value was tried,
 * so repair drops the attribute instead of cycling. Values outside the observed range are never
 * produced: every value comes from the vocabulary, except the anchor age for an age leaf.
 */
export function sampleValue(leaf: Leaf, rng: RandomGenerator, anchors: Pick<Anchors, 'age'>, attempt = 0, opts: ValueOptions = {}): SampledValue | null {
  const floor = opts.minPolarityShare ?? 0.1;
  const prepared = prepare(leaf, opts.maxChars ?? 50);
  const max = prepared.rule ? prepared.rule.max(leaf, anchors.age) : null;
  const pool = prepared.isAge
    ? [{ value: String(anchors.age), polarity: 'neutral' as Polarity, count: 1, largest: undefined }]
    : max === null ? prepared.entries : prepared.entries.filter((v) => v.largest === undefined || v.largest <= max);
  if (pool.length === 0) return null;
  if (attempt === 0 && opts.firstUniform !== undefined && pool !== prepared.entries && !prepared.isAge) {
    // A stratified first draw lands on the whole vocabulary, so a bound that removes values never
    // raises the others above their share (the popularity cap relies on it); out of bounds is null.
    let full = prepared.balanced.get(floor);
    if (!full) prepared.balanced.set(floor, (full = balance(prepared.entries, floor)));
    const entry = prepared.entries[weightedIndexAt(full, opts.firstUniform)]!;
    return pool.includes(entry) ? { value: entry.value, polarity: entry.polarity } : null;
  }
  // The unfiltered vocabulary's weights are the same for every persona: cached per floor.
  let weights = pool === prepared.entries ? prepared.balanced.get(floor) : undefined;
  if (!weights) {
    weights = balance(pool, floor);
    if (pool === prepared.entries) prepared.balanced.set(floor, weights);
  }
  if (attempt > 0) weights = weights.slice();

  let picked = -1;
  for (let a = 0; a <= attempt; a++) {
    if (picked >= 0) {
      const seen = pool[picked]!.value; // the same text under another polarity is not a new value
      pool.forEach((v, i) => v.value === seen && (weights[i] = 0));
    }
    if (!weights.some((w) => w > 0)) return null;
    picked = a === 0 && opts.firstUniform !== undefined ? weightedIndexAt(weights, opts.firstUniform) : weightedIndex(rng, weights);
  }
  const { value, polarity } = pool[picked]!;
  return prepared.isAge ? { value, polarity, fromAnchor: true } : { value, polarity };
}

/** Weights ∝ count, each polarity's mass scaled up to at least `floor` of the total, then renormalised. */
function balance(pool: LeafValue[], floor: number): Float64Array {
  const mass = new Map<Polarity, number>();
  for (const v of pool) mass.set(v.polarity, (mass.get(v.polarity) ?? 0) + v.count);
  const total = [...mass.values()].reduce((x, y) => x + y, 0);
  const factor = new Map([...mass].map(([p, m]) => [p, Math.max(m / total, floor) / (m / total)]));
  return Float64Array.from(pool, (v) => v.count * factor.get(v.polarity)!);
}

interface Entry extends LeafValue {
  /** The largest number parsed from the uncut value(s), for the plausibility bound. */
  largest: number | undefined;
}
interface Prepared {
  isAge: boolean;
  /** Vocabulary rows never drawn: rejected by the value gate, or too long with no clean cut. */
  gated: { rejected: number; uncut: number };
  rule: Bound | undefined;
  entries: Entry[];
  balanced: Map<number, Float64Array>;
}

// Per leaf and maxChars: the label rules, gated, cut and merged values and their numbers depend on
// neither the anchors nor the rng, and a run draws from the same leaves thousands of times.
const preparedCache = new WeakMap<Leaf, Map<number, Prepared>>();

function prepare(leaf: Leaf, maxChars: number): Prepared {
  let byMax = preparedCache.get(leaf);
  if (!byMax) preparedCache.set(leaf, (byMax = new Map()));
  let prepared = byMax.get(maxChars);
  if (prepared) return prepared;
  const label = leaf.label.trim();
  const rule = BOUNDS.find((b) => b.label.test(label));
  // Gated and fitted values, with (value, polarity) duplicates merged so a value's count is not split.
  // The gate is the extract stage's (mention-rows.ts): a junk value stored before it existed is never shown.
  const byKey = new Map<string, Entry>();
  const gated = { rejected: 0, uncut: 0 };
  for (const v of leaf.values) {
    if (!(v.count > 0) || v.value.trim() === '') continue;
    if (valueRejection(v.value) !== null) {
      gated.rejected++;
      continue;
    }
    const value = fitValue(v.value, maxChars);
    if (value === null) {
      gated.uncut++;
      continue;
    }
    const largest = rule ? largestNumber(v.value) : undefined; // parsing is only needed under a rule
    const key = `${v.polarity}\u001f${value}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { value, polarity: v.polarity, count: v.count, largest });
    else [seen.count, seen.largest] = [seen.count + v.count, largest === undefined ? seen.largest : Math.max(largest, seen.largest ?? largest)];
  }
  const isAge = AGE_LABEL.test(label) && !SOMEONE_ELSE.test(leaf.path.split('.').slice(1, -1).join(' '));
  prepared = { isAge, gated, rule, entries: [...byKey.values()], balanced: new Map() };
  byMax.set(maxChars, prepared);
  return prepared;
}

/**
 * The values sampleValue can draw for `leaf` (gated and fitted, ignoring the age bounds), each
 * with its share of draws at the polarity floor (the same text under two polarities summed).
 * The popularity cap (person-model.ts) is computed from these shares.
 */
export function valueShares(leaf: Leaf, maxChars = 50, floor = 0.1): { value: string; share: number }[] {
  const prepared = prepare(leaf, maxChars);
  if (prepared.isAge || prepared.entries.length === 0) return [];
  let weights = prepared.balanced.get(floor);
  if (!weights) prepared.balanced.set(floor, (weights = balance(prepared.entries, floor)));
  const total = weights.reduce((a, b) => a + b, 0);
  const byValue = new Map<string, number>();
  prepared.entries.forEach((e, i) => byValue.set(e.value, (byValue.get(e.value) ?? 0) + weights[i]! / total));
  return [...byValue].map(([value, share]) => ({ value, share }));
}

/** Vocabulary rows of `leaf` that personas never draw: rejected by the value gate, or too long with no clean cut. */
export function gatedValues(leaf: Leaf, maxChars = 50): { rejected: number; uncut: number } {
  return prepare(leaf, maxChars).gated;
}

/** Does `value` respect the leaf's label rule at this age? (No parseable number: yes.) */
export function plausible(leaf: Leaf, value: string, age: number): boolean {
  const rule = BOUNDS.find((r) => r.label.test(leaf.label));
  const max = rule ? rule.max(leaf, age) : null;
  const largest = largestNumber(value);
  return max === null || largest === undefined || largest <= max;
}

function largestNumber(value: string): number | undefined {
  const numbers = [leadingNumber(value), ...extractYears(value)].filter((n): n is number => n !== undefined);
  return numbers.length ? Math.max(...numbers) : undefined;
}

const QUALIFIER = /^(?:about|around|over|nearly|almost|approximately|roughly|more than|less than|under|up to|at least|[~<>≈])\s*/i;

/** The number a value starts with: "12", "1,500", "3.5 years", "two kids", "none" → 0; else undefined. */
export function leadingNumber(value: string): number | undefined {
  const v = value.trim().toLowerCase().replace(QUALIFIER, '');
  if (/^(?:no|none|zero)\b/.test(v)) return 0;
  const digits = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/.exec(v);
  if (digits) return Number(digits[0].replace(/,/g, ''));
  const words = v.split(/[\s-]+/).slice(0, 4);
  for (let n = words.length; n > 0; n--) {
    const phrase = words.slice(0, n).join(' ');
    // "a lot", "a few": a lone article is not a count.
    if (/^an?$/.test(phrase)) continue;
    const parsed = wordsToNumber(phrase);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}
