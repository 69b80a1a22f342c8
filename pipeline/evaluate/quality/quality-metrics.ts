import type { PairOptions } from '../metrics/pairs.js';
import { concentrationMetrics } from './concentration.js';
import { contradictionMetrics } from './contradictions.js';
import { loadFamilyLexicon, type FamilyLexicon } from './family-lexicon.js';
import type { PersonaSet, QualityMetric } from './persona-set.js';
import { provenanceMetrics } from './provenance-split.js';
import { setDiversityMetrics } from './set-diversity.js';
import { setShapeMetrics } from './set-shape.js';
import { valueCompleteness } from './value-completeness.js';

export type { PersonaSet, QualityAttribute, QualityMetric, QualityPersona, SourceKind } from './persona-set.js';

export interface QualityOptions {
  /** The contradiction lexicon; default data/evaluation/contradiction-families.json. */
  lexicon?: FamilyLexicon;
  /** Taxonomy node ids mined as single-valued (mined-cardinality.ts); matched to attributes' `node`. */
  singleValuedNodes?: ReadonlySet<string>;
  /** Share of personas at which a value counts as concentrated; @default 0.2 */
  concentrationThreshold?: number;
  /** Pair selection for the Jaccard mean (exact up to 1000 personas by default). */
  pairs?: PairOptions;
}

/**
 * Quality metrics that apply to any persona set read into the neutral shape (persona-set.ts),
 * independent of how the set was made and of the rules that repaired ours: value completeness,
 * contradiction families, cross-persona concentration, size and roots, diversity, and provenance
 * by source kind. Metrics a set cannot support are returned with applicable: false.
 */
export function qualityMetrics(set: PersonaSet, opts: QualityOptions = {}): QualityMetric[] {
  const lex = opts.lexicon ?? loadFamilyLexicon();
  return [
    ...setShapeMetrics(set),
    ...valueCompleteness(set),
    ...contradictionMetrics(set, lex, opts.singleValuedNodes),
    ...concentrationMetrics(set, opts.concentrationThreshold),
    ...setDiversityMetrics(set, opts.pairs),
    ...provenanceMetrics(set),
  ];
}
