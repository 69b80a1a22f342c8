import { describe, expect, it } from 'vitest';
import { agesIn, personaAge } from '../../../pipeline/evaluate/quality/age-text.js';
import { childAgeFindings } from '../../../pipeline/evaluate/quality/child-ages.js';
import { conceptApplies } from '../../../pipeline/evaluate/quality/concept-match.js';
import { dietClashFindings } from '../../../pipeline/evaluate/quality/diet-clash.js';
import { loadFamilyLexicon } from '../../../pipeline/evaluate/quality/family-lexicon.js';
import { genderedRoleFindings } from '../../../pipeline/evaluate/quality/gendered-roles.js';
import { implausibleCountFindings, ownsBusiness } from '../../../pipeline/evaluate/quality/implausible-counts.js';
import { lifeStageFindings } from '../../../pipeline/evaluate/quality/life-stage.js';
import { partnerStatusFindings } from '../../../pipeline/evaluate/quality/partner-status.js';
import type { QualityAttribute, QualityPersona } from '../../../pipeline/evaluate/quality/persona-set.js';
import { singleValuedFindings } from '../../../pipeline/evaluate/quality/single-valued.js';
import { countDistinctThings } from '../../../pipeline/evaluate/quality/text.js';

const lex = loadFamilyLexicon();
const at = (path: string, value: string, extra: Partial<QualityAttribute> = {}): QualityAttribute => ({ path: path.split(' › '), value, ...extra });
const persona = (attributes: QualityAttribute[], anchors: QualityPersona['anchors'] = {}): QualityPersona => ({ id: 'x', anchors, attributes });

describe('text helpers', () => {
  it('reads ages in words and digits', () => {
    expect(agesIn('my 4-year-old son').map((x) => x.age)).toEqual([{ low: 4, high: 4 }]);
    expect(agesIn('thirty-two years old').map((x) => x.age)).toEqual([{ low: 32, high: 32 }]);
    expect(agesIn('Early thirties adult (30-34 years)').map((x) => x.age)).toEqual([{ low: 30, high: 33 }, { low: 30, high: 34 }]);
    expect(agesIn('Senior (65+ years)').map((x) => x.age)).toEqual([{ low: 65, high: 125 }]);
    expect(agesIn('18 years and older').map((x) => x.age)).toEqual([{ low: 18, high: 125 }]);
    expect(agesIn('Seventies', true).map((x) => x.age)).toEqual([{ low: 70, high: 79 }]);
    expect(agesIn('32')).toEqual([]);
    expect(agesIn('32', true).map((x) => x.age)).toEqual([{ low: 32, high: 32 }]);
  });

  it('groups values naming the same thing by shared stems', () => {
    expect(countDistinctThings(['sales rep', 'sales representative of services', 'nurse']).count).toBe(2);
    expect(countDistinctThings(['Canadian', 'Canada']).count).toBe(1);
    expect(countDistinctThings(['the', 'of']).count).toBe(0);
  });

  it("takes the persona's age from the anchor, else from an age attribute about itself", () => {
    expect(personaAge(persona([], { age: 40 }), lex)).toEqual({ low: 40, high: 40 });
    expect(personaAge(persona([at('Demographic › Age › Current', '83 years old'), at('Family › Child › Age', '50 years old')]), lex)).toEqual({ low: 83, high: 83 });
    expect(personaAge(persona([at('Lifestyle › Retirement › Age', 'retired at age 65')]), lex)).toBeNull();
  });
});

describe('concept paths', () => {
  const occ = lex.concept('occupation');
  it('reads the self, now, and the title only', () => {
    expect(conceptApplies(occ, at('Career › Occupation and Former Occupation › Occupation', 'nurse'), lex)).toBe(true);
    expect(conceptApplies(occ, at('Career › Former Occupation', 'nurse'), lex)).toBe(false);
    expect(conceptApplies(occ, at('Career › Occupation › Goal', 'pilot'), lex)).toBe(false);
    expect(conceptApplies(occ, at('Family › Parent › Occupation', 'pilot'), lex)).toBe(false);
    expect(conceptApplies(occ, at('Career › Job Role › Responsibilities', 'client care'), lex)).toBe(false);
  });
});

describe('single-valued', () => {
  it('flags exclusive classes, ages and free values; not compatible ones', () => {
    const checks = (p: QualityPersona) => singleValuedFindings(p, lex).map((f) => f.check);
    expect(checks(persona([at('Beliefs › Religion › A', 'agnostic'), at('Beliefs › Religion › B', 'jewish')]))).toEqual(['religion']);
    expect(checks(persona([at('Beliefs › Religion › A', 'catholic'), at('Beliefs › Religion › B', 'christian')]))).toEqual([]);
    expect(checks(persona([at('Beliefs › Religion', 'raised catholic, now atheist')]))).toEqual([]);
    expect(checks(persona([at('Family › Marital Status', 'likely married or widowed')]))).toEqual([]);
    expect(checks(persona([at('Demographic › Age', '31 years old')], { age: 65 }))).toEqual(['age']);
    expect(checks(persona([at('Demographic › Nationality', 'Canadian citizen'), at('Demographic › Citizenship', 'Canada')]))).toEqual([]);
    expect(checks(persona([at('Demographic › Nationality', 'Canadian'), at('Demographic › Citizenship', 'Pakistani')]))).toEqual(['nationality']);
  });

  it('adds mined single-valued nodes', () => {
    const p = persona([at('A › B › x', 'red', { node: 'n1' }), at('A › B › y', 'blue', { node: 'n1' }), at('A › C', 'tea', { node: 'n2' }), at('A › C', 'coffee', { node: 'n2' })]);
    expect(singleValuedFindings(p, lex, new Set(['n1'])).map((f) => f.check)).toEqual(['mined']);
  });
});

