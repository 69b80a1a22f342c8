import { createAnchorSampler } from '../anchors/sample-anchors.js';
import { createUnweightedSampler } from './personahub-anchors.js';
import { planPersona, type GenerateContext } from '../persona/generate-persona.js';
import { buildCatalog, type Catalog, unitKey } from '../persona/leaf-catalog.js';
import { narrate } from '../persona/narrative.js';
import type { Persona, PersonaAttribute } from '../persona/types.js';

/**
 * Our reconstructions of two other methods, drawn by our code from our taxonomy and seed (so they
 * are labelled reconstructions in eval.json; the released sets sit beside them when present):
 * - `personahub`: a PersonaHub-style one-line persona ("A 41-year-old nurse from Lagos who likes
 *   jazz and hiking"): anchors not weighted by any population (PersonaHub has none:
 *   personahub-anchors.ts) plus three corpus attributes, one sentence.
 * - `paper-code`: the DeepPersona authors' released sampler as it behaves (their README and code):
 *   uniform anchors (one fixed country, ages 7–85), only 6 of the 12 roots, 4:4:2 near/middle/far
 *   strata, about 160 values, no consistency check. Seeded here (theirs is not) so it is comparable.
 */

export type BaselineName = 'personahub' | 'paper-code';
export const BASELINES: readonly BaselineName[] = ['personahub', 'paper-code'];

/** The six roots the released code fills. */
/** One line per reconstruction, for eval.json's list of sets. */
export const BASELINE_LABELS: Record<BaselineName, string> = {
  personahub: 'reconstruction of PersonaHub by our code: unweighted anchors, 3 corpus attributes, one sentence',
  'paper-code': "reconstruction of the DeepPersona authors' released sampler by our code: uniform anchors (one country, ages 7-85), 6 roots, about 160 values, no consistency check",
};

export const PAPER_CODE_ROOTS = [
  'Demographic Information', 'Career and Work Identity', 'Core Values, Beliefs, and Philosophy',
  'Lifestyle and Daily Routine', 'Cultural and Social Context', 'Hobbies, Interests, and Lifestyle',
];
const PAPER_CODE_K = 160;

/** `ages`: the configured persona age range (sample.minAge/maxAge), which PersonaHub's unweighted ages span. */
export function baselinePersonas(name: BaselineName, ctx: GenerateContext, count: number, ages = { minAge: 18, maxAge: 90 }): Persona[] {
  return name === 'personahub' ? personaHub(ctx, count, ages) : paperCode(ctx, count);
}

/** First draws only, no repair: neither baseline checks consistency. */
function draft(ctx: GenerateContext, index: number): Persona {
  const plan = planPersona(ctx, index);
  const attributes = plan.picks.flatMap((p) => plan.draw(p.leaf, p.stratum, 0) ?? []);
  return { personaId: plan.personaId, seed: ctx.seed, index, anchors: plan.anchors, attributes, summary: '' };
}

function personaHub(ctx: GenerateContext, count: number, ages: { minAge: number; maxAge: number }): Persona[] {
  const sampler = createUnweightedSampler(ages.minAge, ages.maxAge);
  const one = { ...ctx, sampler, variant: 'baseline:personahub', settings: { ...ctx.settings, k: 3, minPerRoot: 0 } };
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
