/** One contradiction found in one persona: which family (and sub-check) and a readable why. */
export interface Finding {
  family: string;
  /** The sub-check inside the family, e.g. the concept "religion" of "single-valued". */
  check: string;
  detail: string;
}

/** A family's check over one persona; returns its findings (empty = none). */
export type FamilyCheck = (persona: import('./persona-set.js').QualityPersona) => Finding[];
