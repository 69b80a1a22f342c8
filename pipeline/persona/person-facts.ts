import { cachedJsonLoader } from '../core/json-file.js';
import { z } from 'zod';
import { isCancelled, wordsToNumber } from './consistency-match.js';
import { repoPath } from '../core/repo-path.js';

/**
 * What a value says about the person who holds it: their sex ("single mother"), relationship
 * status ("my wife"), religion, diet and the foods they like, counts of countable things ("three
 * kids"), the ages of their children, their birth year and life stage ("retired"). Read from
 * data/consistency/person-facts.json; the sampler (person-state.ts) admits a value only when its
 * claims agree with the anchors and with the values already chosen. Matching is on word
 * boundaries; a negated, past, wished-for or someone else's mention claims nothing.
 */

const Re = z.string().transform((s) => new RegExp(s, 'iu'));
const Sexed = z.object({ female: z.array(z.string()), male: z.array(z.string()) });
const Schema = z.object({
  version: z.literal(1),
  license: z.string(),
  referenceYear: z.number().int(),
  relationPath: Re,
  ownRolePath: Re,
  sexedSelf: Sexed,
  sexedRole: Sexed,
  partner: Sexed,
  partnerPath: Re,
  relationship: z.record(z.string(), z.array(z.string())),
  relationshipCompatible: z.array(z.tuple([z.string(), z.string()])),
  relationshipUnscoped: z.array(z.string()),
  religionPath: Re,
  religion: z.record(z.string(), z.object({ words: z.array(z.string()), within: z.string().optional() })),
  diet: z.record(z.string(), z.array(z.string())),
  dietPath: Re,
  dietIgnore: z.array(z.string()),
  foods: z.record(z.string(), z.array(z.string())),
  foodsAnywhere: z.record(z.string(), z.array(z.string())),
  foodPath: Re,
  dietExcludes: z.record(z.string(), z.array(z.string())),
  dietCompatible: z.array(z.tuple([z.string(), z.string()])),
  countables: z.record(z.string(), z.object({ nouns: z.array(z.string()), path: Re, max: z.number().int().positive(), minAge: z.number() })),
  childAgePatterns: z.array(Re),
  parentAge: z.object({ min: z.number(), maxFemale: z.number(), maxMale: z.number() }),
  grandparentAge: z.object({ min: z.number() }),
  lifeStages: z.array(z.object({ id: z.string(), words: z.array(z.string()), minAge: z.number(), maxAge: z.number() })),
  negators: z.array(z.string()),
});
export type PersonFacts = z.infer<typeof Schema>;

export const DEFAULT_FACTS_PATH = repoPath('data', 'consistency', 'person-facts.json');
export const loadPersonFacts: (path?: string) => PersonFacts = cachedJsonLoader(DEFAULT_FACTS_PATH, (json) => Schema.parse(json));

export type Sex = 'female' | 'male';
export type Claim =
  | { kind: 'sex'; value: Sex }
  | { kind: 'partner-sex'; value: Sex }
  | { kind: 'relationship'; value: string }
  | { kind: 'religion'; value: string; within?: string }
  | { kind: 'diet'; value: string }
  | { kind: 'eats'; value: string }
  | { kind: 'count'; key: string; value: number }
  | { kind: 'item'; key: string }
  | { kind: 'child-age'; value: number }
  | { kind: 'grandchild-age'; value: number }
  | { kind: 'birth-year'; value: number }
  | { kind: 'stage'; id: string; minAge: number; maxAge: number };

/** The parts of an attribute that claims are read from; `scope` is the taxonomy node's path below the root (no value facet). */
export interface ClaimInput {
  scope: string;
  label: string;
  value: string;
  polarity: 'positive' | 'negative' | 'neutral';
}

