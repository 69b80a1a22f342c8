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
import type { PersonEvidence } from './load-person-evidence.js';
import { type PersonPlan, planPerson } from './person-plan.js';
import { claimsOf } from './person-facts.js';
import { PersonState } from './person-state.js';

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
  /** Speaker-level evidence from the store (cardinality, real value frequencies, bundles); absent in hand-built contexts. */
  evidence?: PersonEvidence;
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
  /** With `person`: the persona's open units, counts, bundles and group draws (person-plan.ts). */
  person?: PersonPlan;
}

export interface PlanOptions {
  /**
   * Condition the persona on being one person (cardinality groups, popularity cap, speaker
   * bundles, pooled draws of single-valued nodes). Off for the baseline reconstructions, which
   * model other methods' samplers.
   */
  person?: boolean;
}

export function planPersona(ctx: GenerateContext, index: number, opts: PlanOptions = {}): PersonaPlan {
  const { catalog, seed, settings } = ctx;
  const anchors = ctx.sampler.sample(seed, index);
  const person = opts.person ? planPerson(ctx, index, anchors) : undefined;
  const selection = selectAttributes(catalog, personaRng(seed, index, 'select'), {
    ...person?.selectOptions,
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
    const grouped = person?.drawGrouped(leaf, attempt);
    if (grouped !== undefined) return grouped && { ...grouped, stratum };
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
    ...(person ? { person } : {}),
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
  // Nothing dropped: the persona's attributes are the ones repair checked last.
  const remaining = unresolved.size === 0 ? repaired.remaining : checkConsistency(persona, lexicon);
  return { persona, remaining, repairs: repaired.log, dropped: unresolved.size };
}

/** Values tried per chosen unit before it is left out: each must fit the person drawn so far. */
export const MAX_VALUE_ATTEMPTS = 8;

/**
 * One persona offline: plan, then a value per chosen unit in order (a real speaker's bundle first),
 * each admitted only when its claims fit the person so far (person-state.ts) and its text is not
 * already held; units with no fitting value are left out; then repair and the narrative.
 */
export function generatePersona(ctx: GenerateContext, index: number): GeneratedPersona {
  const plan = planPersona(ctx, index, { person: true });
  return finishPersona(ctx, plan, draftPerson(plan));
}

export function draftPerson(plan: PersonaPlan): { pick: ChosenUnit; attribute: PersonaAttribute; attempts: number }[] {
  const person = plan.person!;
  const state = new PersonState(plan.anchors, person.facts, person.counts);
  const held = new Set<string>();
  const drafted: { pick: ChosenUnit; attribute: PersonaAttribute; attempts: number }[] = [];
  for (const pick of plan.picks) {
    for (let attempt = 0; attempt < MAX_VALUE_ATTEMPTS; attempt++) {
      const attribute = plan.draw(pick.leaf, pick.stratum, attempt);
      // A stratified first draw may land on a value the persona's age rules out: an uncapped unit tries again.
      if (!attribute) {
        if (attempt === 0 && !person.capped(pick.leaf)) continue;
        break;
      }
      const text = attribute.value.trim().toLowerCase();
      if (attribute.origin !== 'anchor') {
        // A capped unit is not re-drawn: a second draw would favour its other values beyond their share.
        const retry = person.capped(pick.leaf) ? 'break' : 'continue';
        if (held.has(text)) {
          if (retry === 'break') break;
          continue;
        }
        const claims = claimsOf({ scope: person.scopeOf(pick.leaf), label: attribute.label, value: attribute.value, polarity: attribute.polarity }, person.facts);
        if (state.conflict(claims) !== null) {
          if (retry === 'break') break;
          continue;
        }
        state.add(claims);
      }
      held.add(text);
      drafted.push({ pick, attribute, attempts: attempt });
      break;
    }
  }
  return drafted;
}
