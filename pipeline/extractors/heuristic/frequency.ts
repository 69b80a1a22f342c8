/**
 * Frequency adverbials ("twice a week", "every sunday", "on weekends", "daily"): a habit's
 * frequency, and where a value phrase ends ("migraines | a few times a month").
 */
import type { Tok } from './tokens.js';

const TIME_UNIT = /^(?:day|days|week|weeks|weekend|weekends|weekday|weekdays|month|months|year|years|morning|mornings|evening|evenings|night|nights|afternoon|afternoons|summer|winter|spring|fall|autumn|sunday|monday|tuesday|wednesday|thursday|friday|saturday|sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|holiday|holidays|lunch|break)$/;
const COUNT = /^(?:once|twice|thrice|\d+|one|two|three|four|five|six|seven|several|few|many|a)$/;

/**
 * End (exclusive) of a frequency adverbial starting at token `k` ("twice a week", "every
 * sunday", "on weekends", "three times a month", "daily"), or `k` when there is none. A habit's
 * frequency is part of its value: "I go swimming | twice a week".
 */
/** A frequency adverbial a few tokens after the verb at `h`, in its clause: "I bake bread | every sunday". */
export function frequencyWithin(toks: readonly Tok[], h: number): boolean {
  const sent = toks[h]?.sent;
  for (let k = h + 1; k < h + 8 && toks[k]?.sent === sent && toks[k]?.norm !== ','; k += 1) if (frequencyEnd(toks, k) > k) return true;
  return false;
}

const FIRST = /^(?:daily|weekly|nightly|monthly|yearly|annually|everyday|every|each|most|on|once|twice|thrice|a|\d+|one|two|three|four|five|six|seven|several|few|many)$/;

export function frequencyEnd(toks: readonly Tok[], k: number): number {
  const n = (j: number) => toks[j]?.norm ?? '';
  if (!FIRST.test(n(k))) return k; // most words start no frequency; this is called for every token of a value
  if (/^(?:daily|weekly|nightly|monthly|yearly|annually|everyday)$/.test(n(k))) return k + 1;
  if ((n(k) === 'every' || n(k) === 'each' || n(k) === 'most' || n(k) === 'on') && TIME_UNIT.test(n(k + 1))) return k + 2;
  if (n(k) === 'every' && (n(k + 1) === 'other' || n(k + 1) === 'single') && TIME_UNIT.test(n(k + 2))) return k + 3;
  // "twice a week", "3 times a month", "a few times a year"
  let j = k;
  const few = n(k) === 'a' && (n(k + 1) === 'few' || n(k + 1) === 'couple');
  if (few) j += 2;
  else if (COUNT.test(n(k)) && n(k) !== 'a') j += 1;
  else return k;
  if (n(j) === 'of') j += 1;
  // "5 days a week", "two nights a month"
  if (TIME_UNIT.test(n(j)) && ['a', 'per', 'every', 'each'].includes(n(j + 1)) && TIME_UNIT.test(n(j + 2))) return j + 3;
  if (n(j) === 'times' || n(j) === 'time') j += 1;
  else if (!['once', 'twice', 'thrice'].includes(n(k))) return k;
  if ((n(j) === 'a' || n(j) === 'per' || n(j) === 'every' || n(j) === 'each') && TIME_UNIT.test(n(j + 1))) return j + 2;
  return k;
}

const DURATION_UNIT = /^(?:minutes?|mins?|hours?|hrs?|seconds?)$/;

/**
 * "for 10 minutes | each morning", "for an hour | every day": a duration at `k` ("for") followed
 * by a frequency. Returns the frequency's token span (what makes the habit), or null.
 */
export function frequencyAfterDuration(toks: readonly Tok[], k: number): { start: number; end: number } | null {
  if (toks[k]?.norm !== 'for') return null;
  const amount = toks[k + 1];
  if (!amount || !(amount.pos === 'NUM' || amount.norm === 'a' || amount.norm === 'an') || !DURATION_UNIT.test(toks[k + 2]?.norm ?? '')) return null;
  const end = frequencyEnd(toks, k + 3);
  return end > k + 3 ? { start: k + 3, end } : null;
}
