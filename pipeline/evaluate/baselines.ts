import { createAnchorSampler } from '../anchors/sample-anchors.js';
import { planPersona, type GenerateContext } from '../persona/generate-persona.js';
import { buildCatalog, type Catalog, unitKey } from '../persona/leaf-catalog.js';
import { narrate } from '../persona/narrative.js';
import type { Persona, PersonaAttribute } from '../persona/types.js';

/**
 * Baselines generated from the same taxonomy and seed as our personas, so every metric has a
 * comparison beside it:
 * - `personahub`: a PersonaHub-style one-line persona ("A 41-year-old nurse from Lagos who likes
 *   jazz and hiking"): population anchors plus three corpus attributes, one sentence.
 * - `paper-code`: the DeepPersona authors' released sampler as it behaves (their README and code):
 *   uniform anchors (one fixed country, ages 7–85), only 6 of the 12 roots, 4:4:2 near/middle/far
 *   strata, about 160 values, no consistency check. Seeded here (theirs is not) so it is comparable.
 */

export type BaselineName = 'personahub' | 'paper-code';
export const BASELINES: readonly BaselineName[] = ['personahub', 'paper-code'];

/** The six roots the released code fills. */
export const PAPER_CODE_ROOTS = [
  'Demographic Information', 'Career and Work Identity', 'Core Values, Beliefs, and Philosophy',
  'Lifestyle and Daily Routine', 'Cultural and Social Context', 'Hobbies, Interests, and Lifestyle',
];
const PAPER_CODE_K = 160;

export function baselinePersonas(name: BaselineName, ctx: GenerateContext, count: number): Persona[] {
  return name === 'personahub' ? personaHub(ctx, count) : paperCode(ctx, count);
}

/** First draws only, no repair: neither baseline checks consistency. */
function draft(ctx: GenerateContext, index: number): Persona {
  const plan = planPersona(ctx, index);
  const attributes = plan.picks.flatMap((p) => plan.draw(p.leaf, p.stratum, 0) ?? []);
  return { personaId: plan.personaId, seed: ctx.seed, index, anchors: plan.anchors, attributes, summary: '' };
}

function personaHub(ctx: GenerateContext, count: number): Persona[] {
  const one = { ...ctx, variant: 'baseline:personahub', settings: { ...ctx.settings, k: 3, minPerRoot: 0 } };
  return Array.from({ length: count }, (_, i) => {
    const p = draft(one, i);
    p.summary = oneLine(p);
    return p;
  });
}

function oneLine(p: Persona): string {
  const a = p.anchors;
  const who = a.occupation ? a.occupation.title.toLowerCase() : a.sex === 'female' ? 'woman' : 'man';
  const likes = p.attributes.filter((x: PersonaAttribute) => x.origin === 'corpus' && x.polarity !== 'negative').map((x) => x.value);
  const tail = likes.length ? ` who is into ${likes.slice(0, 2).join(' and ')}` : '';
  return `A ${a.age}-year-old ${who} from ${a.city.name}, ${a.country.name}${tail}.`;
}

function paperCode(ctx: GenerateContext, count: number): Persona[] {
  const catalog = restrictRoots(ctx.catalog, PAPER_CODE_ROOTS);
  const paper: GenerateContext = {
    ...ctx,
    catalog,
    variant: 'baseline:paper-code',
    sampler: createAnchorSampler({ mode: 'uniform' }),
    settings: { ...ctx.settings, k: PAPER_CODE_K, strata: [4, 4, 2] },
  };
  return Array.from({ length: count }, (_, i) => {
    const p = draft(paper, i);
    p.summary = narrate(p, ctx.seed);
    return p;
  });
}

/** The catalog's units under `roots`, with their co-occurrence counts. */
function restrictRoots(catalog: Catalog, roots: readonly string[]): Catalog {
  const keep = catalog.leaves.map((l, i) => [l, i] as const).filter(([l]) => roots.includes(l.root));
  const kept = new Set(keep.map(([, i]) => i));
  const pairs = keep.flatMap(([l, i]) =>
    catalog.partners(i).filter((p) => p.index > i && kept.has(p.index)).map((p) => ({ a: unitKey(l), b: unitKey(catalog.leaves[p.index]!), count: p.count })),
  );
  return buildCatalog(keep.map(([l]) => l), pairs);
}
