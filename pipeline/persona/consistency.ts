import type { Persona, PersonaAttribute } from './types.js';
import { type Lexicon, loadLexicon } from './consistency-lexicon.js';
import { factsOf, resamplable, RULES, type Violation } from './consistency-rules.js';

/**
 * Offline consistency checks for a generated persona (no LLM): age-bound life events, minors,
 * the contradiction lexicon and the anchor occupation. Rules live in consistency-rules.ts.
 */

export type { Violation } from './consistency-rules.js';
export { loadLexicon, type Lexicon } from './consistency-lexicon.js';

/** Every violation, in rule order then attribute order; the same persona always gives the same list. */
export function checkConsistency(persona: Persona, lexicon: Lexicon = loadLexicon()): Violation[] {
  const facts = persona.attributes.map((a) => factsOf(lexicon, persona.anchors, a));
  return RULES.flatMap((rule) => rule.check(persona, lexicon, facts));
}

export interface RepairStep {
  rule: string;
  /** Index in the persona given to repairPersona (stable across rounds, whatever was dropped). */
  attributeIndex: number;
  from: string;
  /** The new value, or null when the attribute was dropped. */
  to: string | null;
}

export interface RepairResult {
  persona: Persona;
  log: RepairStep[];
  /** Violations still present after the last round, indexed into the returned persona. */
  remaining: Violation[];
}

/**
 * `attributeIndex` is an index into the persona given to repairPersona; `attempt` counts earlier
 * resamples of that attribute (0 first). Return the replacement, or null to drop the attribute.
 */
export type Resampler = (attributeIndex: number, attempt: number) => PersonaAttribute | null;

/**
 * Resamples each offending attribute once per round (lowest index first), then re-checks, for at
 * most maxRounds rounds. Dropped attributes leave a hole until the end, so indices given to
 * `resample` and written to the log always refer to the input persona. Deterministic whenever
 * `resample` is.
 */
export function repairPersona(persona: Persona, resample: Resampler, maxRounds = 5, lexicon: Lexicon = loadLexicon()): RepairResult {
  const slots: (PersonaAttribute | null)[] = [...persona.attributes];
  const attempts = new Map<number, number>();
  const log: RepairStep[] = [];
  const compact = (): { current: Persona; original: number[] } => {
    const original = slots.flatMap((a, i) => (a ? [i] : []));
    return { current: { ...persona, attributes: original.map((i) => slots[i]!) }, original };
  };

  // The last check's result while no slot has changed since it: a clean persona is checked once, not twice.
  let checked: Violation[] | undefined;
  for (let round = 0; round < maxRounds; round++) {
    const { current, original } = compact();
    const violations = checkConsistency(current, lexicon);
    checked = violations;
    if (violations.length === 0) break;
    checked = undefined;
    // One resample per attribute per round: the first rule (in RULES order) names the step.
    const firstRule = new Map<number, string>();
    for (const v of violations) if (!firstRule.has(v.attributeIndex)) firstRule.set(v.attributeIndex, v.rule);
    const targets = [...firstRule.keys()].sort((a, b) => a - b);
    for (const at of targets) {
      const index = original[at]!;
      const before = slots[index]!;
      if (!resamplable(before)) continue;
      const attempt = attempts.get(index) ?? 0;
      attempts.set(index, attempt + 1);
      const next = resample(index, attempt);
      slots[index] = next;
      log.push({ rule: firstRule.get(at)!, attributeIndex: index, from: before.value, to: next ? next.value : null });
    }
  }
  const { current } = compact();
  return { persona: current, log, remaining: checked ?? checkConsistency(current, lexicon) };
}
