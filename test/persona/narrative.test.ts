import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { describe, expect, it } from 'vitest';
import { NARRATIVE_WORDS, narrate, narrateWithTrace, spokenLabel } from '../../pipeline/persona/narrative.js';
import { isSelfNegated, jobPhrase, joinList, nounPhrase, pluralHead, toClause } from '../../pipeline/persona/narrative-text.js';
import { DEFAULT_ROOTS } from '../../pipeline/core/types.js';
import type { Persona, PersonaAttribute } from '../../pipeline/persona/types.js';

const DISLIKE = /can't stand|not into|hard no|dislike|(?:isn't|aren't) for me|skip|patience|not my thing|rather avoid|do without|not catch me enjoying/i;
/** Negative values that are not already negations or own sentences must come out as dislikes. */
function expectsDislike(a: PersonaAttribute): boolean {
  if (a.polarity !== 'negative' || a.valueType === 'numeric' || isSelfNegated(a.value) || /^(?:she|he|i|i'm|my)\b/i.test(a.value)) return false;
  const clause = toClause(a.value);
  return clause ? clause.gerund !== undefined : a.valueType !== 'free_text';
}
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

const LONG = Array.from({ length: 220 }, (_, i) => `word${i}`).join(' ');
const VALUES: Record<PersonaAttribute['valueType'], string[]> = {
  categorical: ['drinks wine on weekends', 'Jazz', 'spicy food', 'is a morning person', 'has a golden retriever', 'vegetarian', 'French and English',
    'plays chess online', 'crowded places', 'never smokes', 'no pets', 'avoids confrontation', 'Netflix', 'hiking in the Alps', 'takes the bus',
    'loud music', 'goes to bed early', "doesn't eat meat", 'minimalist design', 'reality TV', 'watches her weight', 'values honesty', 'smokes', 'New York bagels',
    'tea, coffee, juice'],
  numeric: ['7 hours', '34', 'three', '2 cups a day', '10,000 steps'],
  free_text: ['She grew up on a farm and still misses the quiet mornings there.', 'I moved here for work and stayed for the food.',
    'Prefers to plan holidays months ahead, with spreadsheets.', 'quiet evenings with a book {label} and tea?', LONG],
};

function pick<T>(rng: RandomGenerator, items: readonly T[]): T {
  return items[uniformInt(rng, 0, items.length - 1)]!;
}

function makePersona(i: number): Persona {
  const rng = xoroshiro128plus(1000 + i);
  const count = pick(rng, [0, 0, 1, 2, 3, 5, 8, 15, 40, 120, 250]);
  const attributes = Array.from({ length: count }, (_, n): PersonaAttribute => {
    const root = pick(rng, DEFAULT_ROOTS);
    const valueType = pick(rng, ['categorical', 'categorical', 'categorical', 'numeric', 'free_text'] as const);
    const label = pick(rng, ['Favorite Genre', 'Alcohol Consumption', 'Platforms', 'Daily Habit', 'Disliked Foods', 'Hours', 'Story']);
    return {
      nodeId: `n${n}`, path: `${root}.Topic ${n % 7}.${label}`, root, label, value: pick(rng, VALUES[valueType]),
      polarity: pick(rng, ['positive', 'negative', 'neutral'] as const), origin: pick(rng, ['corpus', 'llm', 'anchor'] as const),
      stratum: pick(rng, ['near', 'middle', 'far', 'anchor'] as const), valueType, llmCallId: null,
    };
  });
  const city = pick(rng, [{ name: 'Lyon', region: 'Auvergne-Rhône-Alpes', population: 516_092 }, { name: 'Singapore', population: 5_600_000 }, { name: 'Ely', population: 950 }]);
  return {
    personaId: `p${i}`, seed: 42, index: i, summary: '', attributes,
    anchors: {
      country: city.name === 'Singapore' ? { iso2: 'SG', iso3: 'SGP', name: 'Singapore' } : { iso2: 'FR', iso3: 'FRA', name: 'France' },
      age: uniformInt(rng, 7, 100), sex: pick(rng, ['female', 'male'] as const), city, mode: 'population',
      occupation: pick(rng, [null, { title: 'Registered Nurses', soc: '29-1141' }, { title: 'Laborers and Freight, Stock, and Material Movers, Hand', soc: '53-7062' },
        { title: 'Elementary School Teachers, Except Special Education', soc: '25-2021' }, { title: 'Cooks, Restaurant', soc: '35-2014' }]),
    },
  };
}

const PERSONAS = Array.from({ length: 200 }, (_, i) => makePersona(i));

describe('narrate over 200 varied personas', () => {
  it('stays within 150–400 words, in the first person, deterministic per seed', () => {
    const counts = PERSONAS.map((p) => {
      const text = narrate(p, 1);
      expect(words(text), text).toBeGreaterThanOrEqual(NARRATIVE_WORDS.min);
      expect(words(text), text).toBeLessThanOrEqual(NARRATIVE_WORDS.max);
      expect(text).toMatch(/\bI\b/);
      expect(narrate(p, 1)).toBe(text);
      return p.attributes.length;
    });
    expect(counts.filter((c) => c <= 2).length).toBeGreaterThan(20);
  });

  it('gives different text for different seeds', () => {
    for (const p of PERSONAS) expect(narrate(p, 2)).not.toBe(narrate(p, 1));
  });

  it('never uses a template twice in one summary and never says an anchor-derived attribute', () => {
    for (const p of PERSONAS) {
      const { sentences } = narrateWithTrace(p, 3);
      const ids = sentences.map((s) => s.templateId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of sentences) if (s.attributeIndex !== null) expect(p.attributes[s.attributeIndex]!.stratum).not.toBe('anchor');
    }
  });

  it('renders negative values as dislikes and keeps every value it mentions', () => {
    let negatives = 0;
    for (const p of PERSONAS) {
      for (const s of narrateWithTrace(p, 4).sentences) {
        if (s.attributeIndex === null) continue;
        const a = p.attributes[s.attributeIndex]!;
        const last = a.value.replace(/[.?!\s]+$/, '').split(/\s+/).at(-1)!.toLowerCase().replace(/(?:es|s)$/, '');
        if (a.value !== LONG && a.value.includes(' ')) expect(s.text.toLowerCase()).toContain(last);
        if (expectsDislike(a)) {
          negatives++;
          expect(s.text).toMatch(DISLIKE);
        }
      }
    }
    expect(negatives).toBeGreaterThan(50);
  });

  it('mentions the anchors: age, place and job', () => {
    const p = PERSONAS.find((x) => x.anchors.occupation?.title === 'Registered Nurses' && x.anchors.city.name === 'Lyon')!;
    const text = narrate(p, 5);
    expect(text).toContain(String(p.anchors.age));
    expect(text).toContain('Lyon');
    expect(text).toContain('registered nurse');
  });
});

describe('grammar helpers', () => {
  it('turns third-person values into first-person clauses and gerunds', () => {
    expect(toClause('drinks wine on weekends')).toEqual({ vp: 'drink wine on weekends', gerund: 'drinking wine on weekends' });
    expect(toClause('is a morning person')).toEqual({ vp: 'am a morning person', gerund: 'being a morning person' });
    expect(toClause('often watches her favourite shows')?.vp).toBe('often watch my favourite shows');
    expect(toClause("doesn't eat meat")).toEqual({ vp: "don't eat meat" });
    expect(toClause('avoids confrontation')).toEqual({ vp: 'avoid confrontation' });
    expect(toClause('golden retriever')).toBeUndefined();
  });
  it('joins lists and phrases SOC titles', () => {
    expect(joinList(['tea'])).toBe('tea');
    expect(joinList(['tea', 'coffee'])).toBe('tea and coffee');
    expect(joinList(['tea', 'coffee', 'juice'])).toBe('tea, coffee, and juice');
    expect(nounPhrase('Hiking; cycling; swimming')).toBe('hiking, cycling, and swimming');
    expect(jobPhrase('Registered Nurses')).toBe('a registered nurse');
    expect(jobPhrase('Elementary School Teachers, Except Special Education')).toBe('an elementary school teacher');
    expect(jobPhrase('Cooks, Restaurant')).toBe('a restaurant cook');
    expect(jobPhrase('First-Line Supervisors of Retail Sales Workers')).toBe('a first-line supervisor of retail sales workers');
    expect(jobPhrase('Chefs and Head Cooks')).toBe('one of the chefs and head cooks');
  });
});

describe('spokenLabel', () => {
  it('names the topic as a person would, keeping labels that would be left empty or dangling', () => {
    expect(spokenLabel('weather preference')).toBe('weather');
    expect(spokenLabel('game interest')).toBe('game');
    expect(spokenLabel('favorite food')).toBe('food');
    expect(spokenLabel('preference')).toBe('preference');
    expect(spokenLabel('interest and preference')).toBe('interest and preference');
    expect(spokenLabel('marital status')).toBe('marital status');
  });
});

describe('labels in a summary', () => {
  it("never borrow an inner node's WordNet class: 'Geographical Area.Town' reads 'town'", () => {
    const persona = makePersona(0);
    const town: PersonaAttribute = {
      nodeId: 'n-town', path: 'Demographic Information.Geographical Area.Town', root: 'Demographic Information', label: 'Town',
      value: 'coastal towns', polarity: 'positive', origin: 'corpus', stratum: 'near', valueType: 'categorical', llmCallId: null,
    };
    const text = narrate({ ...persona, attributes: [town] }, 7);
    expect(text).toContain('coastal towns');
    expect(text.toLowerCase()).not.toContain('geographical area');
  });
});

describe('verbs agree with a plural value', () => {
  it('tells plural heads from singular ones, prepositional tails and -s singulars included', () => {
    for (const np of ['asian manufacturers', 'true crime podcasts', 'peaceful and scenic views', 'tools that help with fall prevention', 'kids', 'people']) {
      expect(pluralHead(np), np).toBe(true);
    }
    for (const np of ['welcome song', 'coastal town', 'news', 'business', 'physics', 'glass', 'series', 'diabetes', 'analysis', 'status', 'bus']) {
      expect(pluralHead(np), np).toBe(false);
    }
  });

  it('never pairs a plural value with a singular verb in any summary', () => {
    const plural: PersonaAttribute = {
      nodeId: 'n1', path: 'Media.Podcast Preference', root: 'Media', label: 'Podcast Preference', value: 'true crime podcasts',
      polarity: 'positive', origin: 'corpus', stratum: 'near', valueType: 'categorical', llmCallId: null,
    };
    for (let seed = 0; seed < 60; seed++) {
      const text = narrate({ ...PERSONAS[7]!, attributes: [plural, { ...plural, nodeId: 'n2', value: 'noisy bars', polarity: 'negative' }] }, seed).toLowerCase();
      expect(text).not.toMatch(/(?:podcasts|bars) (?:just )?(?:is|isn't|always puts|describes)\b/);
    }
  });
});

describe('things a person has', () => {
  const had = (label: string, value: string): PersonaAttribute => ({
    nodeId: `n-${label}`, path: `Relationships.${label}`, root: 'Relationships', label, value,
    polarity: 'neutral', origin: 'corpus', stratum: 'near', valueType: 'categorical', llmCallId: null,
  });

  it('says kin, pets and possessions as having, with the article they need', () => {
    const attributes = [had('Extended Family', 'cousin'), had('Pet Ownership', 'two dogs'), had('Owned Building', 'old barn'), had('Child Interest', 'ways to help children')];
    for (let seed = 0; seed < 30; seed++) {
      const text = narrate({ ...PERSONAS[7]!, attributes }, seed);
      expect(text).toMatch(/(?:have|got) a cousin/i);
      expect(text).toMatch(/(?:have|got) two dogs/i);
      expect(text).toMatch(/(?:have|got) an old barn/i);
      expect(text).not.toMatch(/a two dogs|have ways to help/i);
    }
  });
});
