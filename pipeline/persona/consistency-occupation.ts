import type { PersonaAttribute } from './types.js';
import { keywordPattern, RELATIONS } from './consistency-match.js';

/**
 * Is an attribute the persona's own job title, and does it name the anchor occupation? Anchor
 * titles are BLS SOC titles ("Elementary School Teachers, Except Special Education"), values are
 * short phrases ("teacher", "works as a nurse"): they agree when they share a content word or a
 * synonym group from the lexicon. Conservative: any shared word counts as agreement.
 */

/** Labels of an own-occupation slot, after dropping "current", "primary"…. */
const OCCUPATION_LABEL = /^(?:occupation|occupation title|profession|job|job title|job role|job position|work role|occupational role|position|role|line of work)s?$/;
const GENERIC_LABEL = /^(?:title|name|type|description)$/;
/** A slot about someone else's job ("Relationships.Spouse.Job", "Family.Father's occupation"). */
const OTHER_PERSON = new Set([...RELATIONS, 'family', 'household', 'child', 'children', 'kids', 'spouses', 'partners', 'role model', 'idol']);

const OTHER_PERSON_PATTERN = new RegExp(`(?<![\\p{L}])(?:${[...OTHER_PERSON].join('|')})(?:'s|s)?(?![\\p{L}])`, 'u');

/** Words that make a title not the current own one: past, wished for, secondary, or denied. */
const NOT_CURRENT = new Set(['former', 'formerly', 'retired', 'ex', 'used', 'previously', 'was', 'until', 'once', 'earlier', 'past',
  'wants', 'want', 'dream', 'dreams', 'aspiring', 'aspires', 'hopes', 'hoping', 'future', 'someday', 'studying', 'training', 'becoming',
  'plans', 'planning', 'would', 'side', 'hobby', 'volunteer', 'volunteers', 'volunteering', 'moonlights', 'moonlighting', 'gig', 'weekend',
  'weekends', 'part', 'also', 'second', 'not', 'no', 'never', 'none', 'n/a', 'unemployed', 'jobless', 'between', 'homemaker']);

/** Titles any minor may hold, and which never contradict an anchor job (students work part-time). */
export const STUDENT_LIKE = /\b(?:student|pupil|school\w*|homeschool\w*|apprentice\w*|trainee|intern|internship|summer job|babysit\w*|paper route|none|n\/a)\b/i;

const STOP = new Set(['and', 'or', 'of', 'the', 'a', 'an', 'in', 'at', 'for', 'to', 'as', 'with', 'on', 'by', 'all', 'other', 'worker',
  'occupation', 'specialist', 'professional', 'staff', 'employee', 'personnel', 'general', 'senior', 'junior', 'lead', 'head', 'i', "i'm",
  'im', 'am', 'is', 'my', 'work', 'works', 'working', 'job', 'currently', 'full', 'time', 'related', 'miscellaneous', 'hand', 'level']);

const words = (s: string) => s.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}'/]+/gu) ?? [];

export function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

const normaliseLabel = (s: string) => s.toLowerCase().replace(/^(?:current|primary|main|present|day)\s+/, '').trim();

export function isOccupationPath(a: PersonaAttribute): boolean {
  const segments = a.path.split('.').filter((s, i) => i > 0 || s !== a.root);
  if (segments.at(-1) !== a.label) segments.push(a.label);
  const text = segments.join(' ').toLowerCase();
  if (OTHER_PERSON_PATTERN.test(text)) return false;
  const label = normaliseLabel(segments.at(-1) ?? '');
  const parent = normaliseLabel(segments.at(-2) ?? '');
  return OCCUPATION_LABEL.test(label) || (GENERIC_LABEL.test(label) && OCCUPATION_LABEL.test(parent));
}

/** False for "my husband's job", "retired teacher", "wants to be a vet", "side gig as a DJ". */
export function statesOwnOccupation(value: string): boolean {
  const tokens = words(value).map((w) => w.replace(/'s$/, ''));
  return tokens.length > 0 && !tokens.some((w) => NOT_CURRENT.has(w) || RELATIONS.has(w));
}

const contentWords = (text: string) =>
  new Set(words(text.split(/,\s*except\b/i)[0] ?? '').map(singular).filter((w) => !STOP.has(w)));

function synonymGroups(text: string, synonyms: readonly (readonly string[])[]): Set<number> {
  const out = new Set<number>();
  synonyms.forEach((group, g) => {
    if (group.some((phrase) => text.search(keywordPattern(phrase)) >= 0)) out.add(g);
  });
  return out;
}

export function matchesOccupation(value: string, title: string, synonyms: readonly (readonly string[])[] = []): boolean {
  if (title.trim() === '') return false;
  const ours = contentWords(value);
  const theirs = contentWords(title);
  if ([...ours].some((w) => theirs.has(w))) return true;
  const anchorGroups = synonymGroups(title.split(/,\s*except\b/i)[0] ?? '', synonyms);
  return [...synonymGroups(value, synonyms)].some((g) => anchorGroups.has(g));
}
