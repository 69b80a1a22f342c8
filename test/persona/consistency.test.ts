import { describe, expect, it } from 'vitest';
import { checkConsistency, loadLexicon, repairPersona } from '../../pipeline/persona/consistency.js';
import { extractYears, wordsToNumber } from '../../pipeline/persona/consistency-match.js';
import type { Anchors, Persona, PersonaAttribute } from '../../pipeline/persona/types.js';

type Extra = Partial<Pick<PersonaAttribute, 'polarity' | 'stratum' | 'origin' | 'valueType'>>;
const attr = (path: string, value: string, extra: Extra = {}): PersonaAttribute => {
  const parts = path.split('.');
  return { nodeId: `n_${path}`, path, root: parts[0]!, label: parts.at(-1)!, value, polarity: 'neutral', origin: 'corpus', stratum: 'middle', valueType: 'categorical', llmCallId: null, ...extra };
};
const NURSE = { title: 'Registered Nurses', soc: '29-1141' };
const persona = (anchors: Partial<Anchors>, attributes: PersonaAttribute[]): Persona => ({
  personaId: 'p_test', seed: 7, index: 0, summary: '', attributes,
  anchors: { country: { iso2: 'FR', iso3: 'FRA', name: 'France' }, age: 35, sex: 'female', city: { name: 'Lyon', population: 516_000 }, occupation: NURSE, mode: 'population', ...anchors },
});
/** A harmless first attribute, so the offending one is never trivially index 0. */
const HOBBY = attr('Hobbies, Interests, and Lifestyle.Reading.Genre', 'mystery novels', { polarity: 'positive' });
const STATUS = 'Career and Work Identity.Employment.Status';
const JOB = 'Career and Work Identity.Occupation.Job Title';
const hits = (p: Persona, rule: string) => checkConsistency(p).filter((v) => v.rule === rule).map((v) => v.attributeIndex);

interface Case { rule: string; anchors: Partial<Anchors>; bad: PersonaAttribute; fixed: string }
const CASES: Case[] = [
  { rule: 'retired-too-young', anchors: { age: 38, occupation: null }, bad: attr(STATUS, 'retired'), fixed: 'between contracts, looking around' },
  { rule: 'full-time-too-old', anchors: { age: 92, occupation: null }, bad: attr('Career and Work Identity.Work Schedule.Hours', 'works full time at a bank'), fixed: 'gardens most mornings' },
  { rule: 'grandchildren-too-young', anchors: { age: 28 }, bad: attr('Relationships and Social Networks.Family.Grandchildren', 'has three grandchildren'), fixed: 'close to her cousins' },
  { rule: 'children-too-young', anchors: { age: 12, occupation: null }, bad: attr('Relationships and Social Networks.Family.Children', 'my son plays soccer'), fixed: 'has a younger brother' },
  { rule: 'graduated-too-young', anchors: { age: 18, occupation: null }, bad: attr('Education and Learning.Degree.Level', 'graduated from university in economics'), fixed: 'finishing secondary school' },
  { rule: 'graduated-too-young', anchors: { age: 22, occupation: null }, bad: attr('Education and Learning.Degree.Level', 'PhD in chemistry'), fixed: 'working on a PhD in chemistry' },
  { rule: 'experience-exceeds-age', anchors: { age: 30 }, bad: attr('Career and Work Identity.Experience.Years of Experience', 'over 20 years'), fixed: '5 years' },
  { rule: 'experience-exceeds-age', anchors: { age: 40 }, bad: attr('Career and Work Identity.Experience.Years of Experience', 'thirty-four', { valueType: 'numeric' }), fixed: 'twelve' },
  { rule: 'experience-exceeds-age', anchors: { age: 35 }, bad: attr('Career and Work Identity.History.Background', 'has worked in hospitals for 25 years'), fixed: 'has worked in hospitals for 10 years' },
  { rule: 'married-too-young', anchors: { age: 14, occupation: null }, bad: attr('Relationships and Social Networks.Marital Status.Status', 'married'), fixed: 'not dating anyone' },
  { rule: 'minor-with-job', anchors: { age: 15, occupation: null }, bad: attr('Career and Work Identity.Occupation', 'accountant'), fixed: 'high school student' },
  { rule: 'minor-drinking', anchors: { age: 19, country: { iso2: 'US', iso3: 'USA', name: 'United States' } }, bad: attr('Lifestyle and Daily Routine.Drinking.Alcohol Consumption', 'drinks beer with friends'), fixed: 'drinks lemonade' },
  { rule: 'minor-drinking', anchors: { age: 16, occupation: null }, bad: attr('Lifestyle and Daily Routine.Drinking.Alcohol Consumption', 'red wine at dinner'), fixed: 'sparkling water at dinner' },
  { rule: 'minor-driving', anchors: { age: 16, occupation: null, country: { iso2: 'GB', iso3: 'GBR', name: 'United Kingdom' } }, bad: attr('Lifestyle and Daily Routine.Commute.Mode', 'drives a car to school'), fixed: 'takes the bus to school' },
  { rule: 'occupation-mismatch', anchors: { age: 35 }, bad: attr(JOB, 'software engineer'), fixed: 'ICU nurse' },
  { rule: 'lexicon-contradiction', anchors: { age: 35 }, bad: attr(STATUS, 'unemployed'), fixed: 'employed full time' },
];

