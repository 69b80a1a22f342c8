/**
 * Grammar helpers for the offline narrator: third-person taxonomy values ("drinks wine on
 * weekends") into first-person clauses, gerunds for dislikes, sensible lower-casing, lists, and
 * SOC titles ("Registered Nurses") into job phrases. Only rewording: nothing is added.
 */
import { pluralNoun } from '../lexicon/noun-class.js';
import { defaultWordNet } from '../lexicon/wordnet.js';

const BASE_VERBS = `like love enjoy prefer drink eat play watch read listen work live run walk cook travel use wear own speak practice
practise take make spend tend avoid hate dislike follow collect grow keep visit attend volunteer write study drive ride smoke sleep wake
get believe value feel think want need try support identify struggle find save shop bake hike swim paint sing dance meditate pray exercise
train prioritize prioritise favor favour care appreciate seek dream hope plan commute cycle bike jog knit garden fish hunt camp climb surf
ski skate lift stream binge browse budget invest donate rely suffer manage juggle host teach learn relax unwind rise stay lean consider see
view stick limit skip cut describe buy cherish embrace fear worry crave adore relish resist chat text call join lead belong procrastinate miss`.split(/\s+/);
const IRREGULAR: Record<string, [string, string]> = { is: ['am', 'being'], has: ['have', 'having'], does: ['do', 'doing'], goes: ['go', 'going'] };
const NEGATED: Record<string, string> = { "doesn't": "don't", 'does not': 'do not', "isn't": 'am not', 'is not': 'am not', "hasn't": "haven't", 'has not': 'have not' };
const DOUBLE_FINAL = new Set(['run', 'swim', 'shop', 'jog', 'get', 'plan', 'chat', 'skip', 'cut', 'sit', 'stop', 'begin']);
/** Verbs that carry the dislike themselves: "avoids confrontation" must not become "I can't stand avoiding…". */
const NEGATIVE_VERBS = new Set(['avoid', 'hate', 'dislike', 'resist', 'fear', 'skip', 'struggle', 'suffer', 'worry', 'limit']);
const LONE_VERBS = new Set(['smoke', 'meditate', 'pray', 'commute', 'relax', 'unwind', 'procrastinate']);
const ADVERBS = new Set(['often', 'usually', 'rarely', 'never', 'always', 'sometimes', 'occasionally', 'regularly', 'mostly', 'frequently',
  'still', 'also', 'really', 'generally', 'typically', 'seldom', 'actively', 'strongly', 'deeply', 'mainly', 'primarily']);

function thirdPerson(base: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

export function gerundOf(base: string): string {
  if (base === 'be') return 'being';
  if (base.endsWith('ie')) return `${base.slice(0, -2)}ying`;
  if (base.endsWith('e') && !/(?:ee|ye|oe)$/.test(base)) return `${base.slice(0, -1)}ing`;
  if (DOUBLE_FINAL.has(base)) return `${base}${base.at(-1)}ing`;
  return `${base}ing`;
}

/** "drinks" → ["drink", "drinking"]: the verbs a value may start with, third person singular. */
const VERB_FORMS = new Map<string, [string, string]>([
  ...BASE_VERBS.map((b): [string, [string, string]] => [thirdPerson(b), [b, gerundOf(b)]]),
  ...Object.entries(IRREGULAR),
]);

export interface Clause {
  /** First-person verb phrase without the subject: "drink wine on weekends". */
  vp: string;
  /** "drinking wine on weekends"; absent when the value already negates itself. */
  gerund?: string;
}

const strip = (s: string) => s.trim().replace(/[.!;,\s]+$/, '');
/** The value's own his/her become mine: values describe the persona in the third person. */
const ownPronouns = (s: string) =>
  s.replace(/\b(?:his|her)\b(?=\s+\p{L})/giu, 'my').replace(/\b(?:himself|herself)\b/gi, 'myself');

/** A verb-phrase value in the first person, or undefined when the value is a noun phrase. */
export function toClause(value: string): Clause | undefined {
  const text = ownPronouns(strip(value));
  const lower = text.toLowerCase();
  for (const [neg, mine] of Object.entries(NEGATED)) {
    if (lower.startsWith(`${neg} `)) return { vp: `${mine}${text.slice(neg.length)}` };
  }
  const words = text.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && ADVERBS.has(words[i]!.toLowerCase())) i++;
  const forms = VERB_FORMS.get(words[i]!.toLowerCase());
  // A lone "walks" or "plans" is more likely a noun; only a few verbs stand alone.
  if (!forms || (words.length < 2 && !LONE_VERBS.has(forms[0]))) return undefined;
  const adverbs = words.slice(0, i).map((w) => w.toLowerCase());
  const rest = words.slice(i + 1).join(' ');
  const vp = [...adverbs, forms[0], rest].filter(Boolean).join(' ');
  // "never drinks" is already a negation: rendering it as a dislike would say the opposite.
  const selfNegated = adverbs.some((a) => a === 'never' || a === 'rarely' || a === 'seldom') || NEGATIVE_VERBS.has(forms[0]);
  return selfNegated ? { vp } : { vp, gerund: [forms[1], rest].filter(Boolean).join(' ') };
}

