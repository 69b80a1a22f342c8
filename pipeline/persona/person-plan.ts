import { fitValue } from '../extractors/value-gate.js';
import { sampleValue } from './corpus-values.js';
import type { GenerateContext } from './generate-persona.js';
import { type Leaf, unitKey } from './leaf-catalog.js';
import { drawCounts, openUnits, pickBundles, type PersonModel, personModelOf } from './person-model.js';
import type { PersonFacts } from './person-facts.js';
import { personaRng, type RandomGenerator, weightedIndex } from './rng.js';
import type { SelectOptions } from './select-attributes.js';
import type { Anchors, PersonaAttribute } from './types.js';

/**
 * One persona's person-level plan, from (seed, index) alone: which units are open to it (the
 * popularity cap), its count of each countable thing, the real speakers' bundles it starts from,
 * and the draw of a single-valued node as one attribute whose value comes from any open facet of
 * the node (the facets are alternatives, so the attribute is the node's, not the facet's).
 */

export interface PersonPlan {
  facts: PersonFacts;
  model: PersonModel;
  counts: Map<string, number>;
  selectOptions: Pick<SelectOptions, 'exclude' | 'groups' | 'seeds'>;
  /** Is the unit opened below 1 by the popularity cap (its values are near the cap)? */
  capped(leaf: Leaf): boolean;
  /** The taxonomy node's path below the root: what a value's claims are scoped by. */
  scopeOf(leaf: Leaf): string;
  /**
   * The value for a unit of a single-valued node (from any open member) or a bundle's stated value
   * on the first attempt; null when nothing is left; undefined when the plain draw applies.
   */
  drawGrouped(leaf: Leaf, attempt: number): PersonaAttribute | null | undefined;
}

export function planPerson(ctx: GenerateContext, index: number, anchors: Anchors): PersonPlan {
  const { catalog, seed, settings } = ctx;
  const model = personModelOf(catalog, ctx.evidence, { maxChars: settings.maxValueChars });
  const rng = (stream: string): RandomGenerator => personaRng(seed, index, `person:${stream}`);
  const { open, firstUniform } = openUnits(model, seed, index);
  const { caps, counts } = drawCounts(model, rng('counts'));
  const bundle = pickBundles(model, rng('bundles'), open);
  const preferred = new Map(bundle.map((e) => [e.unit, e]));
  const exclude = new Set<number>();
  open.forEach((o, i) => (!o || !model.drawable[i]) && exclude.add(i));
  const unitOf = unitIndex(ctx);
  const scopeOf = (leaf: Leaf) => (leaf.nodePath ?? leaf.path).split('.').filter((s, i) => i > 0 || s !== leaf.root).join('.');

  const first = (unit: number) => (Number.isNaN(firstUniform[unit]!) ? {} : { firstUniform: firstUniform[unit]! });
  const drawGrouped = (leaf: Leaf, attempt: number): PersonaAttribute | null | undefined => {
    const unit = unitOf.get(unitKey(leaf));
    if (unit === undefined) return undefined;
    const g = model.groupOf[unit]!;
    const group = g >= 0 && model.groups[g]!.cardinality.single ? model.groups[g]! : undefined;
    const stated = preferred.get(unit);
    if (stated && attempt === 0) {
      const value = fitValue(stated.value, settings.maxValueChars);
      if (value) return attributeOf(leaf, group ? nodeLabelled(leaf) : leaf, value, stated.polarity);
    }
    if (!group) return plain(leaf, stated ? attempt - 1 : attempt);
    // One attribute for the node: a member ∝ its support among the open ones, then its value.
    const members = group.members.filter((m) => open[m] && model.drawable[m]);
    if (members.length === 0) return null;
    const pickRng = rng(`group:${group.nodeId}:${attempt}`);
    const member = catalog.leaves[members[weightedIndex(pickRng, members.map((m) => Math.max(1, catalog.leaves[m]!.support)))]!]!;
    const at = unitOf.get(unitKey(member))!;
    const sampled = sampleValue(member, personaRng(seed, index, `values:${unitKey(member)}`), anchors, attempt, { maxChars: settings.maxValueChars, ...first(at) });
    if (sampled) return { ...attributeOf(member, nodeLabelled(member), sampled.value, sampled.polarity), ...(sampled.fromAnchor ? { origin: 'anchor' as const } : {}) };
    return attempt < members.length ? drawGrouped(leaf, attempt + 1) : null;
  };
  const plain = (leaf: Leaf, attempt: number): PersonaAttribute | null => {
    const sampled = sampleValue(leaf, personaRng(seed, index, `values:${unitKey(leaf)}`), anchors, Math.max(0, attempt), { maxChars: settings.maxValueChars, ...first(unitOf.get(unitKey(leaf))!) });
    return sampled ? { ...attributeOf(leaf, leaf, sampled.value, sampled.polarity), ...(sampled.fromAnchor ? { origin: 'anchor' as const } : {}) } : null;
  };

  return {
    facts: model.facts,
    model,
    counts,
    selectOptions: {
      exclude,
      groups: { of: model.groupOf, members: model.groups.map((g) => g.members), cap: caps },
      seeds: bundle.map((e) => e.unit),
    },
    scopeOf,
    drawGrouped,
    capped: (leaf) => (model.openness[unitOf.get(unitKey(leaf)) ?? -1] ?? 1) < 1,
  };
}

/** The node's own path and label for a value drawn for the whole node. */
const nodeLabelled = (leaf: Leaf): Pick<Leaf, 'path' | 'label'> => {
  const path = leaf.nodePath ?? leaf.path;
  return { path, label: path.split('.').at(-1)! };
};

function attributeOf(source: Leaf, shown: Pick<Leaf, 'path' | 'label'>, value: string, polarity: PersonaAttribute['polarity']): PersonaAttribute {
  return {
    nodeId: source.nodeId, facetId: source.facetId ?? null, path: shown.path, root: source.root, label: shown.label,
    value, polarity, origin: 'corpus', stratum: 'near', valueType: source.valueType, llmCallId: null,
  };
}

const indexCache = new WeakMap<object, Map<string, number>>();
function unitIndex(ctx: GenerateContext): Map<string, number> {
  let m = indexCache.get(ctx.catalog);
  if (!m) indexCache.set(ctx.catalog, (m = new Map(ctx.catalog.leaves.map((l, i) => [unitKey(l), i]))));
  return m;
}
