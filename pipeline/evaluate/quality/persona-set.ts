/**
 * The neutral shape every persona set is read into before it is scored, so that ours, the
 * DeepPersona authors' released profiles, OpenCharacter-style characters and a user's JSONL are
 * measured by the same code. Only `id` and `attributes` are required; a check that needs a field a
 * set does not have is reported as not applicable rather than guessed.
 */

/**
 * Where a value's text came from: a real person's words ('human'), an LLM-written corpus such as
 * PrefEval ('llm-corpus'), a population anchor ('anchor'), or an LLM at generation time ('llm').
 */
export type SourceKind = 'human' | 'llm-corpus' | 'anchor' | 'llm';
export const SOURCE_KINDS: readonly SourceKind[] = ['human', 'llm-corpus', 'anchor', 'llm'];

export interface QualityAttribute {
  /** Root first, e.g. ["Demographic Information", "Age"]. */
  path: string[];
  value: string;
  source?: SourceKind;
  /** Whether the persona holds the value for or against ("dislikes tkinter"); absent = unknown. */
  polarity?: 'positive' | 'negative' | 'neutral';
  /** The attribute's id in its taxonomy (our node ids), for mined cardinality. */
  node?: string;
}

/** Anchors a set fixes per persona. Other keys (city, occupation, …) may be added as strings. */
export interface QualityAnchors {
  age?: number;
  sex?: string;
  country?: string;
  [key: string]: string | number | undefined;
}

export interface QualityPersona {
  id: string;
  anchors?: QualityAnchors;
  attributes: QualityAttribute[];
  summary?: string;
}

export interface PersonaSet {
  /** A label for output ("ours", "deeppersona-authors-40", a file name). */
  name: string;
  personas: QualityPersona[];
}

/** One reported number. `value` is null exactly when `applicable` is false. */
export interface QualityMetric {
  metric: string;
  description: string;
  value: number | null;
  applicable: boolean;
  /** Why a metric is not applicable, or a short note on how it was computed. */
  note?: string;
  /** A few offending items, to read by eye (never used in a computation). */
  examples?: string[];
}

export const notApplicable = (metric: string, description: string, note: string): QualityMetric => ({ metric, description, value: null, applicable: false, note });