describe('checkConsistency: one fixture per rule', () => {
  it.each(CASES)('$rule: "$bad.value" is detected at its index and repaired', ({ rule, anchors, bad, fixed }) => {
    const p = persona(anchors, [HOBBY, bad]);
    expect(hits(p, rule)).toEqual([1]);
    const result = repairPersona(p, (i, attempt) => ({ ...p.attributes[i]!, value: attempt === 0 ? fixed : 'unused' }));
    expect(result.remaining).toEqual([]);
    expect(result.log).toEqual([expect.objectContaining({ attributeIndex: 1, from: bad.value, to: fixed })]);
    expect(result.persona.attributes[1]!.value).toBe(fixed);
  });

  const PAIRS: [string, string, string, string][] = [
    ['Lifestyle and Daily Routine.Diet.Type', 'vegan', 'Hobbies, Interests, and Lifestyle.Food.Favorite Dish', 'loves steak'],
    ['Lifestyle and Daily Routine.Diet.Type', 'vegetarian', 'Lifestyle and Daily Routine.Meals.Weekend', 'BBQ ribs with friends'],
    ['Lifestyle and Daily Routine.Smoking.Status', 'non-smoker', 'Physical and Health Characteristics.Habits.Tobacco', 'smokes cigarettes after work'],
    ['Lifestyle and Daily Routine.Drinking.Alcohol Consumption', 'teetotal', 'Lifestyle and Daily Routine.Beverages.Evening', 'drinks wine on weekends'],
    ['Lifestyle and Daily Routine.Pets.Ownership', 'no pets', 'Lifestyle and Daily Routine.Home.Companions', 'has a dog named Max'],
    [STATUS, 'retired', 'Career and Work Identity.Work Schedule.Hours', 'works full time'],
    ['Relationships and Social Networks.Marital Status.Status', 'single', 'Relationships and Social Networks.Partner.Spouse', 'my husband is a chef'],
    ['Relationships and Social Networks.Marital Status.Status', 'never married', 'Relationships and Social Networks.Marriage.History', 'divorced twice'],
    ['Relationships and Social Networks.Family.Children', 'no kids', 'Relationships and Social Networks.Family.Parenting', 'two kids in primary school'],
    ['Core Values, Beliefs, and Philosophy.Religion.Practice', 'atheist', 'Core Values, Beliefs, and Philosophy.Faith.Routine', 'goes to church every Sunday'],
  ];
  it.each(PAIRS)('lexicon: "%s: %s" vs "%s: %s" flags the later attribute', (p1, v1, p2, v2) => {
    const p = persona({ age: 60, occupation: null }, [HOBBY, attr(p1, v1), attr(p2, v2)]);
    expect(hits(p, 'lexicon-contradiction')).toEqual([2]);
    const fixed = repairPersona(p, () => null);
    expect(fixed.remaining).toEqual([]);
    expect(fixed.persona.attributes).toHaveLength(2);
    expect(fixed.log).toEqual([{ rule: 'lexicon-contradiction', attributeIndex: 2, from: v2, to: null }]);
  });

  it('lexicon: the farther-stratum attribute is resampled, and an anchor-stratum one never is', () => {
    const diet = attr('Lifestyle and Daily Routine.Diet.Type', 'vegan', { stratum: 'far' });
    const steak = attr('Hobbies, Interests, and Lifestyle.Food.Favorite Dish', 'steak', { stratum: 'near' });
    expect(hits(persona({}, [diet, steak]), 'lexicon-contradiction')).toEqual([0]);
    expect(hits(persona({}, [{ ...diet, stratum: 'anchor', origin: 'anchor' }, steak]), 'lexicon-contradiction')).toEqual([1]);
    expect(checkConsistency(persona({ age: 30 }, [attr(STATUS, 'retired', { stratum: 'anchor', origin: 'anchor' })]))).toEqual([]);
  });
});

