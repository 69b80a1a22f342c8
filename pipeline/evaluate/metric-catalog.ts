/**
 * What each persona metric measures and which way is better. The direction is declared here, per
 * metric, so "where we lose" (where-we-lose.ts) never guesses: `higher` or `lower` is better, and
 * `none` marks a descriptive figure (a count, a mix) that no set wins.
 */

export type Direction = 'higher' | 'lower' | 'none';

export interface MetricSpec {
  description: string;
  direction: Direction;
}

export const METRICS: Record<string, MetricSpec> = {
  'personas': { description: 'personas evaluated', direction: 'none' },
  'attributes.mean': { description: 'attribute values per persona (mean): depth', direction: 'higher' },
  'attributes.min': { description: 'attribute values per persona (fewest)', direction: 'higher' },
  'attributes.max': { description: 'attribute values per persona (most)', direction: 'none' },
  'roots.mean': { description: 'top-level categories covered per persona (mean)', direction: 'higher' },
  'roots.min': { description: 'top-level categories covered per persona (fewest)', direction: 'higher' },
  'coverage.leaves': { description: 'share of our taxonomy leaves used by at least one persona', direction: 'higher' },
  'diversity.jaccard': { description: 'mean pairwise Jaccard distance of (attribute path, value) sets (1 = no overlap)', direction: 'higher' },
  'diversity.distinctValues': { description: 'distinct (attribute path, value) pairs / all attribute values', direction: 'higher' },
  'diversity.summaryDistance': { description: 'mean pairwise cosine distance of summary embeddings', direction: 'higher' },
  'origin.anchor': { description: 'share of values restating an anchor', direction: 'none' },
  'origin.corpus': { description: 'share of values sampled from corpus text (human or LLM-written)', direction: 'none' },
  'origin.llm': { description: 'share of values written by an LLM', direction: 'none' },
  'consistency.violations': { description: "violations of our own repair rules left (the rules that repaired ours: see quality.* for an independent check)", direction: 'lower' },
  'consistency.personasWithViolations': { description: 'share of personas with any violation of our own repair rules', direction: 'lower' },
  'provenance.node': { description: 'share of attributes linked to a taxonomy node', direction: 'higher' },
  'provenance.evidence': { description: 'share of corpus values with a mention stating them (exact quote, file:line)', direction: 'higher' },
  'provenance.complete': { description: 'share of attributes with a node and, for corpus values, evidence', direction: 'higher' },
  'fidelity.age.ks': { description: 'KS statistic: persona ages vs the UN WPP population ages (bias-corrected)', direction: 'lower' },
  'fidelity.age.js': { description: 'Jensen–Shannon divergence (nats) of ages by year vs the population (bias-corrected)', direction: 'lower' },
  'fidelity.age.wasserstein': { description: 'Wasserstein-1 distance of ages vs the population, years (bias-corrected)', direction: 'lower' },
  'fidelity.sex.js': { description: 'Jensen–Shannon divergence (nats) of sex vs the population (bias-corrected)', direction: 'lower' },
  'fidelity.sex.maxError': { description: 'largest absolute error of the female/male shares (bias-corrected)', direction: 'lower' },
  'fidelity.country.js': { description: 'Jensen–Shannon divergence (nats) of countries vs population shares (bias-corrected)', direction: 'lower' },
  'fidelity.country.maxError': { description: 'largest absolute error of a country share (bias-corrected)', direction: 'lower' },
};

/**
 * Directions of metrics defined elsewhere (the independent quality metrics, the judge), by name
 * pattern, for rows that do not carry their own: shares of bad things and concentration are
 * lower-better, scores and coverage higher-better. A name no pattern knows stays `none` and is
 * listed as undeclared rather than guessed.
 */
const PATTERNS: [RegExp, Direction][] = [
  [/contradiction|conflict|violation|fragment|incomplete|junk|concentration|maxShare|common|clone|duplicate|error|divergence/i, 'lower'],
  [/complete|diversity|distinct|coverage|roots|attributes\.(mean|min)|score|judge|rubric|human/i, 'higher'],
];

export function directionOf(metric: string, declared?: Direction): Direction {
  if (declared) return declared;
  const known = METRICS[metric];
  if (known) return known.direction;
  for (const [pattern, direction] of PATTERNS) if (pattern.test(metric)) return direction;
  return 'none';
}
