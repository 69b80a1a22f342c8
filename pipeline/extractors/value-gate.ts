/**
 * The value gate: is a mention's (or a persona's) value a complete phrase that says something?
 * Pure and deterministic, English only, deliberately small: a few closed word classes, no
 * tagger. It runs on every extractor's mentions in the extract stage (mention-rows.ts) and on
 * the corpus values personas draw (corpus-values.ts), and `fitValue` replaces blind cuts at
 * `sample.maxValueChars`.
 *
 * Reasons, checked in this order (the first that applies is reported):
 * - `empty`: no letter or digit at all.
 * - `code`: braces, a semicolon ending or gluing statements, `=>`, `==`, `&&`, `||`, a call `f(x)`,
 *   markup tags: pasted code, not a disclosure.
 * - `too-long`: more than 12 words or 80 characters: a sentence or a story, not a value.
 * - `function-word`: every word is a closed-class word (determiner, pronoun, preposition,
 *   conjunction, auxiliary, hedge adverb) or a light verb that needs a complement ("seems", "get").
 * - `filler`: only function words and at least one vague noun, vague adjective or chat filler
 *   ("ways", "a lot of things", "other stuff", "lol").
 * - `cut-phrase`: the value opens on a coordinator or punctuation ("and logo design", "-wheel
 *   drive"), or the last word cannot end an English phrase: an article, a possessive, a
 *   preposition (unless it is a particle of a phrasal verb: "hanging out", "dropped in"), a
 *   conjunction, a relative word, an auxiliary, "to", a determiner + adjective with no noun
 *   ("my favorite"), or dangling punctuation.
 *
 * Values that answer a question with a closed word ("none", "no", "yes", "not yet", "never") are
 * real values and pass; so does any word with a digit ("34", "2 kids").
 */

export const VALUE_REJECTIONS = ['empty', 'code', 'too-long', 'function-word', 'filler', 'cut-phrase'] as const;
export type ValueRejection = (typeof VALUE_REJECTIONS)[number];

export const MAX_VALUE_WORDS = 12;
export const MAX_VALUE_LENGTH = 80;

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Short answers that are values although every word is a function word. */
const ANSWERS = words('none no yes never not-yet nothing');

/**
 * Closed-class words. Frequency adverbs (often, sometimes, rarely) and numerals are left out on
 * purpose: "often" and "two" answer real attributes. Messy chat spellings (im, dont, u, ur,
 * gonna, kinda) are here because that is what users type.
 */
const FUNCTION_WORDS = words(`
  a an the this that these those some any no every each all both either neither many much more most few several such another
  i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us our ours ourselves
  they them their theirs themselves who whom whose which what whatever whoever whichever
  someone anyone everyone somebody anybody everybody something anything everything
  about above across after against along among amongst around as at before behind below beneath beside besides between beyond
  by despite down during except for from in inside into like near of off on onto out outside over past per since than through
  throughout till to toward towards under underneath until up upon via with within without
  and or but nor so yet because although though while whereas if unless whether when where how why then
  be am is are was were been being do does did done doing have has had having will would shall should can could may might must
  not n't just really very also too quite even still only here there now maybe perhaps actually basically probably literally
  im i'm i've ive i'd i'll you're youre we're it's that's thats there's theres he's she's they're
  don't dont doesn't doesnt didn't didnt can't cant won't wont isn't isnt aren't arent wasn't wasnt couldn't wouldn't shouldn't
  u ur ya gonna wanna gotta kinda sorta
`);

/**
 * Light verbs: alone (or with only function words) they carry no attribute, the value is in
 * their complement ("seems", "set", "get it", "make"). Kept short: "giving", "working",
 * "hanging" are content words, so "giving up" and "working out" survive.
 */
const LIGHT_VERBS = words('get make seem set let put use try want need keep avoid prefer enjoy');
const LIGHT_IRREGULAR = words('got gotten made kept');

