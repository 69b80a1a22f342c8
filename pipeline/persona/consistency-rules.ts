import type { Anchors, Persona, PersonaAttribute } from './types.js';
import { anchorSide, exclusive, inScope, type Lexicon, sidesOf } from './consistency-lexicon.js';
import { extractYears, findKeywords, wordsToNumber } from './consistency-match.js';
import { isOccupationPath, matchesOccupation, statesOwnOccupation, STUDENT_LIKE } from './consistency-occupation.js';

/** The offline consistency rules, one small named check per line of RULES. */

export interface Violation {
  rule: string;
  /** The attribute to resample: never one that restates an anchor. */
  attributeIndex: number;
  reason: string;
}

interface Rule {
  id: string;
  /** `facts[i]` belongs to persona.attributes[i] (see factsOf). */
  check: (persona: Persona, lexicon: Lexicon, facts: readonly Facts[]) => Violation[];
}

/** Anchor-derived attributes restate ground truth: they may witness a conflict but are never resampled. */
export const resamplable = (a: PersonaAttribute) => a.stratum !== 'anchor' && a.origin !== 'anchor';
/** A negative value is a dislike ("wine" = dislikes wine), not a state: no rule reads it. */
const stated = (a: PersonaAttribute) => a.polarity !== 'negative';

const NO_SIDES: ReadonlySet<string> = new Set();

type AttributeCheck = (a: PersonaAttribute, anchors: Anchors, lexicon: Lexicon) => string | null;

/**
 * What the rules know about one attribute object: its verdict under every one-attribute check and
 * its sides in every lexicon group, each computed once. Attributes are never mutated and repair
 * re-checks a persona every round with mostly the same objects.
 */
export interface Facts {
  lexicon: Lexicon;
  anchors: Anchors;
  /** Reason per ATTRIBUTE_CHECKS entry, null when it passes. */
  verdicts: (string | null)[] | undefined;
  sides: ReadonlySet<string>[] | undefined;
}
const factsCache = new WeakMap<PersonaAttribute, Facts>();

export function factsOf(lexicon: Lexicon, anchors: Anchors, a: PersonaAttribute): Facts {
  let facts = factsCache.get(a);
  if (!facts || facts.lexicon !== lexicon || facts.anchors !== anchors) factsCache.set(a, (facts = { lexicon, anchors, verdicts: undefined, sides: undefined }));
  return facts;
}

function verdictsOf(facts: Facts, a: PersonaAttribute): (string | null)[] {
  const judged = stated(a) && resamplable(a);
  return (facts.verdicts ??= ATTRIBUTE_CHECKS.map(([, check]) => (judged ? check(a, facts.anchors, facts.lexicon) : null)));
}

/** Lifts one-attribute check number `slot` over every stated, resamplable attribute. */
const perAttribute = (slot: number): Rule => ({
  id: ATTRIBUTE_CHECKS[slot]![0],
  check: (p, _lexicon, facts) => {
    const out: Violation[] = [];
    for (let i = 0; i < facts.length; i++) {
      const reason = verdictsOf(facts[i]!, p.attributes[i]!)[slot];
      if (reason) out.push({ rule: ATTRIBUTE_CHECKS[slot]![0], attributeIndex: i, reason });
    }
    return out;
  },
});

/** An attribute's sides in each lexicon group (empty when out of scope or a dislike). */
function sidesByGroup(facts: Facts, a: PersonaAttribute): ReadonlySet<string>[] {
  if (facts.sides) return facts.sides;
  const scope = stated(a) ? scopesOf(facts.lexicon, a) : undefined;
  return (facts.sides = facts.lexicon.groups.map((g, i) => (scope?.[i] ? sidesOf(g, a.value) : NO_SIDES)));
}

