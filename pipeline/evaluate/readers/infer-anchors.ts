import { loadAnchorTables } from '../../anchors/tables.js';
import type { SetAnchors, SetAttribute } from './types.js';

/**
 * Age, sex and country read from a set's own attributes when it carries no anchors (the authors'
 * profiles state them as text: "Age › Current: 83 years old", "Gender: Female", "Location ›
 * country: Canada"), so fidelity can be scored for any set that states them. Only attributes
 * whose path names the variable are read (a "4 year old son" under Family is not the persona's
 * age); what is not stated stays undefined and is reported as missing, never guessed.
 */

const AGE_PATH = /(^|[^a-z])age([^a-z]|$)/i;
const SEX_PATH = /gender|(^|[^a-z])sex([^a-z]|$)/i;
const COUNTRY_PATH = /country|nation|citizen|location|residen|born|birth|hometown|region|live/i;

export function inferAnchors(attributes: readonly SetAttribute[]): SetAnchors {
  const out: SetAnchors = {};
  const age = ageFrom(attributes);
  if (age !== undefined) out.age = age;
  const sex = attributes.filter((a) => a.path.some((p) => SEX_PATH.test(p))).map((a) => sexOf(a.value)).find((s) => s !== undefined);
  if (sex !== undefined) out.sex = sex;
  const country = countryOf(attributes);
  if (country !== undefined) out.country = country;
  return out;
}

/** A value that states an age ("83 years old", "42", "aged 30", "30-34 years") before one that merely holds a number. */
const STATED_AGE = /^\s*\d{1,3}\s*$|\d\s*[- ]?years?[- ]?old|\baged?\s*\d|\d{1,3}\s*(?:-|–|to)\s*\d{1,3}\s*years/i;

function ageFrom(attributes: readonly SetAttribute[]): number | undefined {
  const onPath = attributes.filter((a) => a.path.some((p) => AGE_PATH.test(p)) && ageOf(a.value) !== undefined);
  const best = onPath.find((a) => STATED_AGE.test(a.value)) ?? onPath[0];
  return best && ageOf(best.value);
}

/** "83 years old", "42", "aged 30", "30-34 years" (the middle: 32). Ages outside 0–120 are not ages. */
export function ageOf(text: string): number | undefined {
  const range = /\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\b/.exec(text);
  const one = /\b(\d{1,3})\b/.exec(text);
  const age = range ? Math.floor((Number(range[1]) + Number(range[2])) / 2) : one ? Number(one[1]) : NaN;
  return Number.isInteger(age) && age >= 0 && age <= 120 ? age : undefined;
}

/** female / male from the usual words; anything else (non-binary, unstated) is undefined. */
export function sexOf(text: string): 'female' | 'male' | undefined {
  if (/\b(female|woman|women|girl|feminine)\b/i.test(text)) return 'female';
  if (/\b(male|man|men|boy|masculine)\b/i.test(text)) return 'male';
  return undefined;
}

let countryMatcher: { pattern: RegExp; byAlias: Map<string, string> } | undefined;

/** The population tables' names and ISO3 codes, longest first so "South Sudan" wins over "Sudan". */
function matcher() {
  if (countryMatcher) return countryMatcher;
  const byAlias = new Map<string, string>();
  for (const c of loadAnchorTables().countries) {
    for (const a of [...c.aliases, c.iso3]) byAlias.set(a.toLowerCase(), c.iso2);
  }
  const escaped = [...byAlias.keys()].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  countryMatcher = { pattern: new RegExp(`(?:^|[^\\p{L}])(${escaped.join('|')})(?![\\p{L}])`, 'giu'), byAlias };
  return countryMatcher;
}

/** The country named most often in location-like attributes (first named on ties). */
export function countryOf(attributes: readonly SetAttribute[]): string | undefined {
  const { pattern, byAlias } = matcher();
  const counts = new Map<string, number>();
  for (const a of attributes) {
    if (!a.path.some((p) => COUNTRY_PATH.test(p))) continue;
    for (const m of a.value.matchAll(pattern)) {
      const text = m[1]!;
      // An ISO3 code counts only as written in capitals ("CAN", not the word "can").
      if (text.length === 3 && text !== text.toUpperCase()) continue;
      const iso2 = byAlias.get(text.toLowerCase());
      if (iso2) counts.set(iso2, (counts.get(iso2) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [iso2, n] of counts) if (best === undefined || n > counts.get(best)!) best = iso2;
  return best;
}
