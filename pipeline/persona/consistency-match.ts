import { wordTable } from '../core/word-table.js';
/**
 * Text matching shared by the consistency rules: keyword patterns on word boundaries, the cues
 * that cancel a match (negation, plans, other people, the past), and number extraction.
 * Values are short taxonomy values ("drinks wine on weekends"), so a few words of context suffice.
 */

const NUMBER_WORDS: Readonly<Record<string, number>> = wordTable({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, a: 1, an: 1,
});
const SMALL_COUNT = '(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several)';

/** Cancels a match: it is denied, past, someone else's, or only wished for. */
const NEGATION = new Set(['no', 'not', 'never', "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "won't", "can't", 'cannot',
  'without', 'non', 'nor', 'quit', 'quitting', 'stopped', 'avoid', 'avoids', 'avoiding', 'hate', 'hates', 'dislike', 'dislikes',
  'ex', 'former', 'formerly', 'late', 'previously', 'used', 'gave', 'giving', 'childhood']);
const ASPIRATION = new Set(['want', 'wants', 'wanted', 'wanting', 'hope', 'hopes', 'hoping', 'plan', 'plans', 'planning', 'dream', 'dreams',
  'dreaming', 'someday', 'aspire', 'aspires', 'aspiring', 'would', 'will', 'might', 'future', 'soon', 'eventually', 'considering',
  'pursuing', 'studying', 'learning', 'saving', 'towards', 'toward', 'applying', 'getting', 'enrolled', 'becoming']);
/** Someone else's: "my husband is retired", "her parents divorced", "teaches 30 kids". */
export const RELATIONS = new Set(['husband', 'wife', 'spouse', 'partner', 'boyfriend', 'girlfriend', 'fiance', 'fiancé', 'fiancee',
  'mother', 'father', 'mom', 'mum', 'dad', 'parent', 'parents', 'brother', 'sister', 'sibling', 'siblings', 'son', 'daughter',
  'friend', 'friends', 'boss', 'colleague', 'colleagues', 'coworker', 'coworkers', 'neighbor', 'neighbors', 'neighbour', 'neighbours',
  'grandmother', 'grandfather', 'grandma', 'grandpa', 'grandparents', 'aunt', 'uncle', 'cousin', 'cousins', 'roommate', 'couple']);
const RELATION_VERBS = new Set(["'s", 's', 'is', 'are', 'was', 'were', 'has', 'have', 'works', 'worked', 'who']);
const NOT_OWN = new Set(['teaches', 'coaches', 'babysits', 'tutors', 'mentors', 'nannies']);

const escape = (s: string) => s.replace(/[.*+?()[\]\\|]/g, '\\$&');

/**
 * "doesn't smoke" → a case-insensitive pattern on word boundaries: any run of spaces, optional
 * hyphens and apostrophes ("full time" = "full-time"), an optional plural ending, `{n}` for a
 * small count ("two kids"), and `^`/`$` to pin the keyword to the start/end of the value.
 */
const compiled = new Map<string, RegExp>();

/** Cached: use with matchAll or search, which ignore the shared regex's lastIndex. */
export function keywordPattern(keyword: string): RegExp {
  let pattern = compiled.get(keyword);
  if (!pattern) compiled.set(keyword, (pattern = compileKeyword(keyword)));
  return pattern;
}