/**
 * Vague nouns that stand for an attribute without being one ("ways", "things", "a lot"), and
 * "sheet", only ever the leftover of a compound (spreadsheet, cheat sheet) in extracted values.
 * A lone real noun ("jazz", "dogs", "nurse", "sushi") is never here.
 */
const FILLER_NOUNS = words(`
  thing stuff way lot kind sort type bit piece part aspect item option method activity product idea situation scenario
  approach example sheet
`);
/** Adjectives that only point at another word ("other", "different", "certain"), or lean on one ("sure" of "make sure"). */
const FILLER_ADJECTIVES = words('new whole other different same certain various specific particular similar general overall usual main sure');
/** Chat noise. */
const INTERJECTIONS = words('lol lmao haha hahaha hmm um umm uh yeah yep nope nah ok okay idk tbh btw pls plz please thanks thx hi hello hey oh wow');

/**
 * Words after which a phrase cannot end (cut-phrase): articles, possessives, prepositions that
 * need an object, conjunctions, relative words, auxiliaries and modals, "to" and its chat forms.
 * Not here: object pronouns ("love her"), "yet" ("not yet"), "though", "since", "do", "have".
 */
const NEVER_LAST = words(`
  a an the every my your our their its whose
  of to for with from into onto at toward towards than as via per upon within among amongst between during including
  despite unlike versus vs
  and or but nor because although while whereas if unless whether
  who whom which where when
  is are was were am will would can could should shall might
  im i'm i've i'd i'll it's that's there's don't dont doesn't doesnt can't cant won't wont
  gonna wanna gotta due according prior
`);

/**
 * Verbs that cannot end a phrase: they need an object or a preposition ("books that involve",
 * "a schedule that allows me" + to). Short on purpose: most verbs can end a phrase.
 */
const NEED_OBJECT = words('allow enable involve include require consist relate belong refer');
/** After these a pronoun object still needs its "to …": "allows me", "encourages us". */
const NEED_INFINITIVE = words('allow enable let force encourage permit');
const OBJECT_PRONOUNS = words('me you him her us them');

/**
 * Prepositions that are also verb particles. They may end a phrase only after a verb from
 * PHRASAL_STEMS ("dropped in", "moving on", "passing by", "starting over"); anything else is a
 * dangling preposition ("professionals who work in", "interested in", "talking about").
 */
const PARTICLE_PREPOSITIONS = words('in on over around by along through about behind');
const PHRASAL_STEMS = words(`
  drop log sign check move settle fit plug tune chip pitch give sleep sink kick lock turn switch hold carry keep try put take
  bring come go get hang catch stop pass look start hand sit stay walk run fall wait travel play mess wander shop eat dine
`);
/** Words that turn a preceding particle preposition into an adverb: "early on", "later on", "and so on". */
const ADVERB_BEFORE_PARTICLE = words('early later so then now head');
/** Irregular forms of PHRASAL_STEMS verbs, which verbBases cannot undo: "gone by", "worn in", "left behind". */
const IRREGULAR_PARTICIPLES = words('gone went done worn grown broken thrown taken took given gave came got gotten left held kept put ran sat fell');

/**
 * Pure adverbial particles (out, up, down, off, away, back, together, apart, aside) end phrases
 * freely ("hanging out", "grown up", "cool down", "day off"): they are not in any list above.
 */

/** A determiner or possessive followed only by one of these lacks its noun: "my favorite", "the other". */
const NOUN_WANTING = words('favorite favourite preferred fellow other go-to next various certain particular main typical');
const DETERMINERS = words('a an the my your our their his her its this that these those some any every another');

/** `like` is a verb (so a phrase may end there) after these: "what i like", "foods we really like". */
const LIKE_SUBJECTS = words("i you we they he she people i'd we'd you'd they'd really also don't dont do would not kinda");

/** this/that/these/those end a phrase as pronouns after a preposition ("like that", "with this"), not after a noun ("movies that"). */
const DEMONSTRATIVES = words('this that these those');

