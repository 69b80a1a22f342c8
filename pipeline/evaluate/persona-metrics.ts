import type { Persona } from '../persona/types.js';
import {
  attributesPerPersona, attributeValueSets, bootstrap, distinctValueShare, integerWeights, jsDivergence, ksStatistic1D,
  leafCoverage, maxAbsShareError, meanCosineDistance, meanJaccardDistance, originMix, provenanceCompleteness, rootsPerPersona,
  sampleShares, wasserstein1,
} from './metrics/index.js';
import type { PopulationReference } from './population-reference.js';

/**
 * Every persona-level metric of `deeppersona evaluate` for one set of personas (ours or a
 * baseline), computed the same way for each: depth, coverage, diversity, origins, consistency,
 * provenance, and anchor fidelity against the population tables with bootstrap 95% intervals.
 */

export interface MetricValue {
  value: number | null;
  ci?: [number, number];
}

export interface PersonaMetricInput {
  personas: readonly Persona[];
  /** Unit summary embeddings, row i = personas[i]. */
  summaryVectors: readonly Float32Array[];
  /** Leaf node ids of the taxonomy version. */
  leafIds: readonly string[];
  /** Does this attribute's node exist, and (corpus values) does a mention under its facet say its value? */
  provenance: (p: Persona, i: number) => { hasNodeId: boolean; hasEvidence: boolean };
  /** Remaining offline-rule violations per persona. */
  violations: readonly number[];
  reference: PopulationReference;
  seed: number;
  bootstrapIterations: number;
}

export function personaMetrics(input: PersonaMetricInput): Record<string, MetricValue> {
  const { personas, reference, seed } = input;
  const n = personas.length;
  const attrs = attributesPerPersona(personas);
  const roots = rootsPerPersona(personas);
  const origins = originMix(personas);
  const provenance = provenanceCompleteness(personas.flatMap((p) => p.attributes.map((a, i) => ({ origin: a.origin, ...input.provenance(p, i) }))));
  const pairs = { seed, exactMaxN: 1000 };
  const out: Record<string, MetricValue> = {
    'personas': { value: n },
    'attributes.mean': { value: attrs.mean },
    'attributes.min': { value: attrs.min },
    'attributes.max': { value: attrs.max },
    'roots.mean': { value: roots.mean },
    'roots.min': { value: roots.min },
    'coverage.leaves': { value: leafCoverage(personas, input.leafIds).share },
    'diversity.jaccard': { value: n >= 2 ? meanJaccardDistance(attributeValueSets(personas), pairs).mean : null },
    'diversity.distinctValues': { value: distinctValueShare(personas) },
    'diversity.summaryDistance': { value: n >= 2 ? meanCosineDistance(input.summaryVectors, pairs).mean : null },
    'origin.anchor': { value: origins.anchor },
    'origin.corpus': { value: origins.corpus },
    'origin.llm': { value: origins.llm },
    'consistency.violations': { value: input.violations.reduce((s, v) => s + v, 0) },
    'consistency.personasWithViolations': { value: input.violations.filter((v) => v > 0).length / n },
    'provenance.node': { value: provenance.withNodeId },
    'provenance.evidence': { value: provenance.corpusWithEvidence },
    'provenance.complete': { value: provenance.complete },
  };
  return { ...out, ...fidelity(personas, reference, seed, input.bootstrapIterations) };
}

/** Anchors against the population: ages by KS, JS divergence (per year) and W1; sex and country by JS and max share error. */
function fidelity(personas: readonly Persona[], reference: PopulationReference, seed: number, iterations: number): Record<string, MetricValue> {
  const ageRef = integerWeights(reference.age.lo, reference.age.weights);
  const ageShares = Object.fromEntries([...ageRef].map(([age, w]) => [String(age), w]));
  const ages = personas.map((p) => p.anchors.age);
  const sexes = personas.map((p) => p.anchors.sex);
  const countries = personas.map((p) => p.anchors.country.iso2);
  const withCi = <T>(stat: (s: readonly T[]) => number, sample: readonly T[]): MetricValue => {
    const b = bootstrap(stat, sample, { seed, iterations });
    return { value: b.estimate, ci: [b.low, b.high] };
  };
  return {
    'fidelity.age.ks': withCi((s) => ksStatistic1D(s, ageRef), ages),
    'fidelity.age.js': withCi((s) => jsDivergence(sampleShares(s.map(String)), ageShares), ages),
    'fidelity.age.wasserstein': withCi((s) => wasserstein1(s, ageRef), ages),
    'fidelity.sex.js': withCi((s) => jsDivergence(sampleShares(s), reference.sex), sexes),
    'fidelity.sex.maxError': withCi((s) => maxAbsShareError(sampleShares(s), reference.sex).maxError, sexes),
    'fidelity.country.js': withCi((s) => jsDivergence(sampleShares(s), reference.countries), countries),
    'fidelity.country.maxError': withCi((s) => maxAbsShareError(sampleShares(s), reference.countries).maxError, countries),
  };
}

/** One line per metric: what it measures (README and the report's table use these). */
export const METRIC_DESCRIPTIONS: Record<string, string> = {
  'personas': 'personas evaluated',
  'attributes.mean': 'attributes per persona (mean)',
  'attributes.min': 'attributes per persona (fewest)',
  'attributes.max': 'attributes per persona (most)',
  'roots.mean': 'taxonomy roots covered per persona (mean)',
  'roots.min': 'taxonomy roots covered per persona (fewest)',
  'coverage.leaves': 'share of taxonomy leaves used by at least one persona',
  'diversity.jaccard': 'mean pairwise Jaccard distance of (attribute, value) sets (1 = no overlap)',
  'diversity.distinctValues': 'distinct (attribute, value) pairs / all attribute values',
  'diversity.summaryDistance': 'mean pairwise cosine distance of summary embeddings',
  'origin.anchor': 'share of values restating an anchor',
  'origin.corpus': 'share of values sampled from what real users said',
  'origin.llm': 'share of values written by the LLM',
  'consistency.violations': 'offline rule violations left in the personas',
  'consistency.personasWithViolations': 'share of personas with any rule violation',
  'provenance.node': 'share of attributes linked to a taxonomy node',
  'provenance.evidence': 'share of corpus values with a mention stating them (exact quote, file:line)',
  'provenance.complete': 'share of attributes with a node and, for corpus values, evidence',
  'fidelity.age.ks': 'KS statistic: persona ages vs the UN WPP population ages',
  'fidelity.age.js': 'Jensen–Shannon divergence (nats) of ages by year vs the population',
  'fidelity.age.wasserstein': 'Wasserstein-1 distance of ages vs the population (years)',
  'fidelity.sex.js': 'Jensen–Shannon divergence (nats) of sex vs the population',
  'fidelity.sex.maxError': 'largest absolute error of the female/male shares',
  'fidelity.country.js': 'Jensen–Shannon divergence (nats) of countries vs population shares',
  'fidelity.country.maxError': 'largest absolute error of a country share',
};