/** Which lexicon groups an attribute's path and label fall in: once per distinct (path, label), not per persona. */
const scopeCache = new WeakMap<Lexicon, Map<string, Map<string, boolean[]>>>();
function scopesOf(lexicon: Lexicon, a: PersonaAttribute): boolean[] {
  let byPath = scopeCache.get(lexicon);
  if (!byPath) scopeCache.set(lexicon, (byPath = new Map()));
  let byLabel = byPath.get(a.path);
  if (!byLabel) byPath.set(a.path, (byLabel = new Map()));
  let scope = byLabel.get(a.label);
  if (!scope) byLabel.set(a.label, (scope = lexicon.groups.map((g) => inScope(g, a))));
  return scope;
}

const has = (value: string, keywords: readonly string[], cues?: Parameters<typeof findKeywords>[2]) =>
  findKeywords(value, keywords, cues).length > 0;

const RETIRED = ['retired', 'retiree', 'in retirement', 'pensioner', 'took early retirement', 'since retiring'];
const FULL_TIME = ['works full time', 'working full time', 'full-time job', 'employed full time', 'full-time employee', 'nine-to-five', '9-to-5', '40 hours a week'];
const GRANDCHILDREN = ['grandchild', 'grandchildren', 'grandkid', 'grandson', 'granddaughter', 'grandmother of', 'grandfather of', 'grandparent to'];
const CHILDREN = ['my son', 'my daughter', 'my kids', 'my children', 'my child', 'my baby', 'my toddler', '{n} kids', '{n} children', '{n} sons',
  '{n} daughters', 'has kids', 'has children', 'has a son', 'has a daughter', 'mother of', 'father of', 'mom of', 'mum of', 'dad of',
  'parent of', 'stay-at-home mom', 'stay-at-home dad', 'single mom', 'single dad', 'single mother', 'single father'];
const DEGREES: { keywords: string[]; minAge: number; what: string }[] = [
  { what: 'a university degree', minAge: 20, keywords: ['graduated from university', 'graduated from college', 'graduated university', 'graduated college',
    'college graduate', 'university graduate', 'college grad', "bachelor's degree", 'bachelors degree', 'bachelor of', 'undergraduate degree',
    'holds a degree', 'has a degree', 'degree in', 'bsc', 'b.sc'] },
  { what: "a master's degree", minAge: 22, keywords: ["master's degree", 'masters degree', 'master of', 'mba', 'msc', 'm.sc'] },
  { what: 'a doctorate', minAge: 24, keywords: ['phd', 'ph.d', 'doctorate', 'doctoral degree', 'dphil', 'doctor of philosophy'] },
];
/** "PhD student", "working on a degree": enrolled, not graduated. */
const IN_PROGRESS = {
  before: new Set(['working', 'currently', 'doing', 'starting', 'started', 'semester', 'year', 'first', 'second', 'third', 'final']),
  after: new Set(['student', 'students', 'candidate', 'candidates', 'program', 'programme', 'course', 'courses', 'application', 'applicant', 'studies', 'student']),
};
const MARRIED = ['married', 'my husband', 'my wife', 'my spouse', 'divorced', 'widowed', 'widow', 'widower', 'newlywed', 'my ex-husband', 'my ex-wife'];
const DRIVING = ['drives a', 'drives an', 'drives to', 'drives my', 'drives her', 'drives his', 'drives everywhere', 'drives daily',
  'driving to work', 'driving to school', 'commutes by car', 'drives herself', 'drives himself', "driver's license", "driver's licence",
  'driving license', 'driving licence', 'licensed driver', 'my car', 'her car', 'his car', 'owns a car', 'own car', 'behind the wheel'];
/** Where the years of a value are work experience whatever the words around the number. */
const EXPERIENCE_PATH = /\b(?:experience|tenure|seniority|years in|years of|years at|work history)\b/i;
const WORK_WORDS = /\b(?:experience|experienced|career|worked|working|works|work|profession|professional|industry|field|job|employed|employment|trade|tenure|practice|practicing|practising|teaching|served)\b/i;
/** Minimum age at which working life plausibly starts: N years of experience needs age ≥ N + 14. */
const EARLIEST_WORK_AGE = 14;