function compileKeyword(keyword: string): RegExp {
  let k = keyword.trim().toLowerCase();
  const atStart = k.startsWith('^');
  const atEnd = k.endsWith('$');
  k = k.replace(/^\^|\$$/g, '');
  const body = k
    .split('{n}')
    .map((part) => escape(part).replace(/['’]/g, "['’]?").replace(/-/g, '[-\\s]?').replace(/\s+/g, '[-\\s]+'))
    .join(SMALL_COUNT);
  const head = atStart ? '^\\s*' : '(?<![\\p{L}\\p{N}])';
  const tail = atEnd ? '(?=\\s*[.!]?\\s*$)' : '(?:s|es)?(?![\\p{L}\\p{N}])';
  return new RegExp(`${head}${body}${tail}`, 'giu');
}

export interface Span {
  start: number;
  end: number;
}

const words = (s: string) => s.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];

/** The few words before a match, cut at the start of its clause ("no pets, but my dog…"). */
export function wordsBefore(text: string, at: number, n = 4): string[] {
  const clause = text.slice(0, at).split(/[.;,!?:()]|\bbut\b|\band\b/i).pop() ?? '';
  return words(clause).slice(-n);
}

export const wordsAfter = (text: string, at: number, n = 2): string[] =>
  words(text.slice(at).split(/[.;,!?:()]/)[0] ?? '').slice(0, n);

/** Is the match at `span` negated, wished for, in the past or about someone else? */
export function isCancelled(text: string, span: Span, extra: Cues = {}): boolean {
  const before = wordsBefore(text, span.start);
  if (before.some((w) => NEGATION.has(w) || ASPIRATION.has(w) || NOT_OWN.has(w) || extra.before?.has(w))) return true;
  const last = before[before.length - 1];
  if (last && RELATIONS.has(last.replace(/'s$/, ''))) return true;
  for (let i = 0; i < before.length - 1; i++) {
    const w = before[i]!;
    if (RELATIONS.has(w.replace(/'s$/, '')) && (w.endsWith("'s") || RELATION_VERBS.has(before[i + 1]!))) return true;
  }
  const after = wordsAfter(text, span.end);
  return after.length > 0 && (RELATIONS.has(after[0]!) || extra.after?.has(after[0]!) === true);
}

/** Rule-specific words that also cancel a match: before it ("working on a PhD") or right after ("PhD student"). */
export interface Cues {
  before?: ReadonlySet<string>;
  after?: ReadonlySet<string>;
}

/**
 * Memoises a pure analysis of strings per owner object (a keyword list, a lexicon group). Personas
 * reuse the corpus's few thousand values hundreds of times and repair re-checks them every round,
 * so each (owner, text) is analysed once. Bounded: a table is dropped when it reaches `max` entries.
 */
export function memoByOwner<O extends object, R>(compute: (owner: O, text: string) => R, max = 50_000): (owner: O, text: string) => R {
  const tables = new WeakMap<O, Map<string, R>>();
  return (owner, text) => {
    let table = tables.get(owner);
    if (!table || table.size >= max) tables.set(owner, (table = new Map()));
    let result = table.get(text);
    if (result === undefined && !table.has(text)) table.set(text, (result = compute(owner, text)));
    return result as R;
  };
}

const NO_CUES: Cues = {};
const findCached = memoByOwner((owner: { keywords: readonly string[]; extra: Cues }, text: string) => findUncached(text, owner.keywords, owner.extra));
const owners = new WeakMap<readonly string[], WeakMap<Cues, { keywords: readonly string[]; extra: Cues }>>();

/** Uncancelled matches of any of the keywords (memoised per keyword list, cues and text). */
export function findKeywords(text: string, keywords: readonly string[], extra: Cues = NO_CUES): Span[] {
  let byCues = owners.get(keywords);
  if (!byCues) owners.set(keywords, (byCues = new WeakMap()));
  let owner = byCues.get(extra);
  if (!owner) byCues.set(extra, (owner = { keywords, extra }));
  return findCached(owner, text);
}

function findUncached(text: string, keywords: readonly string[], extra?: Cues): Span[] {
  const out: Span[] = [];
  for (const k of keywords) {
    for (const m of text.matchAll(keywordPattern(k))) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!isCancelled(text, span, extra)) out.push(span);
    }
  }
  return out;
}

/** "34", "thirty-four", "twenty one", "a dozen" → number; undefined when the words are no number. */
export function wordsToNumber(phrase: string): number | undefined {
  const digits = phrase.replace(/,/g, '').match(/^\d+(?:\.\d+)?$/);
  if (digits) return Number(digits[0]);
  let total = 0;
  let seen = false;
  for (const w of phrase.toLowerCase().split(/[\s-]+/).filter(Boolean)) {
    if (w === 'and') continue;
    if (w === 'hundred' || w === 'dozen') total = (total || 1) * (w === 'dozen' ? 12 : 100);
    else if (w in NUMBER_WORDS) total += NUMBER_WORDS[w]!;
    else return undefined;
    seen = true;
  }
  return seen ? total : undefined;
}

const NUM = `(?:\\d+(?:\\.\\d+)?|(?:(?:${Object.keys(NUMBER_WORDS).join('|')}|hundred|dozen|and)[\\s-]*)+)`;
const YEARS = new RegExp(`(?<![\\p{L}\\p{N}])(${NUM})\\s*(?:(?:-|to)\\s*${NUM}\\s*)?(\\+|plus)?\\s*(?:or (?:more|so)\\s*)?[-\\s]?(years?|yrs?|decades?)(?![\\p{L}])`, 'giu');

/**
 * Durations in years, lower bound first: "5 years" → 5, "over 10 years" → 10, "10-15 years" → 10,
 * "two decades" → 20, "a decade" → 10, "thirty-four years" → 34, "nearly 30 years" → 29.
 */
/** Years stated in a value (memoised per text: values recur across personas and repair rounds). */
export const extractYears = (text: string): number[] => yearsOf(YEARS_OWNER, text);
const YEARS_OWNER = {};
const yearsOf = memoByOwner((_: object, text: string) => extractYearsUncached(text));

function extractYearsUncached(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(YEARS)) {
    const n = wordsToNumber(m[1]!.trim().replace(/[\s-]+$/, ''));
    // "a 25-year-old son" is an age, not a duration.
    if (n === undefined || /^\s*-?\s*old\b/i.test(text.slice(m.index + m[0].length))) continue;
    const years = /^decade/i.test(m[3]!) ? n * 10 : n;
    const hedged = /\b(?:nearly|almost|under|less than|up to)\s*$/i.test(text.slice(0, m.index));
    out.push(hedged ? years - 1 : years);
  }
  return out;
}
