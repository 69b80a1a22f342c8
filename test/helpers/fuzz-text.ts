/**
 * Text generators for fuzzing the offline extractor (shared by the property test and the fuzz
 * bench, so the bench explores the same space at a million inputs). Casual text is built from a
 * vocabulary that reaches the extractor's patterns ("i love to hike", "im a nurse .", "my dog"),
 * then roughened: spaced punctuation, odd whitespace, emoji, digits, code, other scripts, lone
 * surrogates. No vitest import: benches load this file too.
 */
import fc from 'fast-check';
import type { TextMention } from '../../pipeline/extractors/heuristic/index.js';

const PRONOUNS = ['i', 'im', "i'm", 'ive', "i've", 'my', 'we', 'I', "I'm", 'Im', 'me', 'id', "i'd", 'our', 'as', 'being', 'i’m', 'myself'];
const AUX = [
  'am', 'have', 'had', 'do', "don't", 'dont', 'cant', "can't", 'would', 'will', 'not', 'to', 'really', 'also', 'used to',
  'tend to', 'been', 'was', 'is', 'are', 'gonna', 'wanna', 'would rather', 'could', 'never', 'am not', "'m",
];
const VERBS = [
  'love', 'like', 'hate', 'enjoy', 'prefer', 'avoid', 'dislike', 'hike', 'swim', 'collect', 'play', 'watch', 'read', 'listen',
  'eat', 'drink', 'smoke', 'live', 'work', 'study', 'grew up', 'moved', 'go', 'run', 'cook', 'stand', 'lean', 'stick',
  'have', 'own', 'speak', 'visit', 'keep', 'born', 'raised', 'married', 'allergic', 'gravitate', 'steer', 'stay', 'look',
  'care', 'opt', 'shy', 'bake', 'travel', 'drive', 'ride', 'wear', 'practice', 'believe', 'identify', 'teach', 'graduated',
];
const NOUNS = [
  'stamps', 'country', 'dogs', 'dog', 'cat', 'nurse', 'teacher', 'jazz', 'coffee', 'hiking', 'guitar', 'Oslo', 'New York',
  'python', 'sushi', 'mom', 'husband', 'wife', 'kids', 'job', 'years', 'old', 'vegan', 'music', 'books', 'Breaking Bad',
  'software engineer', 'the office', 'a lot of', 'lots of', 'kinds of', 'mountains', 'morning', 'gym', 'tea', 'anime',
  'fiction', 'style', 'nuts', 'gluten', 'Spanish', 'college', 'degree', 'MIT', '2010', 'pets', 'two', 'three', 'brother',
  // Names every plain JS object inherits: a lookup table keyed by user words must not answer them.
  'constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty',
];
const FUNCTION_WORDS = [
  'the', 'a', 'an', 'every', 'from', 'in', 'of', 'to', 'and', 'or', 'but', 'because', 'that', 'which', 'who', 'where',
  'when', 'if', 'imagine', 'pretend', 'over', 'than', 'rather', 'instead', 'with', 'for', 'at', 'on', 'by', 'not', 'no',
  'some', 'any', 'this', 'it', 'you', 'they', 'there', "'s", 'like', 'so', 'as',
];
const ADVERBS = ['usually', 'always', 'never', 'sometimes', 'often', 'really', 'actually', 'lol', 'btw', 'tbh', 'kinda', 'very', 'too', 'now', 'lately', 'mostly', 'only'];
const PUNCT = [
  '.', ',', '!', '?', '...', ';', ':', '-', '/', "'", '"', '(', ')', ' .', ' ,', ' !', ' ?', ' ...', ' ;', ' :', ' -',
  '—', '–', '…', '“', '”', '‘', '’', '&', '+', '*', '#', '@', '%', '$', '~', '`', '```', '>', '<', '|', '\\', '[', ']',
];
const EMOJI = ['😀', '👍🏽', '❤️', '🐶', '🇳🇴', '👨‍👩‍👧', '🙃', '✨', '🔥', '☕', ':)', ':-(', '<3', 'xD'];
const CODE = [
  'const x = 1;', 'def f(x):', '```', '{"a": 1}', '<div>', 'i++', 'x => x', 'SELECT * FROM t', '#include <stdio.h>', '$HOME',
  'foo_bar()', '// i love this', 'my_var = 2', 'if (i < n) {', 'return i;', '</p>', 'http://example.com/i/love', 'a@b.co',
  '+1 555 0100', 'C:\\Users\\me', '0x1F', '1e9', 'NaN', '\\n', '%s', '${i}',
];
const FOREIGN = [
  'je suis', 'ich bin', 'yo soy', 'я люблю', '我喜欢', 'أنا', 'मैं', '私は', 'ñandú', 'straße', 'İstanbul', 'ǅemal', 'ﬁle',
  'Ⅻ', 'ß', 'ΣΑΣ', 'ı', 'ǈ', 'Å', 'e\u0301', 'ﷺ', '\u202eevil', 'ᾈ', 'Ꭰ', 'ꙮ',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff', '\u3000', '\u2009', ''];

/** A lone (unpaired) UTF-16 surrogate. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const word: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PRONOUNS), weight: 6 },
  { arbitrary: fc.constantFrom(...AUX), weight: 3 },
  { arbitrary: fc.constantFrom(...VERBS), weight: 6 },
  { arbitrary: fc.constantFrom(...NOUNS), weight: 6 },
  { arbitrary: fc.constantFrom(...FUNCTION_WORDS), weight: 6 },
  { arbitrary: fc.constantFrom(...ADVERBS), weight: 2 },
  { arbitrary: fc.constantFrom(...PUNCT), weight: 4 },
  { arbitrary: fc.constantFrom(...EMOJI), weight: 1 },
  { arbitrary: fc.nat({ max: 100_000 }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom(...CODE), weight: 1 },
  { arbitrary: fc.constantFrom(...FOREIGN), weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);

const CASES = ['as-is', 'as-is', 'lower', 'upper', 'title'] as const;
function recase(text: string, how: (typeof CASES)[number]): string {
  if (how === 'lower') return text.toLowerCase();
  if (how === 'upper') return text.toUpperCase();
  if (how === 'title') return text.replace(/(^|[.!?]\s+)(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  return text;
}

/** A disclosure-shaped clause: pronoun, optional aux/adverb, verb, optional "to" + verb, an object. */
const clause: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...PRONOUNS),
    fc.option(fc.constantFrom(...AUX, ...ADVERBS), { nil: '' }),
    fc.constantFrom(...VERBS),
    fc.option(fc.constantFrom('to', 'not to', 'to go'), { nil: '' }),
    fc.option(fc.constantFrom(...VERBS), { nil: '' }),
    fc.array(fc.constantFrom(...NOUNS, ...FUNCTION_WORDS), { maxLength: 8 }),
    fc.option(fc.constantFrom(...PUNCT), { nil: '' }),
  )
  .map(([pronoun, aux, verb, to, inner, object, end]) => [pronoun, aux, verb, to, inner, ...object, end].filter((p) => p !== '').join(' '));