/** Legal drinking / driving ages (general licence, or accompanied driving where that comes first); others use the default. */
export const ALCOHOL_AGE: Record<string, number> = { default: 18, US: 21, JP: 20, KR: 19, TH: 20, IS: 20, DE: 16, AT: 16, BE: 16, CH: 16, DK: 16 };
export const DRIVING_AGE: Record<string, number> = { default: 18, US: 16, CA: 16, NZ: 16, AU: 17, GB: 17, IE: 17, DE: 17, IS: 17 };
const legalAge = (table: Record<string, number>, iso2: string) => table[iso2.toUpperCase()] ?? table.default!;

const belowPath = (a: PersonaAttribute) => a.path.split('.').filter((s, i) => i > 0 || s !== a.root).join(' ') + ` ${a.label}`;

function experienceYears(a: PersonaAttribute): number[] {
  const years = extractYears(a.value);
  if (!EXPERIENCE_PATH.test(belowPath(a))) return WORK_WORDS.test(a.value) ? years : [];
  const bare = wordsToNumber(a.value.trim().replace(/\s*(?:\+|plus)$/i, ''));
  return years.length > 0 ? years : bare !== undefined ? [bare] : [];
}

const retiredTooYoung: AttributeCheck = (a, { age }) =>
  age < 45 && has(a.value, RETIRED) ? `retired at ${age}` : null;
const fullTimeTooOld: AttributeCheck = (a, { age }) =>
  age >= 90 && has(a.value, FULL_TIME) ? `works full time at ${age}` : null;
const grandchildrenTooYoung: AttributeCheck = (a, { age }) =>
  age < 35 && has(a.value, GRANDCHILDREN) ? `grandchildren at ${age}` : null;
const childrenTooYoung: AttributeCheck = (a, { age }) =>
  age < 16 && has(a.value, CHILDREN) ? `own children at ${age}` : null;
const graduatedTooYoung: AttributeCheck = (a, { age }) => {
  const degree = DEGREES.find((d) => age < d.minAge && has(a.value, d.keywords, IN_PROGRESS));
  return degree ? `${degree.what} at ${age} (plausible from ${degree.minAge})` : null;
};
const experienceExceedsAge: AttributeCheck = (a, { age }) => {
  const found = experienceYears(a);
  const years = Math.max(...found);
  return found.length > 0 && years > age - EARLIEST_WORK_AGE ? `${years} years of experience at ${age}` : null;
};
const marriedTooYoung: AttributeCheck = (a, { age }) =>
  age < 16 && has(a.value, MARRIED) ? `marital history at ${age}` : null;
const minorWithJob: AttributeCheck = (a, anchors, lexicon) =>
  anchors.age < 18 && isOccupationPath(a) && statesOwnOccupation(a.value) && !STUDENT_LIKE.test(a.value)
    && !matchesOccupation(a.value, anchors.occupation?.title ?? '', lexicon.occupationSynonyms)
    ? `job title "${a.value}" at ${anchors.age}` : null;
const minorDrinking: AttributeCheck = (a, { age, country }, lexicon) => {
  const group = lexicon.groups.find((g) => g.id === 'alcohol');
  const limit = legalAge(ALCOHOL_AGE, country.iso2);
  return group && age < limit && sidesOf(group, a.value).has('drinks') ? `drinks alcohol at ${age} (legal age ${limit} in ${country.iso2})` : null;
};
const minorDriving: AttributeCheck = (a, { age, country }) => {
  const limit = legalAge(DRIVING_AGE, country.iso2);
  return age < limit && has(a.value, DRIVING) ? `drives at ${age} (licence age ${limit} in ${country.iso2})` : null;
};
const otherOccupation: AttributeCheck = (a, { occupation }, lexicon) =>
  occupation && isOccupationPath(a) && statesOwnOccupation(a.value) && !STUDENT_LIKE.test(a.value)
    && !matchesOccupation(a.value, occupation.title, lexicon.occupationSynonyms)
    ? `job title "${a.value}" but the anchor occupation is "${occupation.title}"` : null;