/**
 * "She grew up on a farm and still misses it" → "I grew up on a farm and still miss it": the
 * subject becomes I, and known third-person verbs right after it or after "and"/an adverb lose their -s.
 */
export function ownSentence(value: string): string | undefined {
  const text = ownPronouns(strip(value));
  if (/^(?:I|I'm|I've|I'd|My)\b/.test(text)) return text;
  const m = text.match(/^(?:she|he)\s+(.+)$/i);
  if (!m) return undefined;
  const words = `I ${m[1]}`.replace(/\b(?:she|he)\b/gi, 'I').replace(/\bI is\b/g, 'I am').replace(/\bI has\b/g, 'I have').split(' ');
  return words.map((w, i) => {
    const prev = (words[i - 1] ?? '').toLowerCase();
    const forms = VERB_FORMS.get(w.toLowerCase());
    return forms && (prev === 'i' || prev === 'and' || prev === 'but' || ADVERBS.has(prev)) ? forms[0] : w;
  }).join(' ');
}

/** True for values that deny something themselves ("no pets", "not a morning person"). */
export const isSelfNegated = (value: string) => /^(?:no|not|never|none|non-|without|doesn't|does not|don't|isn't|hasn't)\b/i.test(value.trim());

const PROPER_SUFFIX = /(?:ish|ese|ian|an|ic|ism|ist|i)$/;
const PROPER_WORDS = new Set(['god', 'bible', 'quran', 'christmas', 'netflix', 'spotify', 'instagram', 'facebook', 'reddit', 'twitter', 'google',
  'amazon', 'android', 'linux', 'windows', 'disney', 'marvel', 'nike', 'adidas', 'toyota', 'honda', 'samsung', 'apple', 'monday', 'friday', 'sunday',
  'french', 'dutch', 'greek', 'thai', 'swiss', 'czech', 'welsh', 'basque', 'hindi', 'urdu', 'tagalog', 'swahili']);

/** Lower-cases the first letter of a plain capitalised word ("Jazz music"), not of names ("English", "New York", "NASA"). */
export function lowerSensibly(value: string): string {
  const words = value.split(/\s+/);
  const first = (words[0] ?? '').replace(/[,;:]$/, '');
  if (!/^[A-Z][a-z]+$/.test(first) || PROPER_SUFFIX.test(first) || PROPER_WORDS.has(first.toLowerCase())) return value;
  if (words.length > 1 && /^[A-Z]/.test(words[1]!)) return value;
  return first[0]!.toLowerCase() + value.slice(1);
}

/** Taxonomy labels are Title Case: lower every plain word, keep acronyms ("TV"). */
export const lowerLabel = (label: string) =>
  label.split(/\s+/).map((w) => (/^[A-Z][a-z]*(?:-[A-Z]?[a-z]*)*,?$/.test(w) ? w.toLowerCase() : w)).join(' ');

/** "hiking; cycling; swimming" or "hiking, cycling, swimming" → "hiking, cycling, and swimming". */
function asList(value: string): string {
  const items = value.split(/\s*[;,/]\s*/).filter(Boolean);
  const listLike = items.length >= 2 && items.every((i) => i.split(/\s+/).length <= 4) && !/\band\b|\bor\b/.test(value);
  return listLike ? joinList(items) : value;
}

export const nounPhrase = (value: string) => lowerSensibly(asList(ownPronouns(strip(value))));
export const capFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function joinList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`;
}

const article = (phrase: string) => (/^[aeiou]/i.test(phrase) && !/^(?:uni|use|eu|one)/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`);

/** "Registered Nurses" → "a registered nurse"; titles too tangled to singularise → "one of the …". */
export function jobPhrase(title: string): string {
  let t = title.replace(/,\s*(?:except|all other|hand)\b.*$/i, '').trim();
  const inverted = t.match(/^([^,]+),\s*([^,]+)$/);
  if (inverted && !/\band\b/.test(inverted[2]!)) t = `${inverted[2]} ${inverted[1]}`;
  const plain = lowerLabel(t);
  const words = plain.split(' ');
  const beforeAnd = words[words.indexOf('and') - 1];
  if (plain.includes(',') || (beforeAnd !== undefined && /s$/.test(beforeAnd))) return `one of the ${plain}`;
  // The head noun is the last word, or the one before "of" ("supervisors of retail sales workers").
  const head = words.includes('of') ? words.indexOf('of') - 1 : words.length - 1;
  const noun = words[head]!;
  const single = /ies$/.test(noun) ? `${noun.slice(0, -3)}y` : /(?:sses|ches|shes)$/.test(noun) ? noun.slice(0, -2) : noun.replace(/(?<!s)s$/, '');
  return article(words.map((w, i) => (i === head ? single : w)).join(' '));
}

const DECADES = ['', 'teens', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
export const decadeOf = (age: number) => (age >= 13 && age < 20 ? 'teens' : age >= 20 && age < 100 ? DECADES[Math.floor(age / 10)]! : undefined);

export function roughPopulation(n: number): string {
  if (n >= 1_000_000) return `about ${(Math.round(n / 100_000) / 10).toLocaleString('en-US')} million`;
  if (n < 1000) return `about ${n}`;
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return `about ${(Math.round(n / magnitude) * magnitude).toLocaleString('en-US')}`;
}

/** Irregular plurals (WordNet lists them only in its exception files, which are not read). */
const PLURAL_WORDS = new Set(['people', 'children', 'men', 'women', 'feet', 'teeth', 'mice', 'geese']);
/** Where a noun phrase's head ends: before its first preposition or relative ("views of the sea", "tools that help"). */
const HEAD_END = /\s(?:of|with|for|in|on|at|from|to|like|about|that|which|who|where|without|by|during|into)\s/i;

/**
 * Whether a noun phrase is plural by its head: "asian manufacturers", "peaceful and scenic views",
 * "tools that help with fall prevention"; not "news", "business", "physics", "series". WordNet
 * decides where it knows the word; a word it does not know ("podcasts") is plural by its -s.
 */
export function pluralHead(np: string): boolean {
  const head = np.split(HEAD_END)[0]!.trim().toLowerCase().split(/\s+/).at(-1) ?? '';
  if (PLURAL_WORDS.has(head)) return true;
  const wn = defaultWordNet();
  const known = wn ? pluralNoun(wn, head) : null;
  return known ?? (head.length > 3 && /[^su's]s$/.test(head) && !/(?:ics|ness|ous|sis)$/.test(head));
}

/** Words that already count or determine a noun phrase: it takes no article. */
const COUNTED = /^(?:a|an|the|my|our|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|few|no|a couple|\d)\b/i;

/** "cousin" → "a cousin", "older sister" → "an older sister"; "two dogs", "my parents", "kids" stay. */
export function withArticle(np: string): string {
  return COUNTED.test(np) || pluralHead(np) ? np : article(np);
}

