import { z } from 'zod';
import { phraseTokens } from './text.js';
import { cachedJsonLoader } from '../../core/json-file.js';
import { repoPath } from '../../core/repo-path.js';

/**
 * The contradiction-family lexicon (data/evaluation/contradiction-families.json, see its README).
 * It is kept apart from the repair rules of pipeline/persona/consistency*.ts on purpose: a check
 * that shares its rules with the repair loop can only confirm the repair. Phrases are compiled to
 * singular token lists once, here.
 */

export const DEFAULT_FAMILY_LEXICON_PATH = repoPath('data', 'evaluation', 'contradiction-families.json');

const words = z.array(z.string().min(1));
const ConceptSchema = z.object({
  id: z.string().min(1),
  keywords: words.min(1),
  mode: z.enum(['classes', 'age', 'free']).default('classes'),
  classes: z.record(z.string(), words).default({}),
  conflicts: z.union([z.literal('all'), z.array(z.tuple([z.string(), z.string()]))]).default('all'),
  exceptWhenAlso: words.default([]),
  valuePatterns: z.record(z.string(), words).default({}),
  anchor: z.string().optional(),
  toleranceYears: z.number().nonnegative().default(0),
  ignoreWords: words.default([]),
  /** Path words that make an attribute about something else (an age "Retirement › Age" is not the persona's). */
  excludePathWords: words.default([]),
  /** Value words that make a value not a statement of the concept ("retired at age 65" is no current age). */
  skipValuesWith: words.default([]),
});

const LexiconSchema = z.object({
  version: z.literal(1),
  license: z.string(),
  otherPersonWords: words,
  notSelfNowWords: words,
  negations: words,
  hedges: words,
  subPropertyWords: words,
  singleValued: z.array(ConceptSchema).min(1),
  children: z.object({ childWords: words, grandchildWords: words, minParentGap: z.number(), maxParentGap: z.number(), minGrandparentGap: z.number() }),
  genderedRoles: z.object({ female: words, male: words, rolePathKeywords: words, selfQualifiers: words, otherReference: words }),
  diet: z.object({ plantBased: words, meat: words, fish: words, animalProducts: words, substitutes: words, foodPathWords: words, likingWords: words, ignoreWhenAlso: words }),
  counts: z.object({
    business: z.object({ pathKeywords: words, ownVerbs: words, businessNouns: words, notYetWords: words, ignoreWords: words, max: z.number().int().nonnegative() }),
    employer: z.object({ concept: z.string(), max: z.number().int().nonnegative() }),
    occupation: z.object({ concept: z.string(), max: z.number().int().nonnegative() }),
  }),
  lifeStage: z.object({
    retired: z.object({ phrases: words, minAge: z.number(), skipWhenAlso: words }),
    school: z.array(z.object({ id: z.string(), phrases: words, minAge: z.number(), maxAge: z.number() })),
    schoolSkipWhenAlso: words,
  }),
  partner: z.object({ committed: words, spouseWords: words, partnerPathWords: words, datingWords: words, ownMarkers: words, notCurrent: words }),
});

export type RawFamilyLexicon = z.infer<typeof LexiconSchema>;
type Phrases = string[][];

export interface Concept {
  id: string;
  keywords: Phrases;
  mode: 'classes' | 'age' | 'free';
  classes: Map<string, Phrases>;
  /** Unordered class pairs that cannot both hold ("a\u001fb" with a < b). */
  conflicts: Set<string> | 'all';
  exceptWhenAlso: Phrases;
  valuePatterns: Map<string, Phrases>;
  anchor?: string;
  toleranceYears: number;
  ignoreWords: Set<string>;
  excludePath: Phrases;
  skipValues: Phrases;
}

export interface FamilyLexicon {
  raw: RawFamilyLexicon;
  otherPerson: Phrases;
  notSelfNow: Phrases;
  negations: Phrases;
  hedges: Phrases;
  subProperty: Phrases;
  concepts: Concept[];
  concept(id: string): Concept;
}

export const compile = (list: readonly string[]): Phrases => list.map(phraseTokens).filter((p) => p.length > 0);
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u001f${b}` : `${b}\u001f${a}`);

function compileConcept(c: RawFamilyLexicon['singleValued'][number]): Concept {
  return {
    id: c.id,
    keywords: compile(c.keywords),
    mode: c.mode,
    classes: new Map(Object.entries(c.classes).map(([k, v]) => [k, compile(v)])),
    conflicts: c.conflicts === 'all' ? 'all' : new Set(c.conflicts.map(([a, b]) => pairKey(a, b))),
    exceptWhenAlso: compile(c.exceptWhenAlso),
    valuePatterns: new Map(Object.entries(c.valuePatterns).map(([k, v]) => [k, compile(v)])),
    ...(c.anchor ? { anchor: c.anchor } : {}),
    toleranceYears: c.toleranceYears,
    ignoreWords: new Set(c.ignoreWords.flatMap(phraseTokens)),
    excludePath: compile(c.excludePathWords),
    skipValues: compile(c.skipValuesWith),
  };
}

/** Validates and compiles a lexicon object (tests pass small ones). */
export function compileFamilyLexicon(raw: unknown): FamilyLexicon {
  const lex = LexiconSchema.parse(raw);
  const concepts = lex.singleValued.map(compileConcept);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  for (const ref of [lex.counts.employer.concept, lex.counts.occupation.concept]) {
    if (!byId.has(ref)) throw new Error(`contradiction lexicon: counts refer to unknown concept "${ref}"`);
  }
  return {
    raw: lex,
    otherPerson: compile(lex.otherPersonWords),
    notSelfNow: compile(lex.notSelfNowWords),
    negations: compile(lex.negations),
    hedges: compile(lex.hedges),
    subProperty: compile(lex.subPropertyWords),
    concepts,
    concept: (id) => {
      const c = byId.get(id);
      if (!c) throw new Error(`contradiction lexicon: no concept "${id}"`);
      return c;
    },
  };
}

export const loadFamilyLexicon: (path?: string) => FamilyLexicon = cachedJsonLoader(DEFAULT_FAMILY_LEXICON_PATH, compileFamilyLexicon);
