import type { Persona } from '../persona/types.js';
import type { Direction } from './metric-catalog.js';
import { fidelityMetrics, type FidelityOptions, type FidelityValue } from './fidelity.js';
import {
  attributeValueSets, distinctValueShare, leafCoverage, meanCosineDistance, meanJaccardDistance, originMix, provenanceCompleteness,
} from './metrics/index.js';
import type { ComparisonSet, SetPersona } from './readers/types.js';

/**
 * Every persona-level metric of `deeppersona evaluate` for one comparison set, computed the same
 * way for each: depth, roots, diversity and anchor fidelity from the neutral shape (any set);
 * leaf coverage, origins, our rule violations and provenance only for sets our code drew (they
 * read our taxonomy and store), null with the reason for the others: never estimated.
 */

/** A set's value of one metric; quality metrics bring their own description and, when they declare one, direction. */
export type MetricValue = FidelityValue & { description?: string; direction?: Direction };

export interface TaxonomyBound {
  /** Leaf node ids of the taxonomy version. */
  leafIds: readonly string[];
  /** Does this attribute's node exist, and (corpus values) does a mention under its facet say its value? */
  provenance: (p: Persona, i: number) => { hasNodeId: boolean; hasEvidence: boolean };
  /** Remaining offline-rule violations per persona (set.native order). */
  violations: readonly number[];
}

export interface SetMetricInput {
  set: ComparisonSet;
  /** Unit summary embeddings of the personas that have a summary, in order. */
  summaryVectors: readonly Float32Array[];
  /** Present when set.native is. */
  taxonomy?: TaxonomyBound;
  fidelity: FidelityOptions;
}

const pathKey = (path: readonly string[]) => path.join('\u001e');

export function setMetrics(input: SetMetricInput): Record<string, MetricValue> {
  const { set } = input;
  const personas = set.personas;
  const n = personas.length;
  if (n === 0) return { personas: { value: 0 } };
  const counts = personas.map((p) => p.attributes.length);
  const flat = personas.every((p) => p.attributes.every((a) => a.path.length < 2));
  const roots = personas.map((p) => new Set(p.attributes.map((a) => a.path[0])).size);
  const valued = personas.map((p) => ({ attributes: p.attributes.map((a) => ({ nodeId: pathKey(a.path), value: a.value })) }));
  const pairs = { seed: input.fidelity.seed, exactMaxN: 1000 };
  const na = (reason: string): MetricValue => ({ value: null, reason });
  const out: Record<string, MetricValue> = {
    'personas': { value: n },
    'attributes.mean': { value: counts.reduce((s, c) => s + c, 0) / n },
    'attributes.min': { value: Math.min(...counts) },
    'attributes.max': { value: Math.max(...counts) },
    'roots.mean': flat ? na('flat records: no categories') : { value: roots.reduce((s, c) => s + c, 0) / n },
    'roots.min': flat ? na('flat records: no categories') : { value: Math.min(...roots) },
    'diversity.jaccard': n >= 2 ? { value: meanJaccardDistance(attributeValueSets(valued), pairs).mean } : na('fewer than 2 personas'),
    'diversity.distinctValues': counts.some((c) => c > 0) ? { value: distinctValueShare(valued) } : na('no attribute values'),
    'diversity.summaryDistance': input.summaryVectors.length >= 2 ? { value: meanCosineDistance(input.summaryVectors, pairs).mean } : na('fewer than 2 personas have a summary'),
    ...originOf(set),
    ...taxonomyBound(set, input.taxonomy),
  };
  return { ...out, ...fidelityMetrics(personas, input.fidelity) };
}

/** Origins from our personas, or from a file whose every value names its source. */
function originOf(set: ComparisonSet): Record<string, MetricValue> {
  if (set.native?.length && set.native.some((p) => p.attributes.length)) {
    const o = originMix(set.native);
    return { 'origin.anchor': { value: o.anchor }, 'origin.corpus': { value: o.corpus }, 'origin.llm': { value: o.llm } };
  }
  const all = set.personas.flatMap((p) => p.attributes);
  if (all.length === 0 || all.some((a) => !a.source)) {
    const reason = 'the set does not say where its values came from';
    return { 'origin.anchor': { value: null, reason }, 'origin.corpus': { value: null, reason }, 'origin.llm': { value: null, reason } };
  }
  const share = (test: (s: string) => boolean) => all.filter((a) => test(a.source!)).length / all.length;
  return { 'origin.anchor': { value: share((s) => s === 'anchor') }, 'origin.corpus': { value: share((s) => s === 'human' || s === 'llm-corpus') }, 'origin.llm': { value: share((s) => s === 'llm') } };
}

function taxonomyBound(set: ComparisonSet, t: TaxonomyBound | undefined): Record<string, MetricValue> {
  const native = set.native;
  if (!native || !t) {
    const reason = (what: string) => ({ value: null, reason: `needs ${what}, which only sets drawn by our code have` });
    return {
      'coverage.leaves': reason("our taxonomy's node ids"),
      'consistency.violations': reason("our taxonomy's attribute labels (quality.* checks every set independently)"),
      'consistency.personasWithViolations': reason("our taxonomy's attribute labels (quality.* checks every set independently)"),
      'provenance.node': reason('node ids and evidence in our store'),
      'provenance.evidence': reason('node ids and evidence in our store'),
      'provenance.complete': reason('node ids and evidence in our store'),
    };
  }
  const provenance = provenanceCompleteness(native.flatMap((p) => p.attributes.map((a, i) => ({ origin: a.origin, ...t.provenance(p, i) }))));
  return {
    'coverage.leaves': { value: leafCoverage(native, t.leafIds).share },
    'consistency.violations': { value: t.violations.reduce((s, v) => s + v, 0) },
    'consistency.personasWithViolations': { value: t.violations.filter((v) => v > 0).length / native.length },
    'provenance.node': { value: provenance.withNodeId },
    'provenance.evidence': { value: provenance.corpusWithEvidence },
    'provenance.complete': { value: provenance.complete },
  };
}

/** Our Persona in the neutral shape: path from the stored dotted path (root first), source from origin and evidence. */
export function toSetPersona(p: Persona, sourceOf?: (p: Persona, i: number) => SetPersona['attributes'][number]['source']): SetPersona {
  return {
    id: p.personaId,
    anchors: { age: p.anchors.age, sex: p.anchors.sex, country: p.anchors.country.iso2 },
    attributes: p.attributes.map((a, i) => {
      const rest = a.path.startsWith(`${a.root}.`) ? a.path.slice(a.root.length + 1).split('.') : [a.path];
      const source = sourceOf?.(p, i);
      return { path: [a.root, ...rest], value: a.value, polarity: a.polarity, node: a.nodeId, ...(source ? { source } : {}) };
    }),
    ...(p.summary ? { summary: p.summary } : {}),
  };
}

export type { SetPersona };