/**
 * Code shapes that natural values do not have. Leading keywords (import, return, select) are not
 * used: "import business" and "return to school" are values.
 */
const CODE = [
  /[{}]/, // blocks, objects
  /;\s*$|;\S/, // a statement terminator, or statements glued together
  /=>|==|!=|&&|\|\||::|<\/?[a-z][\w-]*\s*\/?>/i, // arrows, comparisons, scope, markup tags
  /\b\w+\s*=\s*\S/, // an assignment: x = 1
  /\b[A-Za-z_$][\w$.]*\((?!e?s\))(?:[^()\s]*|[^()]*,[^()]*)\)/, // a call: f(), print(x), foo(a, b); not "cat (tabby)", "friend(s)"
  /^\s*#include\b/,
];

/** Lower-cased words: tokens with a letter or digit, outer punctuation stripped, curly apostrophes straightened. */
export function valueWords(value: string): string[] {
  return casedWords(value).map((w) => w.toLowerCase());
}

function casedWords(value: string): string[] {
  return value
    .replace(/[’‘]/g, "'")
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

/** "US", "IT", "AM radio": an all-capitals word of 2+ letters is an acronym, not the function word it spells. */
const isAcronym = (w: string) => /^\p{Lu}{2,}$/u.test(w);

const hasDigit = (w: string) => /\p{N}/u.test(w);

/** The candidate base forms of a possibly inflected verb: sets → set, getting → get, seemed → seem, making → make. */
function verbBases(w: string): string[] {
  const out = [w];
  for (const suffix of ['ing', 'ed', 'es', 's', 'd']) {
    if (!w.endsWith(suffix) || w.length <= suffix.length + 1) continue;
    const stem = w.slice(0, -suffix.length);
    out.push(stem, `${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) out.push(stem.slice(0, -1)); // getting → get, dropped → drop
  }
  return out;
}

/** The singular a plural might come from: ways → way, activities → activity, approaches → approach. */
function nounBases(w: string): string[] {
  const out = [w];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.endsWith('s')) out.push(w.slice(0, -1));
  return out;
}

const isLightVerb = (w: string) => LIGHT_IRREGULAR.has(w) || verbBases(w).some((b) => LIGHT_VERBS.has(b));
const isFunction = (w: string) => !hasDigit(w) && (FUNCTION_WORDS.has(w) || isLightVerb(w));
const isFiller = (w: string) =>
  FILLER_ADJECTIVES.has(w) || INTERJECTIONS.has(w) || nounBases(w).some((b) => FILLER_NOUNS.has(b));

/** Why `value` is not a usable attribute value, or null when it is one. */
export function valueRejection(value: string): ValueRejection | null {
  const text = value.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return 'empty';
  if (CODE.some((re) => re.test(text))) return 'code';
  const cased = casedWords(text);
  const ws = cased.map((w) => w.toLowerCase());
  if (ws.length > MAX_VALUE_WORDS || text.length > MAX_VALUE_LENGTH) return 'too-long';
  if (ANSWERS.has(ws.join('-'))) return null;
  const closed = ws.map((w, i) => isFunction(w) && !isAcronym(cased[i]!));
  if (closed.every(Boolean)) return 'function-word';
  if (ws.every((w, i) => closed[i] || isFiller(w))) return 'filler';
  if (isCut(text, ws)) return 'cut-phrase';
  return null;
}

function isCut(text: string, ws: string[]): boolean {
  if (/[,:;(&\-–—]$/.test(text)) return true; // dangling punctuation: "quiet, solitary activities,"
  // Cut at the start: a value that opens on a coordinator or on punctuation is the tail of a phrase
  // ("and logo design", "-wheel drive options", ", wildlife").
  if (/^[-–—,.;:/&]/.test(text) || (ws.length > 1 && COORDINATORS.has(ws[0]!))) return true;
  const last = ws.at(-1)!;
  const before = ws.at(-2);
  if (NEVER_LAST.has(last)) return true;
  if (!/ed$/.test(last) && verbBases(last).some((b) => NEED_OBJECT.has(b))) return true; // "artistry involved" is complete
  if (OBJECT_PRONOUNS.has(last) && before !== undefined && verbBases(before).some((b) => NEED_INFINITIVE.has(b))) return true;
  if (last === 'like') return before === undefined || !LIKE_SUBJECTS.has(before);
  if (DEMONSTRATIVES.has(last)) return before !== undefined && !FUNCTION_WORDS.has(before);
  if (PARTICLE_PREPOSITIONS.has(last)) {
    if (before === undefined) return true;
    return !(ADVERB_BEFORE_PARTICLE.has(before) || IRREGULAR_PARTICIPLES.has(before) || verbBases(before).some((b) => PHRASAL_STEMS.has(b)));
  }
  return NOUN_WANTING.has(last) && before !== undefined && DETERMINERS.has(before);
}

/** Where a long value may be cut so that the head still reads as a phrase: before these words. */
const CUT_BEFORE = words(`
  and or but with without in on at for from into about of to by through during like including near after before since
  while because who which that where when whose so than as due &
`);
const COORDINATORS = words('and or but &');

/**
 * Adjective endings. A cut before a comma or a coordinator can split coordinated adjectives from
 * their shared noun ("traditional, ornate interiors" → "traditional"); such a head is refused
 * when its last word looks like an adjective. It also refuses a few nouns ("animal", "clinic");
 * that only costs a shorter cut, never a wrong one.
 */
const ADJECTIVE_ENDING = /(?:al|ic|ous|ful|ive|able|ible|less|ish|ary)$/;
/** Common adjectives without those endings that users coordinate ("a green and brown scheme", "long, harsh winters"). */
const PLAIN_ADJECTIVES = words(`
  green red blue black white brown yellow pink purple gray grey big small large long short old warm cold hot cool soft bright
  dark light quiet loud fun scary spooky simple clean fresh healthy cozy high low
`);

/**
 * `value` trimmed if it fits in `maxChars`; otherwise the longest head that ends at a phrase
 * boundary (before a comma, semicolon, bracket or dash, or before one of CUT_BEFORE: a
 * conjunction, a preposition, the start of a relative clause), fits, and passes
 * `valueRejection`; null when there is none, and the caller picks another value.
 * "incorporating some educational elements into the lesson" at 50 → "incorporating some educational elements".
 */
export function fitValue(value: string, maxChars: number): string | null {
  const text = value.trim();
  if (text.length <= maxChars) return text;
  const cuts: { at: number; coordination: boolean }[] = [];
  for (const m of text.matchAll(/\s*([,;:(\[])|\s+[-–—]\s|\s+([^\s,;:()[\]]+)/gu)) {
    const at = m.index!;
    if (at === 0 || at > maxChars) continue;
    const word = m[2]?.toLowerCase().replace(/[’‘]/g, "'");
    if (word !== undefined && !CUT_BEFORE.has(word)) continue;
    cuts.push({ at, coordination: m[1] === ',' || (word !== undefined && COORDINATORS.has(word)) });
  }
  for (const { at, coordination } of cuts.reverse()) {
    const head = text.slice(0, at).replace(/[\s,;:.\-–—(/&]+$/u, '');
    if (head === '' || head.length > maxChars || !balanced(head)) continue;
    const lastWord = valueWords(head).at(-1) ?? '';
    if (coordination && (ADJECTIVE_ENDING.test(lastWord) || PLAIN_ADJECTIVES.has(lastWord))) continue;
    if (valueRejection(head) === null) return head;
  }
  return null;
}

/** Brackets and double quotes closed: a cut inside "cats (two of them" leaves an open bracket. */
function balanced(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/]/g) && count(/"/g) % 2 === 0;
}
