import { cachedJsonLoader } from '../core/json-file.js';
import { z } from 'zod';
import type { Anchors, PersonaAttribute } from './types.js';
import { isCancelled, keywordPattern, memoByOwner, type Span } from './consistency-match.js';
import { repoPath } from '../core/repo-path.js';

/** The contradiction lexicon (data/consistency/contradictions.json, see its README) and its matcher. */

const GroupSchema = z.object({
  id: z.string().min(1),
  appliesTo: z.array(z.string().min(1)).min(1),
  ignore: z.array(z.string().min(1)).default([]),
  sides: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  compatible: z.array(z.tuple([z.string(), z.string()])).default([]),
  anchorOccupation: z.object({ side: z.string(), maxAge: z.number(), exempt: z.array(z.string()) }).optional(),
});
const LexiconSchema = z.object({
  version: z.literal(1),
  license: z.string(),
  groups: z.array(GroupSchema),
  occupationSynonyms: z.array(z.array(z.string().min(1))).default([]),
});

export type LexiconGroup = z.infer<typeof GroupSchema>;
export type Lexicon = z.infer<typeof LexiconSchema>;

export const DEFAULT_LEXICON_PATH = repoPath('data', 'consistency', 'contradictions.json');

/** Parsed and checked once: a side named in `compatible` or `anchorOccupation` must exist. */
export const loadLexicon: (path?: string) => Lexicon = cachedJsonLoader(DEFAULT_LEXICON_PATH, (json, path) => {
  const lexicon = LexiconSchema.parse(json);
  for (const g of lexicon.groups) {
    const named = [...g.compatible.flat(), ...(g.anchorOccupation ? [g.anchorOccupation.side] : [])];
    const unknown = named.find((s) => !(s in g.sides));
    if (unknown) throw new Error(`${path}: group ${g.id} names unknown side "${unknown}"`);
  }
  return lexicon;
});

const scopes = new Map<string, RegExp>();
const scopePattern = (k: string) => {
  let p = scopes.get(k);
  if (!p) scopes.set(k, (p = new RegExp(`(?<![\\p{L}\\p{N}])${k.toLowerCase().replace(/[.*+?()[\]\\|^$]/g, '\\$&')}`, 'u')));
  return p;
};

/** Scope is tested below the root: a root such as "Hobbies, Interests, and Lifestyle" says nothing. (Callers cache it per path.) */
export function inScope(group: LexiconGroup, attr: PersonaAttribute): boolean {
  const segments = attr.path.split('.');
  const text = `${(segments[0] === attr.root ? segments.slice(1) : segments).join(' ')} ${attr.label}`.toLowerCase();
  return group.appliesTo.some((k) => text.search(scopePattern(k)) >= 0);
}

/** A past state ("was employed at Renault") does not contradict a present one ("retired"). */
const PAST = { before: new Set(['was', 'were', 'had', 'once', 'until']) };

interface SideHit extends Span {
  side: string | null;
}

/**
 * The sides a value takes: longest match wins an overlap, so "non-smoker" is not also "smoker"
 * and "never married" is not "married"; `ignore` phrases win spans for no side ("root beer").
 */
export const sidesOf: (group: LexiconGroup, value: string) => ReadonlySet<string> = memoByOwner(sidesUncached);

const NO_SIDES: ReadonlySet<string> = new Set();

/** One alternation of every side keyword of a group: most values match none, and one test says so. */
const anyKeyword = new WeakMap<LexiconGroup, RegExp>();
function anySideKeyword(group: LexiconGroup): RegExp {
  let pattern = anyKeyword.get(group);
  if (!pattern) {
    const sources = Object.values(group.sides).flat().map((k) => `(?:${keywordPattern(k).source})`);
    anyKeyword.set(group, (pattern = new RegExp(sources.join('|'), 'iu')));
  }
  return pattern;
}

function sidesUncached(group: LexiconGroup, value: string): ReadonlySet<string> {
  if (!anySideKeyword(group).test(value)) return NO_SIDES;
  const hits: SideHit[] = [];
  const collect = (side: string | null, keywords: readonly string[]) => {
    for (const k of keywords) {
      for (const m of value.matchAll(keywordPattern(k))) hits.push({ start: m.index, end: m.index + m[0].length, side });
    }
  };
  collect(null, group.ignore);
  for (const [side, keywords] of Object.entries(group.sides)) collect(side, keywords);
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: SideHit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  const live = kept.filter((h) => h.side !== null && !isCancelled(value, h, PAST));
  return new Set(live.map((h) => h.side!));
}

export const exclusive = (group: LexiconGroup, a: string, b: string): boolean =>
  a !== b && !group.compatible.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/** The side the anchors' occupation puts the persona on (a job → "working"), if the group has one. */
export function anchorSide(group: LexiconGroup, anchors: Anchors): string | undefined {
  const rule = group.anchorOccupation;
  if (!rule || !anchors.occupation || anchors.age > rule.maxAge) return undefined;
  const title = anchors.occupation.title.toLowerCase();
  if (rule.exempt.some((e) => title.includes(e.toLowerCase()))) return undefined;
  return rule.side;
}
