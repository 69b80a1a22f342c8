import { describe, expect, it } from 'vitest';
import type { AnchorSampler } from '../../pipeline/anchors/sample-anchors.js';
import { cardinalityOf, distinctValues, emptyEvidence, addUnit } from '../../pipeline/persona/cardinality.js';
import { sampleValue } from '../../pipeline/persona/corpus-values.js';
import { generatePersona, type GenerateContext } from '../../pipeline/persona/generate-persona.js';
import { buildCatalog, type Leaf } from '../../pipeline/persona/leaf-catalog.js';
import type { PersonEvidence } from '../../pipeline/persona/load-person-evidence.js';
import { echoesLabel } from '../../pipeline/persona/narrative.js';
import { claimsOf, loadPersonFacts } from '../../pipeline/persona/person-facts.js';
import { openUnits, personModelOf, PERSONA_BLOCK, POPULARITY_CAP } from '../../pipeline/persona/person-model.js';
import { PersonState } from '../../pipeline/persona/person-state.js';
import { personaLine } from '../../pipeline/persona/persona-output.js';
import { personaRng } from '../../pipeline/persona/rng.js';
import type { Anchors } from '../../pipeline/persona/types.js';

const facts = loadPersonFacts();

/** A unit of node `node` (a facet when `facet` is given), with its values and a centroid of its own. */
function unit(root: string, node: string, facet: string | null, values: [string, number][], at: number, valueType: Leaf['valueType'] = 'categorical'): Leaf {
  const centroid = new Float32Array(8);
  centroid[at % 8] = 1;
  centroid[(at * 3 + 1) % 8] = 0.5;
  const nodePath = `${root}.${node}`;
  return {
    nodeId: `node_${node}`, facetId: `facet_${node}_${facet ?? 'self'}`, nodePath, path: facet ? `${nodePath}.${facet}` : nodePath, root,
    label: facet ?? node.split('.').at(-1)!, centroid, support: 5, valueType,
    values: values.map(([value, count]) => ({ value, polarity: 'neutral' as const, count })),
  };
}

const anchorsOf = (age: number, sex: 'female' | 'male'): Anchors => ({
  country: { iso2: 'GB', iso3: 'GBR', name: 'United Kingdom' }, age, sex, city: { name: 'Leeds', population: 500_000 },
  occupation: { title: 'Registered Nurses', soc: '29-1141' }, mode: 'population',
});
const sampler = (f: (i: number) => Anchors): AnchorSampler => ({ sample: (_s, i) => f(i) } as AnchorSampler);

/** A small catalog: a single-valued religion node with three facets, a countable business node, family roles, hobbies. */
function world(): Leaf[] {
  const leaves: Leaf[] = [];
  let at = 0;
  const add = (root: string, node: string, facet: string | null, values: [string, number][]) => leaves.push(unit(root, node, facet, values, at++));
  add('Core Values', 'Belief.Religion', 'Buddhism', [['devout buddhist', 3]]);
  add('Core Values', 'Belief.Religion', 'Judaism', [['jewish', 3]]);
  add('Core Values', 'Belief.Religion', 'Other', [['agnostic', 2], ['wiccan', 1]]);
  for (const [i, b] of ['bakery', 'startup', 'coffee shop', 'plumbing business', 'blog', 'veterinary clinic'].entries()) {
    add('Career', 'Business Ownership', `B${i}`, [[b, 4]]);
  }
  add('Relationships', 'Family Role', 'Mother', [['single mother', 4], ['mother of three', 2]]);
  add('Relationships', 'Family Role', 'Dad', [['stay at home dad', 4]]);
  add('Relationships', 'Child', 'Son', [['4 year old son', 2], ['25 year old son', 2]]);
  for (let h = 0; h < 30; h++) add('Hobbies', 'Hobby', `H${h}`, [[`hobby number ${h} outdoors`, 1 + (h % 3)]]);
  return leaves;
}

function context(leaves: Leaf[], anchors: (i: number) => Anchors, evidence?: PersonEvidence): GenerateContext {
  return {
    catalog: buildCatalog(leaves, []), sampler: sampler(anchors), seed: 7, taxonomyVersion: 1, duplicateThreshold: 0.999,
    settings: { k: 30, minPerRoot: 1, strata: [5, 3, 2], supportExponent: 0.5, cooccurBoost: 1, maxValueChars: 50 },
    ...(evidence ? { evidence } : {}),
  };
}

