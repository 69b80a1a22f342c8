import { readFileSync } from 'node:fs';
import type { PersonaSet, QualityAnchors, QualityAttribute, QualityPersona } from '../quality/persona-set.js';

/**
 * Reads the DeepPersona authors' released profile JSON (`{"metadata": …, "Profile_<n>": {"Generated
 * At", "Profile Index", "<Category>": {…nested…: "text"}, "Summary"}}`) into the neutral persona
 * shape. Every string leaf is one attribute, its path the keys from the category down; numbers
 * and booleans are read as text; an array gives one attribute per element. The profiles carry no
 * provenance, so no attribute gets a `source`. Anchors are read only where a field names them
 * plainly (a field path made only of "Gender"/"Sex" words, a "country" field), so that
 * concentration can leave the population anchor out. Age is not read here: their age fields mix
 * the persona's age with children's age ranges ("Age › ChildAgeRange = 0-12 years old"), and the
 * quality checks read the persona's own age from the values with their other-person rules.
 */

const META_KEYS = new Set(['Generated At', 'Profile Index', 'Summary']);

function walk(node: unknown, path: string[], out: QualityAttribute[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, path, out);
    return;
  }
  if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, [...path, k], out);
    return;
  }
  const value = String(node).trim();
  if (value && path.length > 0) out.push({ path, value });
}

const lower = (s: string) => s.toLowerCase();

function plainAnchors(attributes: readonly QualityAttribute[]): QualityAnchors {
  const anchors: QualityAnchors = {};
  for (const a of attributes) {
    const names = a.path.slice(1).map(lower);
    if (anchors.sex === undefined && names.length > 0 && names.every((n) => /^(gender|sex|gender identity)$/.test(n))) {
      const m = /\b(female|male|woman|man)\b/i.exec(a.value);
      if (m) anchors.sex = /^(female|woman)$/i.test(m[1]!) ? 'female' : 'male';
    }
    if (anchors.country === undefined && lower(a.path[a.path.length - 1] ?? '') === 'country') anchors.country = a.value;
  }
  return anchors;
}

const profileNumber = (key: string) => Number(/(\d+)$/.exec(key)?.[1] ?? Number.NaN);

/** The neutral set from parsed profile JSON; throws when it is not that shape. */
export function readDeepPersonaProfiles(json: unknown, name: string): PersonaSet {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${name}: expected a JSON object of "Profile_<n>" entries`);
  const entries = Object.entries(json as Record<string, unknown>).filter(([k, v]) => k !== 'metadata' && v && typeof v === 'object' && !Array.isArray(v));
  if (entries.length === 0) throw new Error(`${name}: no profile objects found`);
  entries.sort(([a], [b]) => profileNumber(a) - profileNumber(b) || a.localeCompare(b));
  const personas: QualityPersona[] = entries.map(([key, raw]) => {
    const profile = raw as Record<string, unknown>;
    const attributes: QualityAttribute[] = [];
    for (const [k, v] of Object.entries(profile)) if (!META_KEYS.has(k)) walk(v, [k], attributes);
    const summary = typeof profile.Summary === 'string' ? profile.Summary : undefined;
    return { id: key, anchors: plainAnchors(attributes), attributes, ...(summary ? { summary } : {}) };
  });
  return { name, personas };
}

export function readDeepPersonaProfilesFile(path: string, name = path): PersonaSet {
  return readDeepPersonaProfiles(JSON.parse(readFileSync(path, 'utf8')), name);
}
