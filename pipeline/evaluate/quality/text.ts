import { wordTable } from '../../core/word-table.js';
/**
 * Word-level text helpers shared by the quality checks. Everything works on lower-cased tokens of
 * letters and digits in any script (\p{L}\p{N}); phrases from the lexicon are matched on
 * singularised tokens so "businesses" meets "business" and "kids" meets "kid".
 */

/** Lower-cased tokens; camelCase and snake_case are split so path keys like "ChildAgeRange" read as words. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/['’`]/g, '') // "don't" → "dont", "family's" → "familys": one token, not a stray "t"/"s"
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A light English singular: enough to match lexicon phrases, never used to print anything. */
export function singular(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('sses')) return token.slice(0, -2);
  if (token.endsWith('s') && !/(ss|us|is)$/.test(token)) return token.slice(0, -1);
  return token;
}

export const singularTokens = (text: string): string[] => tokens(text).map(singular);

/** A lexicon phrase as singular tokens ("stay-at-home dad" → ["stay","at","home","dad"]). */
export const phraseTokens = (phrase: string): string[] => singularTokens(phrase);

/** Every start index where `phrase` occurs as consecutive tokens of `toks`. */
export function phraseHits(toks: readonly string[], phrase: readonly string[]): number[] {
  const hits: number[] = [];
  if (phrase.length === 0) return hits;
  outer: for (let i = 0; i + phrase.length <= toks.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (toks[i + k] !== phrase[k]) continue outer;
    hits.push(i);
  }
  return hits;
}

export const hasPhrase = (toks: readonly string[], phrase: readonly string[]): boolean => phraseHits(toks, phrase).length > 0;

export const hasAny = (toks: readonly string[], phrases: readonly (readonly string[])[]): boolean => phrases.some((p) => hasPhrase(toks, p));

/** Values folded for comparison across personas: NFKC, trimmed, single spaces, lower case. */
export const foldValue = (value: string): string => value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const NUMBER_WORDS: Readonly<Record<string, number>> = wordTable({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});

/**
 * The number written at toks[i] ("4", "thirty", "thirty two" / "thirty-two"), with how many tokens
 * it spans; null when toks[i] is not a number.
 */
export function numberAt(toks: readonly string[], i: number): { value: number; length: number } | null {
  const t = toks[i];
  if (t === undefined) return null;
  if (/^\d{1,3}$/.test(t)) return { value: Number(t), length: 1 };
  const n = NUMBER_WORDS[t];
  if (n === undefined) return null;
  const next = NUMBER_WORDS[toks[i + 1] ?? ''];
  if (n >= 20 && n % 10 === 0 && next !== undefined && next > 0 && next < 10) return { value: n + next, length: 2 };
  return { value: n, length: 1 };
}

/** Closed-class words that carry no content; used for stems and the completeness check's bare-word rule. */
export const STOPWORDS = new Set(
  ('a an the this that these those my your his her its our their some any each every no not and or but nor so yet ' +
    'if because although though while whereas unless whether than as of to in on at for with from by about into onto ' +
    'over under between among through during without within upon via per i me we us you he him she it they them who whom ' +
    'which what is are was were be been being am do does did have has had will would shall should can could may might must ' +
    'very really just also too quite rather more most less much many such there here then').split(' '),
);

/**
 * Content stems: tokens that are not stopwords, cut to their first 5 characters. Truncation is a
 * crude, language-blind stemmer, but it makes "Canada"/"Canadian", "engineer"/"engineering" and
 * "Pakistan"/"Pakistani" agree, which is what deciding "same thing or not" needs.
 */
export function contentStems(text: string, ignore: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>();
  for (const t of tokens(text)) if (!STOPWORDS.has(t) && !ignore.has(singular(t))) out.add(t.slice(0, 5));
  return out;
}

/**
 * How many different things a list of values names: values that share a content stem are joined
 * (union–find), and the groups are counted. "sales rep" and "sales representative of services"
 * are one; "nurse" and "pilot" are two. Values with no content stem are not counted.
 */
export function countDistinctThings(values: readonly string[], ignore: ReadonlySet<string> = new Set()): { count: number; groups: string[][] } {
  const stems = values.map((v) => contentStems(v, ignore));
  const parent = values.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  stems.forEach((set, i) => {
    for (const s of set) {
      const j = owner.get(s);
      if (j === undefined) owner.set(s, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, string[]>();
  values.forEach((v, i) => {
    if (stems[i]!.size === 0) return;
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), v]);
  });
  return { count: groups.size, groups: [...groups.values()] };
}