describe('cardinality', () => {
  it('counts values a speaker says more or less fully as one', () => {
    expect(distinctValues(['kid', 'kids', 'my kids'])).toBe(1);
    expect(distinctValues(['vegan', 'strict vegan'])).toBe(1);
    expect(distinctValues(['hiking', 'salsa dancing'])).toBe(2);
  });
  it('mines multi-valued nodes from speakers and lets the lexicon prior decide single-valued ones', () => {
    const hobby = emptyEvidence('n');
    for (let u = 0; u < 10; u++) addUnit(hobby, ['hiking', 'chess'], 2);
    expect(cardinalityOf('Pastime', hobby)).toMatchObject({ single: false, source: 'data' });
    const steady = emptyEvidence('n');
    for (let u = 0; u < 10; u++) addUnit(steady, ['teacher', 'a teacher'], 2);
    expect(cardinalityOf('Pastime', steady).single).toBe(true); // repeated, never two different values
    expect(cardinalityOf('Religion', undefined)).toMatchObject({ single: true, source: 'lexicon' });
    expect(cardinalityOf('Current Occupation', undefined).single).toBe(true);
    expect(cardinalityOf('Hobby', steady).single).toBe(false); // the multi prior outweighs ten repeats
    expect(hobby.perUnit[2]).toBe(10);
  });
});

describe('person facts and state', () => {
  const claims = (scope: string, value: string, label = scope.split('.').at(-1)!, polarity: 'positive' | 'neutral' | 'negative' = 'neutral') =>
    claimsOf({ scope, label, value, polarity }, facts);
  it("matches gendered roles to the persona's sex, and not someone else's", () => {
    const male = new PersonState({ age: 40, sex: 'male' }, facts);
    expect(male.conflict(claims('Family Role', 'single mother'))).toMatch(/female role/);
    expect(male.conflict(claims('Family Role', 'stay at home dad'))).toBeNull();
    expect(claims('Ancestor.Parent', 'single mother')).toEqual([]); // the persona's mother, not the persona
  });
  it('keeps one relationship status, one religion and a diet that agrees with liked foods', () => {
    const s = new PersonState({ age: 40, sex: 'female' }, facts);
    s.add(claims('Marital Status', 'married'));
    expect(s.conflict(claims('Relative.Partner', 'boyfriend'))).toMatch(/dating while married|male partner|partner/);
    expect(s.conflict(claims('Family Role', 'single mother'))).toMatch(/single while married/);
    s.add(claims('Belief.Religion', 'jewish'));
    expect(s.conflict(claims('Belief.Religion', 'devout buddhist'))).toMatch(/buddhist and jewish/);
    s.add(claims('Fare.Diet', 'strict vegan'));
    expect(s.conflict(claims('Food.Food Preference', 'chicken fried steak', undefined, 'positive'))).toMatch(/likes meat but vegan/);
    expect(s.conflict(claims('Food.Food Preference', 'chicken fried steak', undefined, 'negative'))).toBeNull(); // a dislike
    expect(s.conflict(claims('Food.Food Preference', 'vegan burger', undefined, 'positive'))).toBeNull();
  });
  it('agrees counts with items, and bounds countable things', () => {
    const s = new PersonState({ age: 40, sex: 'female' }, facts, new Map([['children', 2], ['businesses', 1]]));
    s.add(claims('Child', 'three kids'));
    expect(s.conflict(claims('Family Role', 'single mother with four kids'))).toMatch(/4 children but 3/);
    const b = new PersonState({ age: 40, sex: 'male' }, facts, new Map([['businesses', 1]]));
    b.add(claims('Business Ownership', 'bakery'));
    expect(b.conflict(claims('Business Ownership', 'startup'))).toMatch(/more businesses than 1/);
  });
  it("conditions children's ages, birth years and life stages on the persona's age", () => {
    expect(new PersonState({ age: 72, sex: 'male' }, facts).conflict(claims('Child.Daughter', '4 year old son'))).toMatch(/4-year-old child at 72/);
    expect(new PersonState({ age: 34, sex: 'male' }, facts).conflict(claims('Child.Daughter', '4 year old son'))).toBeNull();
    expect(new PersonState({ age: 33, sex: 'male' }, facts).conflict(claims('Child', '33', 'Age'))).toMatch(/33-year-old child/);
    expect(new PersonState({ age: 54, sex: 'male' }, facts).conflict(claims('Birth Year', '2001'))).toMatch(/born 2001/);
    expect(new PersonState({ age: 24, sex: 'male' }, facts).conflict(claims('Birth Year', '2001'))).toBeNull();
    expect(new PersonState({ age: 30, sex: 'male' }, facts).conflict(claims('Employment Status', 'retired'))).toMatch(/retired at 30/);
    expect(new PersonState({ age: 45, sex: 'male' }, facts).conflict(claims('Education Level', 'high school student'))).toMatch(/high school at 45/);
  });
  it("gives a child's Age leaf corpus ages, not the persona's own", () => {
    const leaf = unit('Relationships', 'Child', 'Age', [['7', 3], ['12', 2]], 0, 'numeric');
    expect(['7', '12']).toContain(sampleValue(leaf, personaRng(1, 0), { age: 40 })!.value);
  });
  it('leaves label echoes out of the summary', () => {
    expect(echoesLabel({ label: 'Kid', value: 'kids' })).toBe(true);
    expect(echoesLabel({ label: 'Kid', value: 'kids who love lego' })).toBe(false);
  });
});

