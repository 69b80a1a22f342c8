/**
 * What every judge protocol reads: a profile as `{ id, text }`. Our personas are rendered with
 * renderProfile(); a baseline (PersonaHub one-liners, OpenCharacter profiles, …) is passed as its
 * own text, so both go through byte-identical prompts and differ only in the profile text. The
 * id names the profile in results and failure records and never appears in a prompt (the judge
 * must not know which system wrote the profile, and equal texts must share cache entries).
 */
import { z } from 'zod';
import { oneLine, renderAnchors, renderCore, renderPath } from '../../persona/llm/prompts.js';
import type { Persona } from '../../persona/types.js';

export interface JudgeProfile {
  /** Unique within one set (our personas, or one baseline's). */
  id: string;
  text: string;
}

/**
 * A persona as one plain-text profile: fixed facts, the life-story core when there is one, every
 * attribute as `Root > … > Leaf: value` (likes/dislikes marked as on the persona card), then the
 * summary. Deterministic in its input: the text is part of the cache key.
 */
export function renderProfile(p: Pick<Persona, 'anchors' | 'attributes' | 'summary' | 'core'>): string {
  const parts = ['Fixed facts:', renderAnchors(p.anchors)];
  if (p.core) parts.push('', 'Life story:', renderCore(p.core));
  if (p.attributes.length) {
    parts.push('', 'Attributes:');
    for (const a of p.attributes) {
      const mark = a.polarity === 'negative' ? ' (dislikes)' : a.polarity === 'positive' ? ' (likes)' : '';
      parts.push(`${renderPath(a.path, a.root)}: ${oneLine(a.value)}${mark}`);
    }
  }
  const summary = p.summary.trim();
  if (summary) parts.push('', 'Summary:', summary);
  return parts.join('\n');
}

/** Our personas as judge profiles, id = personaId. */
export function personaProfiles(personas: readonly Pick<Persona, 'personaId' | 'anchors' | 'attributes' | 'summary' | 'core'>[]): JudgeProfile[] {
  return personas.map((p) => ({ id: p.personaId, text: renderProfile(p) }));
}

/** The first `cap` profiles, after checking the set: ids unique and non-empty, texts non-blank. */
export function takeProfiles(profiles: readonly JudgeProfile[], cap: number, what: string): JudgeProfile[] {
  const seen = new Set<string>();
  for (const p of profiles) {
    if (!p.id) throw new Error(`${what}: a profile has an empty id`);
    if (seen.has(p.id)) throw new Error(`${what}: duplicate profile id ${JSON.stringify(p.id)}`);
    if (!/\S/.test(p.text)) throw new Error(`${what}: profile ${JSON.stringify(p.id)} has no text`);
    seen.add(p.id);
  }
  return profiles.slice(0, cap).map((p) => ({ id: p.id, text: p.text.trim() }));
}

/** A work cap from the options: a positive integer, or the default. */
export function capOption(value: number | undefined, fallback: number, what: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what}: must be a positive integer, got ${n}`);
  return n;
}

/** Mean of the values, or null when there are none (a metric nobody could score). */
export function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The judges' discrete scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/**
 * A 1–5 integer score. Plain number in the JSON schema (strict structured outputs reject some
 * numeric keywords); the range lives in a refinement, so an out-of-range reply is re-asked once
 * with the reason and, if still wrong, fails the item instead of being averaged.
 */
export const scoreSchema = z.number().superRefine((v, ctx) => {
  if (!Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
    ctx.addIssue({ code: 'custom', message: `score ${v} is not an integer from ${SCORE_MIN} to ${SCORE_MAX}` });
  }
});

/** Free text that must say something (the refinement names the field in the re-ask). */
export const nonBlank = (what: string) =>
  z.string().superRefine((v, ctx) => {
    if (!/\S/.test(v)) ctx.addIssue({ code: 'custom', message: `the ${what} is empty` });
  });

export const reasonSchema = nonBlank('reason');
