import type { AnchorSampler } from '../anchors/sample-anchors.js';
import type { SampleConfig } from '../config/schema.js';
import { stableId } from '../core/hash.js';
import { checkConsistency, type Lexicon, loadLexicon, repairPersona, type RepairStep, type Violation } from './consistency.js';
import { sampleValue } from './corpus-values.js';
import { type Catalog, type Leaf, unitKey } from './leaf-catalog.js';
import { narrate } from './narrative.js';
import { personaRng } from './rng.js';
import { selectAttributes } from './select-attributes.js';
import type { Persona, PersonaAttribute } from './types.js';

/**
 * One persona from (run seed, index) alone: anchors, then taxonomy-guided attribute selection,
 * then a corpus value per chosen leaf, then offline consistency repair and a narrative summary.
 * Every random draw comes from a stream keyed by (seed, index), so persona i is the same whether
 * it is generated in a run of 10 or of 10,000, or in a later run that continues the indices.
 */

export interface GenerateContext {
  catalog: Catalog;
  sampler: AnchorSampler;
  seed: number;
  taxonomyVersion: number;
  settings: Pick<SampleConfig, 'k' | 'minPerRoot' | 'strata' | 'supportExponent' | 'cooccurBoost' | 'maxValueChars'>;
  /** The embedder's `duplicate` cosine: no two chosen leaves above it. */
  duplicateThreshold: number;
  lexicon?: Lexicon;
}

export interface GeneratedPersona {
  persona: Persona;
  /** Violations the repair rounds could not clear. */
  remaining: Violation[];
  repairs: RepairStep[];
  /** Attributes dropped because repair rounds could not make them consistent. */
  dropped: number;
}

const OCCUPATION_LEAF = /^(?:occupation|job|job title|profession)$/i;

export const personaIdOf = (seed: number, index: number, taxonomyVersion: number): string =>
  stableId('persona', seed, index, taxonomyVersion);

export function generatePersona(ctx: GenerateContext, index: number): GeneratedPersona {
  const { catalog, seed, settings } = ctx;
  const anchors = ctx.sampler.sample(seed, index);
  const selection = selectAttributes(catalog, personaRng(seed, index, 'select'), {
    k: settings.k,
    minPerRoot: settings.minPerRoot,
    strata: settings.strata,
    supportExponent: settings.supportExponent,
    cooccurBoost: settings.cooccurBoost,
    duplicateThreshold: ctx.duplicateThreshold,
  });
  const valueOpts = { maxChars: settings.maxValueChars };
  // Each leaf's values come from its own stream: attempt n on a fresh rng of that stream gives a
  // value distinct from attempts 0…n−1 (see sampleValue), which is what repair needs.
  let occupationHolder: string | undefined;
  const draw = (leaf: Leaf, stratum: PersonaAttribute['stratum'], attempt: number): PersonaAttribute | null => {
    // The persona's own job is an anchor: a corpus occupation would contradict it.
    // A split occupation leaf has many facets ("Engineer", "Nurse"): the anchor fills the first one chosen, the rest are left out.
    if (anchors.occupation && leaf.path.split('.').some((part) => OCCUPATION_LEAF.test(part))) {
      if (attempt > 0 || (occupationHolder !== undefined && occupationHolder !== unitKey(leaf))) return null;
      occupationHolder = unitKey(leaf);
      const value = anchors.occupation.title.toLowerCase().slice(0, settings.maxValueChars);
      return { nodeId: leaf.nodeId, facetId: leaf.facetId ?? null, path: leaf.path, root: leaf.root, label: leaf.label, value, polarity: 'neutral', origin: 'anchor', stratum, valueType: leaf.valueType, llmCallId: null };
    }
    const sampled = sampleValue(leaf, personaRng(seed, index, `values:${unitKey(leaf)}`), anchors, attempt, valueOpts);
    if (!sampled) return null;
    return {
      nodeId: leaf.nodeId, facetId: leaf.facetId ?? null, path: leaf.path, root: leaf.root, label: leaf.label,
      value: sampled.value, polarity: sampled.polarity, origin: sampled.fromAnchor ? 'anchor' : 'corpus', stratum, valueType: leaf.valueType, llmCallId: null,
    };
  };
  const leaves: Leaf[] = [];
  const attributes: PersonaAttribute[] = [];
  for (const { index: at, stratum } of selection) {
    const leaf = catalog.leaves[at]!;
    const attribute = draw(leaf, stratum, 0);
    if (!attribute) continue; // a leaf with no (plausible) value is left out
    leaves.push(leaf);
    attributes.push(attribute);
  }
  const draft: Persona = { personaId: personaIdOf(seed, index, ctx.taxonomyVersion), seed, index, anchors, attributes, summary: '' };
  // Repair attempt n (0 first) is the leaf's (n + 1)-th distinct value: the first draw was attempt 0.
  const repaired = repairPersona(
    draft,
    (i, attempt) => draw(leaves[i]!, attributes[i]!.stratum, attempt + 1),
    5,
    ctx.lexicon ?? loadLexicon(),
  );
  // What repair could not clear is dropped (and reported): an offline persona never ships a contradiction.
  const unresolved = new Set(repaired.remaining.map((v) => v.attributeIndex));
  const kept = repaired.persona.attributes.filter((_, i) => !unresolved.has(i));
  const persona = { ...repaired.persona, attributes: kept, summary: '' };
  persona.summary = narrate(persona, seed);
  const remaining = checkConsistency(persona, ctx.lexicon ?? loadLexicon());
  return { persona, remaining, repairs: repaired.log, dropped: unresolved.size };
}
