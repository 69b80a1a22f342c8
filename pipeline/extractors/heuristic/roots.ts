/**
 * Maps the extractor's internal root keys onto the configured root names. With the default
 * roots this is a fixed table; with custom roots each key goes to the configured root whose name
 * shares the most words with the default one (plus a few synonyms), so a renamed or merged
 * taxonomy still receives every mention under one of ITS roots.
 */
import { DEFAULT_ROOTS } from '../../core/types.js';

export type RootKey =
  | 'demographic'
  | 'health'
  | 'psychology'
  | 'culture'
  | 'relationships'
  | 'career'
  | 'education'
  | 'hobbies'
  | 'routine'
  | 'values'
  | 'emotional'
  | 'media';

const DEFAULT_NAME: Readonly<Record<RootKey, (typeof DEFAULT_ROOTS)[number]>> = {
  demographic: 'Demographic Information',
  health: 'Physical and Health Characteristics',
  psychology: 'Psychological and Cognitive Aspects',
  culture: 'Cultural and Social Context',
  relationships: 'Relationships and Social Networks',
  career: 'Career and Work Identity',
  education: 'Education and Learning',
  hobbies: 'Hobbies, Interests, and Lifestyle',
  routine: 'Lifestyle and Daily Routine',
  values: 'Core Values, Beliefs, and Philosophy',
  emotional: 'Emotional and Relational Skills',
  media: 'Media Consumption and Engagement',
};

// Extra words per key so e.g. a custom "Work" or "Family" root still attracts the right mentions.
const SYNONYMS: Readonly<Record<RootKey, string>> = {
  demographic: 'demographics identity age location background personal',
  health: 'physical body medical diet wellbeing fitness',
  psychology: 'personality mind mental cognition traits',
  culture: 'society language ethnicity nationality',
  relationships: 'family friends social partner network',
  career: 'job occupation professional employment work',
  education: 'school study academic skills',
  hobbies: 'interests leisure preferences tastes',
  routine: 'habits lifestyle daily schedule',
  values: 'beliefs religion politics ethics philosophy',
  emotional: 'emotions communication interpersonal',
  media: 'entertainment music books shows games',
};

const words = (s: string): Set<string> =>
  new Set(s.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 2 && w !== 'and'));

export type RootResolver = (key: RootKey) => string;

export function createRootResolver(roots: readonly string[]): RootResolver {
  if (roots.length === 0) throw new Error('heuristic extractor: `roots` must not be empty');
  const table = new Map<RootKey, string>();
  const candidates = roots.map((r) => ({ name: r, words: words(r) }));
  for (const key of Object.keys(DEFAULT_NAME) as RootKey[]) {
    const preferred = DEFAULT_NAME[key];
    if (roots.includes(preferred)) {
      table.set(key, preferred);
      continue;
    }
    const wanted = words(`${preferred} ${SYNONYMS[key]}`);
    let best = roots[0] as string;
    let bestScore = 0;
    for (const c of candidates) {
      let score = 0;
      for (const w of c.words) if (wanted.has(w)) score += 1;
      if (score > bestScore) {
        best = c.name;
        bestScore = score;
      }
    }
    table.set(key, best);
  }
  return (key) => table.get(key) as string;
}
