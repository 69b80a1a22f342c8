import type { Persona } from '../../persona/types.js';

/**
 * The neutral shape every comparison set is read into, so one set of metrics scores ours, our
 * reconstructions of the baselines, the authors' released profiles, OpenCharacter-style
 * characters and any file passed with `--compare`. Nothing in it needs our taxonomy.
 */

/** Where a value came from, when the set says so: real human text, LLM-written corpus text, a demographic anchor, or an LLM. */
export type ValueSource = 'human' | 'llm-corpus' | 'anchor' | 'llm';

export interface SetAttribute {
  /** Category → … → attribute, as the set names it (the first element is the set's root). */
  path: string[];
  value: string;
  source?: ValueSource;
  /** For or against ("dislikes tkinter"), when the set says. */
  polarity?: 'positive' | 'negative' | 'neutral';
  /** The attribute's node id in our taxonomy (sets our code drew). */
  node?: string;
}

export interface SetAnchors {
  age?: number;
  sex?: 'female' | 'male';
  /** ISO 3166-1 alpha-2, as the population tables key countries. */
  country?: string;
  /** Other anchors a set fixes (city, occupation, …), as the quality metrics' shape allows. */
  [key: string]: string | number | undefined;
}

export interface SetPersona {
  id: string;
  anchors?: SetAnchors;
  attributes: SetAttribute[];
  summary?: string;
}

/**
 * ours: our stored personas; reconstruction: a baseline our code draws to imitate another
 * method; released: a set its authors published (read at run time, never copied); file: any
 * file passed with --compare.
 */
export type SetKind = 'ours' | 'reconstruction' | 'released' | 'file';

export interface ComparisonSet {
  /** Column key in eval.json (unique). */
  name: string;
  kind: SetKind;
  /** One line: what the set is. */
  label: string;
  /** File it was read from. */
  source?: string;
  personas: SetPersona[];
  /** Our own Persona objects when our code drew the set: the taxonomy-bound metrics need them. */
  native?: Persona[];
  notes: string[];
}
