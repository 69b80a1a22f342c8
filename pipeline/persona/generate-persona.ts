import type { AnchorSampler } from '../anchors/sample-anchors.js';
import type { SampleConfig } from '../config/schema.js';
import { stableId } from '../core/hash.js';
import { checkConsistency, type Lexicon, loadLexicon, repairPersona, type RepairStep, type Violation } from './consistency.js';
import { fitValue } from '../extractors/value-gate.js';
import { sampleValue } from './corpus-values.js';
import { anchorKindOf } from './anchor-units.js';
import { type Catalog, type Leaf, unitKey } from './leaf-catalog.js';
import { narrate } from './narrative.js';
import { personaRng } from './rng.js';
import { selectAttributes } from './select-attributes.js';
import type { Anchors, Persona, PersonaAttribute } from './types.js';

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
  /** '' normally; the canonical JSON of anchor overrides for a separate set of personas. */
  variant?: string;
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

export const personaIdOf = (seed: number, index: number, taxonomyVersion: number, variant = ''): string =>
  variant ? stableId('persona', seed, index, taxonomyVersion, variant) : stableId('persona', seed, index, taxonomyVersion);

/** A chosen taxonomy unit and the stratum it came from. */
export interface ChosenUnit {
  leaf: Leaf;
  stratum: PersonaAttribute['stratum'];
}

/** What every generation path shares: the anchors, the chosen units and the value drawer. */
export interface PersonaPlan {
  personaId: string;
  index: number;
  anchors: Anchors;
  picks: ChosenUnit[];
  /**
   * A value for one unit: the anchor for a unit that restates one (anchor-units.ts; age in sampleValue), else a corpus value.
   * Each unit's values come from its own stream, so attempt n on a fresh stream differs from
   * attempts 0…n−1 (see sampleValue), which is what repair needs; null when none is left.
   */
  draw(leaf: Leaf, stratum: PersonaAttribute['stratum'], attempt: number): PersonaAttribute | null;
}

export function planPersona(ctx: GenerateContext, index: number): PersonaPlan {
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
  const holders = new Map<string, string>(); // anchor kind → the unit that states it
  const draw = (leaf: Leaf, stratum: PersonaAttribute['stratum'], attempt: number): PersonaAttribute | null => {
    const kind = anchorKindOf(leaf);
    const anchored = kind?.value(anchors);
    if (kind && anchored) {
      const holder = holders.get(kind.kind);
      if (attempt > 0 || (holder !== undefined && holder !== unitKey(leaf))) return null;
      holders.set(kind.kind, unitKey(leaf));
      // The anchor answers the leaf itself, not a facet named after someone else's answer ("Place of Residence › Madrid").
      const path = leaf.nodePath ?? leaf.path;
      return {
        nodeId: leaf.nodeId, facetId: path === leaf.path ? leaf.facetId ?? null : null, path, root: leaf.root, label: path.split('.').at(-1)!,
        value: fitValue(anchored, settings.maxValueChars) ?? anchored, polarity: 'neutral', origin: 'anchor', stratum, valueType: leaf.valueType, llmCallId: null,
      };
    }
    const sampled = sampleValue(leaf, personaRng(seed, index, `values:${unitKey(leaf)}`), anchors, attempt, valueOpts);
    if (!sampled) return null;
    return {
      nodeId: leaf.nodeId, facetId: leaf.facetId ?? null, path: leaf.path, root: leaf.root, label: leaf.label,
      value: sampled.value, polarity: sampled.polarity, origin: sampled.fromAnchor ? 'anchor' : 'corpus', stratum, valueType: leaf.valueType, llmCallId: null,
    };
  };
  return {
    personaId: personaIdOf(seed, index, ctx.taxonomyVersion, ctx.variant),
    index,
    anchors,
    picks: selection.map(({ index: at, stratum }) => ({ leaf: catalog.leaves[at]!, stratum })),
    draw,
  };
}

/**
 * Repairs a drafted persona with the offline rules (each resample is the unit's next corpus
 * value), drops what repair could not clear (an offline persona never ships a contradiction) and
 * writes the offline narrative (the LLM path may replace it).
 */
export function finishPersona(
  ctx: GenerateContext,
  plan: PersonaPlan,
  drafted: readonly { pick: ChosenUnit; attribute: PersonaAttribute; attempts: number }[],
): GeneratedPersona {
  const lexicon = ctx.lexicon ?? loadLexicon();
  const attributes = drafted.map((d) => d.attribute);
  const draft: Persona = { personaId: plan.personaId, seed: ctx.seed, index: plan.index, anchors: plan.anchors, attributes, summary: '' };
  const repaired = repairPersona(
    draft,
    (i, attempt) => plan.draw(drafted[i]!.pick.leaf, drafted[i]!.pick.stratum, drafted[i]!.attempts + attempt + 1),
    5,
    lexicon,
  );
  const unresolved = new Set(repaired.remaining.map((v) => v.attributeIndex));
  const kept = repaired.persona.attributes.filter((_, i) => !unresolved.has(i));
  const persona: Persona = { ...repaired.persona, attributes: kept, summary: '' };
  persona.summary = narrate(persona, ctx.seed);
  return { persona, remaining: checkConsistency(persona, lexicon), repairs: repaired.log, dropped: unresolved.size };
}

/** One persona offline: plan, a corpus value per chosen unit (units with none are left out), repair, narrative. */
export function generatePersona(ctx: GenerateContext, index: number): GeneratedPersona {
  const plan = planPersona(ctx, index);
  const drafted = plan.picks.flatMap((pick) => {
    const attribute = plan.draw(pick.leaf, pick.stratum, 0);
    return attribute ? [{ pick, attribute, attempts: 0 }] : [];
  });
  return finishPersona(ctx, plan, drafted);
}