describe('other families', () => {
  it('child ages relative to the persona', () => {
    expect(childAgeFindings(persona([at('Family › Child › Daughter', '4 year old son')], { age: 72 }), lex)).toHaveLength(1); // 68 years apart
    expect(childAgeFindings(persona([at('Family › Child', 'my 30-year-old daughter')], { age: 40 }), lex)).toHaveLength(1);
    expect(childAgeFindings(persona([at('Family › Child', 'my 10-year-old daughter')], { age: 40 }), lex)).toHaveLength(0);
    expect(childAgeFindings(persona([at('Family › Grandchildren', 'grandson, aged 15')], { age: 40 }), lex)).toHaveLength(1);
    expect(childAgeFindings(persona([at('Family › Grandchildren', 'grandson, aged 5')], { age: 45 }), lex)).toHaveLength(0);
  });

  it('gendered roles of the other sex, not roles of others', () => {
    expect(genderedRoleFindings(persona([at('Relationships › Family Role', 'stay at home dad')], { sex: 'female' }), lex)).toHaveLength(1);
    expect(genderedRoleFindings(persona([at('Hobbies › Cooking', 'a single mother of two')], { sex: 'male' }), lex)).toHaveLength(1);
    expect(genderedRoleFindings(persona([at('Relationships › Family Role', 'caring for my mother')], { sex: 'male' }), lex)).toHaveLength(0);
    expect(genderedRoleFindings(persona([at('Relationships › Family Role', 'single mother')], { sex: 'female' }), lex)).toHaveLength(0);
  });

  it('diet clashes skip substitutes, negations and non-food uses', () => {
    const vegan = at('Health › Diet', 'vegan');
    expect(dietClashFindings(persona([vegan, at('Food › Favorite Dish', 'beef stew')]), lex)).toHaveLength(1);
    expect(dietClashFindings(persona([vegan, at('Food › Favorite Dish', 'vegan cheese')]), lex)).toHaveLength(0);
    expect(dietClashFindings(persona([vegan, at('Food › Favorite Dish', 'no meat ever')]), lex)).toHaveLength(0);
    expect(dietClashFindings(persona([vegan, at('Hobbies › Fishing', 'fishing')]), lex)).toHaveLength(0);
    expect(dietClashFindings(persona([vegan, at('Food › Dish', 'salmon', { polarity: 'negative' })]), lex)).toHaveLength(0);
  });

  it('counts owned businesses, not wishes', () => {
    expect(ownsBusiness(at('About › Work', 'owns a small bakery downtown'), lex)).toBe(true);
    expect(ownsBusiness(at('About › Work', 'wants to open a cafe'), lex)).toBe(false);
    const three = persona([at('Career › Business Ownership', 'bakery'), at('Career › Business Ownership', 'home bakery business'), at('Career › Business Ownership', 'law firm'), at('Career › Business Ownership', 'food truck')]);
    expect(implausibleCountFindings(three, lex).map((f) => f.check)).toEqual(['business']); // bakery ×2 are one: 3 > 2
  });

  it('life stages at impossible ages only', () => {
    expect(lifeStageFindings(persona([at('Education › Status', 'high school student')], { age: 60 }), lex)).toHaveLength(1);
    expect(lifeStageFindings(persona([at('Education › Status', 'when I was in high school')], { age: 60 }), lex)).toHaveLength(0);
    expect(lifeStageFindings(persona([at('Career › Status', 'retired from postal service')], { age: 67 }), lex)).toHaveLength(0);
    expect(lifeStageFindings(persona([at('Career › Status', 'retired from postal service')], { age: 24 }), lex)).toHaveLength(1);
  });

  it('married or engaged with a current boyfriend or girlfriend', () => {
    const married = at('Relationships › Marital Status', 'happily married');
    expect(partnerStatusFindings(persona([married, at('Weekend', 'dinner with my girlfriend')]), lex)).toHaveLength(1);
    expect(partnerStatusFindings(persona([married, at('Weekend', 'my ex-girlfriend')]), lex)).toHaveLength(0);
    expect(partnerStatusFindings(persona([married, at('Weekend', "my son's girlfriend")]), lex)).toHaveLength(0);
    expect(partnerStatusFindings(persona([at('Relationships › Relative › Partner › Wife', 'wife'), at('Relationships › Relative › Partner › Wife', 'girlfriend')]), lex)).toHaveLength(1);
  });
});