/** Of two conflicting attributes, resample the farther-stratum one (less tied to the anchors), then the later one. */
const STRATUM_RANK = { anchor: 0, near: 1, middle: 2, far: 3 } as const;
function pickResample(p: Persona, i: number, j: number): number | undefined {
  const [a, b] = [p.attributes[i]!, p.attributes[j]!];
  if (!resamplable(a)) return resamplable(b) ? j : undefined;
  if (!resamplable(b)) return i;
  return STRATUM_RANK[a.stratum] > STRATUM_RANK[b.stratum] ? i : j;
}

/** (g): two attributes, or an attribute and the anchor occupation, on exclusive sides of one lexicon group. */
function lexiconContradictions(p: Persona, lexicon: Lexicon, facts: readonly Facts[]): Violation[] {
  const out: Violation[] = [];
  const all = p.attributes.map((a, i) => sidesByGroup(facts[i]!, a));
  lexicon.groups.forEach((group, g) => {
    // The first exclusive pair of sides, in side order (plain loops: this runs every repair round).
    const clash = (x: ReadonlySet<string>, y: ReadonlySet<string>): [string, string] | undefined => {
      for (const s of x) for (const t of y) if (exclusive(group, s, t)) return [s, t];
      return undefined;
    };
    const fromAnchor = anchorSide(group, p.anchors);
    const anchorSides = fromAnchor ? new Set([fromAnchor]) : undefined;
    const taking: number[] = [];
    for (let i = 0; i < all.length; i++) if (all[i]![g]!.size > 0) taking.push(i);
    for (let at = 0; at < taking.length; at++) {
      const i = taking[at]!;
      const si = all[i]![g]!;
      const withAnchor = anchorSides ? clash(si, anchorSides) : undefined;
      if (withAnchor && resamplable(p.attributes[i]!)) {
        out.push({ rule: 'lexicon-contradiction', attributeIndex: i, reason: `${group.id}: "${withAnchor[0]}" vs the anchor occupation ("${withAnchor[1]}")` });
      }
      for (let bt = at + 1; bt < taking.length; bt++) {
        const j = taking[bt]!;
        const pair = clash(si, all[j]![g]!);
        const target = pair ? pickResample(p, i, j) : undefined;
        if (pair && target !== undefined) {
          out.push({ rule: 'lexicon-contradiction', attributeIndex: target, reason: `${group.id}: "${pair[0]}" (#${i}) vs "${pair[1]}" (#${j})` });
        }
      }
    }
  });
  return out;
}

const ATTRIBUTE_CHECKS: readonly (readonly [string, AttributeCheck])[] = [
  ['retired-too-young', retiredTooYoung],
  ['full-time-too-old', fullTimeTooOld],
  ['grandchildren-too-young', grandchildrenTooYoung],
  ['children-too-young', childrenTooYoung],
  ['graduated-too-young', graduatedTooYoung],
  ['experience-exceeds-age', experienceExceedsAge],
  ['married-too-young', marriedTooYoung],
  ['minor-with-job', minorWithJob],
  ['minor-drinking', minorDrinking],
  ['minor-driving', minorDriving],
  ['occupation-mismatch', otherOccupation],
];

/** Rule order is report order: the one-attribute checks, the lexicon, then the anchor occupation. */
export const RULES: readonly Rule[] = [
  ...ATTRIBUTE_CHECKS.slice(0, -1).map((_, slot) => perAttribute(slot)),
  { id: 'lexicon-contradiction', check: lexiconContradictions },
  perAttribute(ATTRIBUTE_CHECKS.length - 1),
];