describe('generated personas', () => {
  const ages = [72, 20, 45, 33, 58, 29];
  const ctx = context(world(), (i) => anchorsOf(ages[i % ages.length]!, i % 2 ? 'male' : 'female'));
  const personas = Array.from({ length: 40 }, (_, i) => generatePersona(ctx, i).persona);
  it('hold at most one value of a single-valued node, under the node itself', () => {
    for (const p of personas) {
      const religion = p.attributes.filter((a) => a.nodeId === 'node_Belief.Religion');
      expect(religion.length).toBeLessThanOrEqual(1);
      for (const a of religion) expect(a.path).toBe('Core Values.Belief.Religion');
    }
    expect(personas.some((p) => p.attributes.some((a) => a.nodeId === 'node_Belief.Religion'))).toBe(true);
  });
  it('own at most the lexicon maximum of businesses, and only gendered roles and child ages that fit', () => {
    for (const p of personas) {
      expect(p.attributes.filter((a) => a.nodeId === 'node_Business Ownership').length).toBeLessThanOrEqual(facts.countables.businesses!.max);
      const roles = p.attributes.filter((a) => a.nodeId === 'node_Family Role').map((a) => a.value);
      if (p.anchors.sex === 'male') expect(roles.filter((r) => /mother/.test(r))).toEqual([]);
      else expect(roles.filter((r) => /dad/.test(r))).toEqual([]);
      for (const a of p.attributes.filter((x) => x.value === '4 year old son' || x.value === '25 year old son')) {
        const child = Number(a.value.split(' ')[0]);
        expect(p.anchors.age - child).toBeGreaterThanOrEqual(facts.parentAge.min);
      }
    }
  });
  it('are deterministic and independent of the range they are generated in', () => {
    const again = context(world(), (i) => anchorsOf(ages[i % ages.length]!, i % 2 ? 'male' : 'female'));
    expect(personaLine(generatePersona(again, 17).persona)).toBe(personaLine(personas[17]!));
    expect(personaLine(generatePersona(ctx, 3).persona)).toBe(personaLine(personas[3]!));
  });
});

describe('popularity cap', () => {
  it('opens a unit to at most its capped share of every block of personas', () => {
    // One value stated by 1 speaker in 1,000: it may reach the cap, not more.
    const leaves = world();
    const evidence: PersonEvidence = { nodes: [], totalUnits: 1000, valueUnits: new Map(), bundles: [] };
    const ctx = context(leaves, () => anchorsOf(40, 'female'), evidence);
    const model = personModelOf(ctx.catalog, evidence, { maxChars: 50 });
    const hobby = leaves.findIndex((l) => l.facetId === 'facet_Hobby_H0');
    expect(model.openness[hobby]).toBeLessThanOrEqual(POPULARITY_CAP);
    let open = 0;
    for (let i = 0; i < PERSONA_BLOCK; i++) open += openUnits(model, 7, i).open[hobby]!;
    expect(open).toBeLessThanOrEqual(Math.ceil(model.openness[hobby]! * PERSONA_BLOCK));
    // A value that a large share of real speakers state is allowed that share.
    const common: PersonEvidence = { ...evidence, valueUnits: new Map([['facet_Hobby_H0', new Map([['hobby number 0 outdoors', 600]])]]) };
    expect(personModelOf(buildCatalog(leaves, []), common, { maxChars: 50 }).openness[hobby]).toBeGreaterThan(0.5);
  });
  it('keeps every corpus value of generated personas within the cap', () => {
    const leaves = world();
    const ctx = context(leaves, (i) => anchorsOf(30 + (i % 40), i % 2 ? 'male' : 'female'), { nodes: [], totalUnits: 1000, valueUnits: new Map(), bundles: [] });
    const counts = new Map<string, number>();
    for (let i = 0; i < PERSONA_BLOCK; i++) {
      for (const a of new Set(generatePersona(ctx, i).persona.attributes.filter((x) => x.origin === 'corpus').map((x) => x.value))) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    expect([...counts].filter(([, n]) => n / PERSONA_BLOCK > POPULARITY_CAP)).toEqual([]);
  });
});