/** Sentence shapes the extractor's families read, with slots filled from the vocabulary. */
const TEMPLATES = [
  'P A V N', 'P V to V N from every N i V', 'P V to V N', 'i V', 'i A V', 'im a N', "i'm a N and i have D N", 'my N is N',
  'my N N', 'i have D N', 'i V N P', 'i V to V', 'i V N , N and N', 'i dont V N', "i can't stand N", 'i live in N',
  'i grew up in N', 'i am D years old', 'i work as a N', 'P A V a lot of N', 'we A V N', 'i V N because N', 'i V N over N',
  'as a N , i V N', 'i would rather V N', 'i used to V N', 'i tend to V N', 'my favorite N is N', 'i V N i V',
];
const fill: Record<string, readonly string[]> = { P: PRONOUNS, A: [...AUX, ...ADVERBS], V: VERBS, N: NOUNS, D: ['1', '2', '3', '12', '30', 'two', 'a'] };
const disclosure: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...TEMPLATES), fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), fc.constantFrom('', '', '.', ' .', ' ,', '!', ' !', '?', ' lol', ' 😀'))
  .map(([template, picks, end]) => {
    let i = 0;
    const words = template.split(' ').map((w) => {
      const options = fill[w];
      return options ? options[(picks[i++ % picks.length] ?? 0) % options.length] : w;
    });
    return words.join(' ') + end;
  });