describe('clean personas and tricky negatives', () => {
  const clean: [string, Partial<Anchors>, PersonaAttribute[]][] = [
    ["my husband's job is not my occupation", {}, [attr('Relationships and Social Networks.Spouse.Job', 'software engineer'), attr(JOB, "my husband's job is in construction")]],
    ['a retired teacher at 70', { age: 70, occupation: { title: 'Elementary School Teachers, Except Special Education', soc: '25-2021' } },
      [attr(STATUS, 'retired teacher'), attr(JOB, 'retired teacher'), attr('Relationships and Social Networks.Family.Grandchildren', 'has four grandchildren')]],
    ['the job title matches the SOC title', {}, [attr(JOB, 'works as an ICU nurse'), attr(STATUS, 'employed full time')]],
    ['synonyms and past or wished-for jobs', { occupation: { title: 'Software Developers', soc: '15-1252' } },
      [attr(JOB, 'programmer'), attr('Career and Work Identity.Occupation.Previous', 'former chef'), attr('Career and Work Identity.Goals.Dream Job', 'wants to become a pilot')]],
    ['compatible sides', { age: 40 }, [attr('Lifestyle and Daily Routine.Smoking.Status', 'ex-smoker'), attr('Physical and Health Characteristics.Habits.Smoking', 'non-smoker'),
      attr('Relationships and Social Networks.Marital Status.Status', 'single'), attr('Relationships and Social Networks.Marriage.History', 'never married')]],
    ['negations and look-alikes', {}, [attr('Lifestyle and Daily Routine.Drinking.Habits', "doesn't drink coffee"), attr('Lifestyle and Daily Routine.Drinking.Alcohol', 'drinks wine'),
      attr('Lifestyle and Daily Routine.Diet.Type', 'vegetarian'), attr('Relationships and Social Networks.Friends.Dinners', 'cooks for vegetarian friends'),
      attr('Hobbies, Interests, and Lifestyle.Food.Favorite Dish', 'veggie burgers')]],
    ['a negative value is a dislike, not a state', {}, [attr('Lifestyle and Daily Routine.Diet.Type', 'vegetarian'), attr('Hobbies, Interests, and Lifestyle.Food.Disliked', 'steak', { polarity: 'negative' })]],
    ['teenager edge cases', { age: 14, occupation: null }, [attr('Relationships and Social Networks.Family.Parents', 'my parents are divorced'), attr('Lifestyle and Daily Routine.Drinks.Favorite', 'root beer'),
      attr('Hobbies, Interests, and Lifestyle.Jobs.Side', 'babysits two kids on Saturdays'), attr('Psychological and Cognitive Aspects.Stress.Triggers', 'homework drives me crazy'),
      attr('Career and Work Identity.Occupation', 'middle school student'), attr('Lifestyle and Daily Routine.Commute.Mode', 'wants a driver\'s license')]],
    ['graduation in progress and plausible experience', { age: 22, occupation: null }, [attr('Education and Learning.Degree.Level', 'PhD student in physics'), attr('Career and Work Identity.Experience.Years', '3 years')]],
    ['legal ages differ by country', { age: 16, occupation: null, country: { iso2: 'DE', iso3: 'DEU', name: 'Germany' } }, [attr('Lifestyle and Daily Routine.Drinking.Alcohol Consumption', 'beer at festivals')]],
    ['a US 16-year-old may drive', { age: 16, occupation: null, country: { iso2: 'US', iso3: 'USA', name: 'United States' } }, [attr('Lifestyle and Daily Routine.Commute.Mode', 'drives to school')]],
  ];
  it.each(clean)('%s', (_name, anchors, attributes) => {
    expect(checkConsistency(persona(anchors, [HOBBY, ...attributes]))).toEqual([]);
  });
});

