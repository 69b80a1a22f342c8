/**
 * PII scrubber: every value or quote that leaves the pipeline (reports, exports, persona cards)
 * goes through `scrubPii` first. Regex based, deterministic, linear time, idempotent
 * (`scrubPii(scrubPii(x).text).text === scrubPii(x).text`). What is and is not caught:
 * docs/privacy.md. Detectors: ./pii-detectors.ts.
 */
import { DETECTORS, PII_KINDS, placeholder, type Detector, type PiiKind } from './pii-detectors.js';

export { PII_KINDS, placeholder, luhnValid, type PiiKind } from './pii-detectors.js';

export interface ScrubResult {
  /** The input with each hit replaced by a typed placeholder such as `[EMAIL]`. */
  text: string;
  /** Distinct kinds replaced, in `PII_KINDS` order; empty when nothing was replaced. */
  found: PiiKind[];
}

function applyDetector(text: string, d: Detector, found: Set<PiiKind>): string {
  if (d.need !== undefined && !d.need.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(d.re)) {
    const replacement = d.replace === undefined ? placeholder(d.kind) : d.replace(m, text);
    if (replacement === null) continue;
    const start = m.index ?? 0;
    out += text.slice(last, start) + replacement;
    last = start + m[0].length;
    found.add(d.kind);
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Passes over the detector list until a pass changes nothing. A placeholder can unblock a
 * neighbour that a lookbehind rejected in the previous pass ("Ct.555-123-4567"), so stopping at a
 * fixed point is what makes scrubbing idempotent. Each changing pass turns non-placeholder text
 * into placeholders, which no detector matches, so passes terminate; in practice clean text takes
 * one pass and text with PII two. The cap is a safety net only.
 */
const MAX_PASSES = 8;

/** Replaces emails, phones, cards, national ids, IPs, secret-bearing URLs, street addresses and API keys. */
export function scrubPii(text: string): ScrubResult {
  const found = new Set<PiiKind>();
  let out = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = out;
    for (const d of DETECTORS) out = applyDetector(out, d, found);
    if (out === before) break;
  }
  return { text: out, found: PII_KINDS.filter((k) => found.has(k)) };
}

/** True when `scrubPii` would replace anything. */
export function containsPii(text: string): boolean {
  return scrubPii(text).found.length > 0;
}

// ---------------------------------------------------------------- name-like values

/**
 * Capitalised words that are common as mention values but are not personal names. Deliberately
 * small: it trims the obvious false positives, it is not a dictionary. Compared lower-cased.
 */
const NON_NAME_WORDS = new Set(
  (
    // pronouns, greetings, determiners
    'i im me my we us our you your he him his she her they them their it its this that the a an yes no ok okay ' +
    'hi hello hey thanks thank please sorry dear mom mum dad mother father sister brother wife husband son daughter ' +
    'grandma grandpa aunt uncle friend boss ' +
    // calendar
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december spring summer autumn fall winter christmas easter halloween thanksgiving ' +
    'ramadan diwali hanukkah ' +
    // languages, nationalities, religions, regions
    'english spanish french german chinese mandarin cantonese japanese korean italian portuguese russian arabic hindi ' +
    'urdu bengali turkish dutch polish swedish greek hebrew vietnamese thai indonesian filipino tagalog swahili ' +
    'american british canadian mexican indian african european asian australian irish scottish welsh latino latina ' +
    'hispanic black white christian catholic protestant muslim islam jewish hindu buddhist atheist agnostic god ' +
    'america usa uk england britain london paris canada china india japan europe asia africa australia germany ' +
    'france italy spain mexico brazil russia texas california florida new york san los angeles chicago north south ' +
    'east west city state county university college school high middle elementary ' +
    // software, brands, media
    'python java javascript typescript rust go ruby php swift kotlin sql html css linux windows mac macos ios android ' +
    'iphone ipad google microsoft apple amazon facebook meta instagram twitter youtube reddit tiktok netflix spotify ' +
    'discord github excel word powerpoint chatgpt openai claude gemini react node docker kubernetes aws azure ' +
    'playstation xbox nintendo minecraft fortnite marvel disney ' +
    // common persona values
    'teacher student nurse doctor engineer developer programmer designer manager artist writer musician lawyer ' +
    'software computer data science engineering machine learning business marketing finance design health fitness ' +
    'music art history math mathematics physics chemistry biology psychology philosophy economics medicine law ' +
    'yoga running cooking reading gaming travel photography hiking vegan vegetarian married single divorced widowed ' +
    'male female man woman nonbinary gay lesbian bisexual straight introvert extrovert adhd autism anxiety depression'
  ).split(' '),
);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);
const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'le', 'la', 'bin', 'bint', 'al', 'ibn', 'y']);
const NAME_TOKEN = /^(?:\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)?|(?:Mc|Mac|O['’]|De|Di|La|Le|Van|Von)\p{Lu}\p{Ll}+)$/u;
const INITIAL = /^\p{Lu}\.?$/u;

/**
 * Heuristic for "this mention value is itself PII", used to store such values scrubbed.
 * True when
 *  - `containsPii(value)` (an email, phone, card, address, ... as the whole or part of the value), or
 *  - the value is 1–3 capitalised name tokens ("Sarah", "Jean-Luc Picard", "O'Brien", "José García"),
 *    optionally with a leading title ("Dr", "Mrs"), initials ("J. R. Smith" — initials do not count
 *    toward the 3) and lower-case particles inside ("Ludwig van Beethoven"), and no token is in
 *    NON_NAME_WORDS.
 * Known limits: capitalised non-names outside the list ("Harry Potter", "Visual Studio", "Tokyo")
 * count as names; lower-case names ("sarah") and all-caps names ("SARAH") do not.
 */
export function isPersonalNameLike(value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || v.length > 100) return false;
  if (containsPii(v)) return true;
  const tokens = v.split(/\s+/);
  if (tokens.length > 6) return false;
  let names = 0;
  for (const [i, raw] of tokens.entries()) {
    const t = raw.replace(/,$/, '');
    const lower = t.toLowerCase().replace(/\.$/, '');
    if (TITLES.has(lower)) {
      if (i === 0) continue;
      return false;
    }
    if (i > 0 && i < tokens.length - 1 && PARTICLES.has(t)) continue;
    if (INITIAL.test(t)) continue;
    if (NON_NAME_WORDS.has(lower) || !NAME_TOKEN.test(t)) return false;
    names++;
  }
  return names >= 1 && names <= 3;
}