const separated = (items: fc.Arbitrary<string[]>, seps: readonly string[]) =>
  fc.tuple(items, fc.array(fc.constantFrom(...seps), { minLength: 64, maxLength: 64 })).map(([xs, ss]) => xs.map((x, i) => x + (ss[i % 64] ?? ' ')).join(''));

/** Casual English-ish chat text, disclosure-rich, messy in case, spacing and punctuation. */
export const casualText: fc.Arbitrary<string> = fc
  .tuple(
    separated(fc.array(fc.oneof({ arbitrary: disclosure, weight: 2 }, { arbitrary: clause, weight: 1 }, { arbitrary: word, weight: 2 }), { maxLength: 30 }), SEPARATORS),
    fc.constantFrom(...CASES),
  )
  .map(([text, how]) => recase(text, how));

/** Arbitrary Unicode: any code points, graphemes, and strings salted with lone surrogates. */
export const unicodeText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: fc.oneof(fc.constantFrom('i', 'm', ' ', "'", '.', 'a', 'love', 'my'), loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 120 }),
  fc.tuple(fc.constantFrom(...PRONOUNS), fc.string({ unit: 'binary', maxLength: 60 })).map(([p, s]) => `${p} ${s}`),
);

/** Casual text with lone surrogates spliced in at random positions (also inside words). */
export const surrogateText: fc.Arbitrary<string> = fc
  .tuple(casualText, fc.array(fc.tuple(fc.nat(), loneSurrogate), { minLength: 1, maxLength: 6 }))
  .map(([text, cuts]) => cuts.reduce((t, [at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1)), text));

/** A very long turn (10k+ characters): many clauses, sometimes one huge unbroken token (up to 100k). */
export const longText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.array(casualText, { minLength: 4, maxLength: 12 }), fc.integer({ min: 10_000, max: 16_000 })).map(([parts, n]) => {
    let out = '';
    for (let i = 0; out.length < n; i += 1) out += `${parts[i % parts.length]} `;
    return out;
  }),
  fc.tuple(casualText, fc.constantFrom('a', 'é', '😀', '.', ' .', 'i ', '\u200b'), fc.integer({ min: 10_000, max: 12_000 })).map(
    ([head, unit, n]) => `${head} i love ${unit.repeat(Math.ceil(n / unit.length))} ${head}`,
  ),
  // One unbroken token of 50k–100k characters after "I am": quadratic once (6 s a turn), linear now.
  fc.tuple(casualText, fc.constantFrom('a', 'x.y(', '9', '\u00e9'), fc.integer({ min: 50_000, max: 100_000 })).map(
    ([head, unit, n]) => `I am ${unit.repeat(Math.ceil(n / unit.length))} ${head}`,
  ),
);

/** Short inputs, mixed as the extractor meets them; long turns are a separate, slower arbitrary. */
export const fuzzText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: casualText, weight: 7 },
  { arbitrary: unicodeText, weight: 2 },
  { arbitrary: surrogateText, weight: 1 },
);

/** The bench's mix: short inputs, plus one very long turn in a thousand. */
export const benchText: fc.Arbitrary<string> = fc.oneof({ arbitrary: fuzzText, weight: 999 }, { arbitrary: longText, weight: 1 });

/** What is wrong with a mention's evidence, or nothing (the README's extract rules). */
export function spanViolations(text: string, mentions: readonly TextMention[]): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    if (!(Number.isInteger(m.spanStart) && Number.isInteger(m.spanEnd) && m.spanStart >= 0 && m.spanStart < m.spanEnd && m.spanEnd <= text.length)) {
      out.push(`span ${m.spanStart}..${m.spanEnd} outside 0..${text.length}`);
    }
    if (m.quote !== text.slice(m.spanStart, m.spanEnd)) out.push(`quote ${JSON.stringify(m.quote)} is not text[${m.spanStart}..${m.spanEnd}]`);
    if (typeof m.value !== 'string' || m.value.trim().length === 0) out.push(`empty value for ${m.attribute}`);
  }
  return out;
}
