/**
 * Shared, pure prompt fragments for the LLM persona paths. Every fragment is deterministic in its
 * input (no dates, no randomness): the rendered text is part of the cache key, so a rerun over
 * the same persona must render byte-identical prompts to hit the cache.
 */
import { fitValue, valueRejection } from '../../extractors/value-gate.js';
import { wordCount } from '../narrative-text.js';
import type { Anchors, LifeStoryCore } from '../types.js';

/** The life-story core as later prompts see it (a LifeStory without its callId). */
export type { LifeStoryCore } from '../types.js';

/** Anything with a path and a value: persona attributes, freshly filled values, fixed values. */
export interface ProfileLine {
  path: string;
  /** Defaults to the first path segment. */
  root?: string;
  value: string;
}

/** Anchors as short "Key: value" lines; occupation null is explained, so the model does not invent a job. */
export function renderAnchors(a: Anchors): string {
  const place = [a.city.name, a.city.region, a.country.name].filter((s, i, all) => s && all.indexOf(s) === i).join(', ');
  const job = a.occupation
    ? a.occupation.title
    : a.age < 16 ? 'none (school age)' : a.age >= 75 ? 'none (retirement age)' : 'not given';
  return [
    `Age: ${a.age}`,
    `Sex: ${a.sex}`,
    `Lives in: ${place} (a place of about ${roughPopulation(a.city.population)} people)`,
    `Occupation: ${job}`,
  ].join('\n');
}

/** Populations to two significant figures: the exact census count only costs tokens. */
function roughPopulation(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return 'an unknown number of';
  const digits = Math.floor(Math.log10(n));
  const step = 10 ** Math.max(0, digits - 1);
  return (Math.round(n / step) * step).toLocaleString('en-US');
}

export function renderCore(core: LifeStoryCore): string {
  const lines = [
    `Values: ${core.values.join('; ')}`,
    `Outlook (${core.tone}): ${core.lifeAttitude}`,
    ...core.stories.map((s, i) => `Story ${i + 1}: ${s}`),
    `Interests: ${core.interests.join('; ')}`,
  ];
  return lines.join('\n');
}

/** "Root > Category > Attribute": the path with the root once, whatever form the caller's path has. */
export function pathSegments(path: string, root?: string): string[] {
  const parts = path.split('.').map((s) => s.trim()).filter(Boolean);
  if (!root) return parts;
  return parts[0] === root ? parts : [root, ...parts];
}

export const renderPath = (path: string, root?: string): string => pathSegments(path, root).join(' > ');

/** One `Root > A > B: value` line per entry, in the given order. */
export function renderProfile(lines: readonly ProfileLine[]): string {
  return lines.map((l) => `${renderPath(l.path, l.root)}: ${oneLine(l.value)}`).join('\n');
}

/** Newlines inside a value would break the line-per-fact layout the model is told to read. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Words that say "no value": treated as missing so the caller falls back to a corpus value. */
const NON_VALUE = /^(?:n\/?a|none given|unknown|not applicable|not specified|unspecified|null|undefined|-+|\?+|…|\.\.\.)$/i;

/**
 * A model value as stored: one line, trimmed, cut at a phrase boundary (fitValue); '' when it
 * says nothing, fails the value gate, or has no clean cut (the caller falls back to a corpus value).
 */
export function cleanValue(raw: string, maxChars: number): string {
  const line = oneLine(raw);
  // Only a value wrapped in quotes loses them: "'90s rock" keeps its apostrophe.
  const v = (/^["“'‘](.*)["”'’]$/.exec(line)?.[1] ?? line).trim();
  if (v === '' || NON_VALUE.test(v)) return '';
  const fitted = fitValue(v, maxChars);
  return fitted !== null && valueRejection(fitted) === null ? fitted : '';
}

export { wordCount };