const COUNT_WORD = '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several)';
const escape = (s: string) => s.replace(/[.*+?()[\]\\|^$]/g, '\\$&');
const patterns = new Map<string, RegExp>();
/** A phrase on word boundaries; a space also matches a hyphen, {n} is a small count; `plural` allows a trailing s. */
function phrase(p: string, plural = true): RegExp {
  const key = `${plural ? 1 : 0}${p}`;
  let re = patterns.get(key);
  if (!re) {
    const body = p.toLowerCase().split('{n}').map((part) => escape(part).replace(/['’]/g, "['’]?").replace(/-/g, '[-\\s]?').replace(/\s+/g, '[-\\s]+')).join(COUNT_WORD);
    patterns.set(key, (re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${plural ? '(?:s|es)?' : ''}(?![\\p{L}\\p{N}])`, 'giu')));
  }
  return re;
}

/** One alternation per phrase list (longest first, so "single mother" wins over "mother"), compiled once per list. */
const alternations = new WeakMap<readonly string[], Map<boolean, RegExp>>();
function alternation(list: readonly string[], plural: boolean): RegExp {
  let byPlural = alternations.get(list);
  if (!byPlural) alternations.set(list, (byPlural = new Map()));
  let re = byPlural.get(plural);
  if (!re) {
    const bodies = [...list].sort((a, b) => b.length - a.length).map((p) => phrase(p, plural).source);
    byPlural.set(plural, (re = new RegExp(bodies.length ? bodies.map((b) => `(?:${b})`).join('|') : '(?!)', 'giu')));
  }
  return re;
}

/** The first phrase of `list` said (uncancelled) in `text`, or undefined. */
function said(text: string, list: readonly string[], facts: PersonFacts, plural = true): string | undefined {
  const cues = negators(facts);
  for (const m of text.matchAll(alternation(list, plural))) {
    if (!isCancelled(text, { start: m.index, end: m.index + m[0].length }, { before: cues })) return m[0];
  }
  return undefined;
}
const cueSets = new WeakMap<PersonFacts, ReadonlySet<string>>();
const negators = (facts: PersonFacts) => {
  let s = cueSets.get(facts);
  if (!s) cueSets.set(facts, (s = new Set(facts.negators)));
  return s;
};

const countOf = (word: string): number | undefined => {
  const w = word.toLowerCase();
  if (w === 'a couple of') return 2;
  if (w === 'a few' || w === 'several') return 3;
  return wordsToNumber(w);
};

const memo = new WeakMap<PersonFacts, Map<string, Claim[]>>();

/** Regexes and lists derived from the facts once (per call they cost more than the matching). */
interface Derived {
  unscoped: Map<string, string[]>;
  ignore: RegExp;
  counts: Map<string, RegExp>;
  childAges: RegExp[];
  parentOf: RegExp;
}
const derivedCache = new WeakMap<PersonFacts, Derived>();
function derived(f: PersonFacts): Derived {
  let d = derivedCache.get(f);
  if (!d) {
    d = {
      unscoped: new Map(Object.entries(f.relationship).map(([k, words]) => [k, words.filter((w) => f.relationshipUnscoped.includes(w))])),
      ignore: alternation(f.dietIgnore, true),
      counts: new Map(Object.entries(f.countables).map(([k, c]) => [k, new RegExp(`(?<![\\p{L}\\p{N}])${COUNT_WORD}\\s+(?:[\\p{L}-]+\\s+)?(?:${c.nouns.map(escape).join('|')})(?![\\p{L}])`, 'giu')])),
      childAges: f.childAgePatterns.map((re) => new RegExp(re.source, 'giu')),
      parentOf: new RegExp(`\\b(?:mother|father|mom|mum|dad|parent) of ${COUNT_WORD}\\b`, 'iu'),
    };
    derivedCache.set(f, d);
  }
  return d;
}

/** Every claim a value makes about its holder (memoised per scope, label, value and polarity). */
export function claimsOf(input: ClaimInput, facts: PersonFacts = loadPersonFacts()): Claim[] {
  let table = memo.get(facts);
  if (!table || table.size > 100_000) memo.set(facts, (table = new Map()));
  const key = `${input.scope}\u001f${input.label}\u001f${input.value}\u001f${input.polarity}`;
  let out = table.get(key);
  if (!out) table.set(key, (out = computeClaims(input, facts)));
  return out;
}

function computeClaims({ scope, label, value, polarity }: ClaimInput, f: PersonFacts): Claim[] {
  const out: Claim[] = [];
  const d = derived(f);
  const text = value.toLowerCase();
  const where = `${scope} ${label}`.toLowerCase().replace(/\./g, ' ');
  const relation = f.relationPath.test(scope.replace(/\./g, ' '));
  const ownRole = f.ownRolePath.test(where) && !relation;
  const disliked = polarity === 'negative';
  // Sex: self-descriptions anywhere but someone else's slot; plain role words only in an own-role slot.
  for (const sex of ['female', 'male'] as const) {
    if (!relation && said(text, f.sexedSelf[sex], f)) out.push({ kind: 'sex', value: sex });
    else if (ownRole && said(text, f.sexedRole[sex], f, false)) out.push({ kind: 'sex', value: sex });
  }
  const partnerSlot = f.partnerPath.test(where) && !/\b(?:parent|mother|father|child|sibling|friend|colleague|business)\b/.test(where);
  if (partnerSlot) for (const sex of ['female', 'male'] as const) if (said(text, f.partner[sex], f)) out.push({ kind: 'partner-sex', value: sex });
  // Relationship status: in a partner or marital slot, or an unambiguous phrase in any slot of the persona's own.
  for (const [status, words] of Object.entries(f.relationship)) {
    const scoped = partnerSlot ? said(text, words, f) : !relation ? said(text, d.unscoped.get(status)!, f) : undefined;
    if (scoped) out.push({ kind: 'relationship', value: status });
  }
  // Religion: in a faith slot, or a value that is only the religion ("devout buddhist").
  const faithSlot = f.religionPath.test(where);
  for (const [religion, { words, within }] of Object.entries(f.religion)) {
    const hit = said(text, words, f, false);
    if (hit && (faithSlot || text.split(/\s+/).length <= 3) && !(disliked && !faithSlot)) out.push({ kind: 'religion', value: religion, ...(within ? { within } : {}) });
  }
  // Diet and foods: never from a dislike; food words only in a food slot.
  if (!disliked) {
    const ignored = text.replace(d.ignore, ' ');
    if (f.dietPath.test(where)) for (const [diet, words] of Object.entries(f.diet)) if (said(ignored, words, f)) out.push({ kind: 'diet', value: diet });
    if (polarity === 'positive') {
      // Unmistakable foods ("pork belly") in any slot of the persona's own; the rest only in a food slot.
      const plain = ignored.replace(/\b(?:vegan|vegetarian|plant[- ]based|meatless|meat[- ]free|dairy[- ]free|egg[- ]free|fake|mock|imitation|faux)\s+[\p{L}-]+/giu, ' ');
      const lists = f.foodPath.test(where) ? f.foods : relation ? {} : f.foodsAnywhere;
      for (const [food, words] of Object.entries(lists)) if (said(plain, words, f, false)) out.push({ kind: 'eats', value: food });
    }
  }
  // Counts ("three kids", "mother of two") and items of a countable in its own slot.
  const scopeText = scope.replace(/\./g, ' ');
  const own = (scope.split('.').at(-1) ?? '').toLowerCase();
  for (const [key, c] of Object.entries(f.countables)) {
    const slot = c.path.test(scopeText);
    for (const m of text.matchAll(d.counts.get(key)!)) {
      const n = countOf(m[1]!);
      if (n !== undefined && (slot || !relation) && !isCancelled(text, { start: m.index, end: m.index + m[0].length }, { before: negators(f) })) out.push({ kind: 'count', key, value: n });
    }
    if (key === 'children') {
      const parentOf = text.match(d.parentOf);
      if (parentOf && (slot || !relation)) out.push({ kind: 'count', key, value: countOf(parentOf[1]!) ?? 1 });
    }
    // An item of its own slot ("Business Ownership = bakery"), not a preference about the thing ("Pet Preference").
    if (slot && !disliked && !/\b(?:preference|interest|advice|activit\w*|friendly|care|education|development)\b/.test(own)) out.push({ kind: 'item', key });
  }
  // Children's ages: "4 year old son", "son, age 8", "kids ages 1 and 3", or a number under a child's Age.
  for (const re of d.childAges) {
    for (const m of text.matchAll(re)) {
      for (const g of m.slice(1)) {
        const n = g === undefined ? undefined : countOf(g);
        const months = /month/i.test(m[0]);
        if (n !== undefined) out.push({ kind: 'child-age', value: months ? 0 : n });
      }
    }
  }
  const bare = /^\s*(\d{1,3})\s*(?:years?(?: old)?)?\s*$/i.exec(text);
  if (bare && /\bage\b/i.test(label)) {
    if (/\bgrand(?:child|children|kid|son|daughter)/i.test(scope)) out.push({ kind: 'grandchild-age', value: Number(bare[1]) });
    else if (/\b(?:child|children|kid|kids|son|daughter)\b/i.test(scope)) out.push({ kind: 'child-age', value: Number(bare[1]) });
  }
  if (said(text, f.countables.grandchildren?.nouns ?? [], f) && !relation) out.push({ kind: 'item', key: 'grandchildren' });
  // Own birth year.
  const year = /(?<!\d)(19\d\d|20[0-3]\d)(?!\d)/.exec(text);
  if (year && /\b(?:birth|born)\b/i.test(where) && !relation) out.push({ kind: 'birth-year', value: Number(year[1]) });
  // Life stage: the persona's own (not a slot about someone else), without a plural for bare words ("students" are others).
  if (!relation && !disliked) {
    for (const stage of f.lifeStages) {
      if (stage.id === 'student' && !/\b(?:education|status|role|occupation|identity|student)\b/.test(where)) continue;
      if (said(text, stage.words, f, false)) {
        out.push({ kind: 'stage', id: stage.id, minAge: stage.minAge, maxAge: stage.maxAge });
        break;
      }
    }
  }
  return out;
}
