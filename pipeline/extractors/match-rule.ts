/**
 * The evaluation matching rule for extracted mentions against a free-text ground truth
 * (for example a PrefEval `persona` or `preference`). Deliberately crude and fixed, so numbers
 * from different extractors stay comparable: lower-case, split into words, write number words as
 * digits ("twenty eight" → "28"), drop stop words,
 * strip one trailing -ing/-ed/-es/-s from words longer than 4 letters, then require at least one
 * shared word and at least half of the mention's words to appear in the ground truth.
 */

/** Common English function words; contraction fragments are here because splitting on ' leaves them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing don down during each even ever every few for from further ' +
    'get got had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just let like lot me might more most much must my myself no nor not now of off on once only or other our ' +
    'ours ourselves out over own quite rather really same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up upon us very was we were ' +
    'what when where which while who whom whose why will with would yet you your yours yourself yourselves ' +
    'one ones thing things something anything way ' +
    's t m d ll ve re nt isn aren wasn weren hasn haven hadn doesn didn won wouldn shouldn couldn can cannot'
  ).split(' '),
);

// Longest first, so "-es" wins over "-s" and only one suffix is ever removed.
const SUFFIXES = ['ing', 'ed', 'es', 's'] as const;

/** Strips one trailing -ing/-ed/-es/-s, only from words longer than 4 letters. */
export function stemWord(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A number word as digits ("twenty" → "20"), or undefined. "one" stays a stop word. */
function numberWord(word: string): number | undefined {
  const unit = UNITS.indexOf(word);
  if (unit > 1) return unit;
  const tens = TENS.indexOf(word);
  return tens > 1 ? tens * 10 : undefined;
}

/**
 * Lower-cases, splits on anything that is not a letter or digit, writes number words as digits
 * ("twenty eight" → "28", so a normalised "28" matches the words that said it), drops stop words, stems.
 */
export function matchTokens(text: string): string[] {
  const out: string[] = [];
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  for (let i = 0; i < words.length; i += 1) {
    const raw = words[i] as string;
    const n = numberWord(raw);
    if (n !== undefined) {
      const unit = n >= 20 && n % 10 === 0 ? UNITS.indexOf(words[i + 1] ?? '') : -1;
      out.push(String(unit >= 1 && unit <= 9 ? n + unit : n));
      if (unit >= 1 && unit <= 9) i += 1;
      continue;
    }
    if (raw === '' || STOP_WORDS.has(raw)) continue;
    out.push(stemWord(raw));
  }
  return out;
}

/**
 * True when the mention's attribute + value words share at least one word with `truth` and at
 * least half of the mention's (distinct) words are in it.
 */
export function mentionMatches(mention: { attribute: string; value: string }, truth: string): boolean {
  const words = new Set(matchTokens(`${mention.attribute} ${mention.value}`));
  if (words.size === 0) return false;
  const truthWords = new Set(matchTokens(truth));
  let shared = 0;
  for (const w of words) if (truthWords.has(w)) shared += 1;
  return shared >= 1 && shared * 2 >= words.size;
}

/**
 * `mentionMatches` over the mention's VALUE words only: at least one shared word with `truth`
 * and at least half of the value's distinct words in it. For labelled turns whose facts are
 * persona lines ("i have two dogs"): the attribute name is an extractor's own vocabulary and the
 * line rarely repeats it, so counting it would only measure how attribute names are spelled.
 */
export function valueMatches(value: string, truth: string): boolean {
  const words = new Set(matchTokens(value));
  if (words.size === 0) return false;
  const truthWords = new Set(matchTokens(truth));
  let shared = 0;
  for (const w of words) if (truthWords.has(w)) shared += 1;
  return shared >= 1 && shared * 2 >= words.size;
}