describe('repairPersona', () => {
  const bad = persona({ age: 30 }, [HOBBY, attr(STATUS, 'retired'), attr('Lifestyle and Daily Routine.Diet.Type', 'vegan'), attr('Hobbies, Interests, and Lifestyle.Food.Favorite Dish', 'bacon')]);

  it('is deterministic, counts attempts per attribute and keeps input indices after a drop', () => {
    const calls: [number, number][] = [];
    const resample = (i: number, attempt: number) => {
      calls.push([i, attempt]);
      if (i === 1) return attempt < 2 ? { ...bad.attributes[1]!, value: 'pensioner' } : { ...bad.attributes[1]!, value: 'employed full time' };
      return null;
    };
    const first = repairPersona(bad, resample);
    expect(calls).toEqual([[1, 0], [3, 0], [1, 1], [1, 2]]);
    expect(first.remaining).toEqual([]);
    expect(first.persona.attributes.map((a) => a.value)).toEqual(['mystery novels', 'employed full time', 'vegan']);
    expect(first.log.map((s) => [s.attributeIndex, s.to])).toEqual([[1, 'pensioner'], [3, null], [1, 'pensioner'], [1, 'employed full time']]);
    expect(repairPersona(bad, (i, a) => (i === 1 && a >= 2 ? { ...bad.attributes[1]!, value: 'employed full time' } : i === 1 ? { ...bad.attributes[1]!, value: 'pensioner' } : null))).toEqual(first);
  });

  it('stops after maxRounds and reports what remains', () => {
    const stubborn = repairPersona(bad, (i) => bad.attributes[i]!, 3);
    expect(stubborn.log.filter((s) => s.attributeIndex === 1)).toHaveLength(3);
    expect(stubborn.remaining.map((v) => v.rule)).toContain('retired-too-young');
  });
});

describe('number extraction and the lexicon file', () => {
  it.each([['34', 34], ['thirty-four', 34], ['twenty one', 21], ['a dozen', 12], ['one hundred', 100], ['many', undefined]] as const)('wordsToNumber(%s)', (text, n) => {
    expect(wordsToNumber(text)).toBe(n);
  });
  it.each([['5 years', [5]], ['over 10 years in sales', [10]], ['10+ years', [10]], ['10-15 years', [10]], ['two decades', [20]], ['nearly 30 years', [29]],
    ['a 25-year-old son', []], ['thirty-four years of experience', [34]]] as const)('extractYears(%s)', (text, years) => {
    expect(extractYears(text)).toEqual(years);
  });
  it('loads, validates and names its license', () => {
    const lexicon = loadLexicon();
    expect(lexicon.license).toMatch(/Apache-2\.0/);
    expect(lexicon.groups.map((g) => g.id)).toEqual(expect.arrayContaining(['diet', 'smoking', 'alcohol', 'pets', 'employment', 'marital', 'children']));
  });
});
