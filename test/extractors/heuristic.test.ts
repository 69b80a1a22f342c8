import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOTS, type Conversation, type Mention, type Turn } from '../../pipeline/core/types.js';
import { createHeuristicExtractor, HEURISTIC_EXTRACTOR_ID } from '../../pipeline/extractors/heuristic/index.js';

const extractor = createHeuristicExtractor();

function conversation(texts: string[], roles?: Turn['role'][]): Conversation {
  const conversationId = 'c1';
  return {
    conversationId,
    sourceId: 'test',
    externalId: 'x',
    meta: {},
    turns: texts.map((text, turnIndex) => ({ turnId: `t${turnIndex}`, conversationId, turnIndex, role: roles?.[turnIndex] ?? 'user', text })),
  };
}

async function mentionsOf(text: string): Promise<Mention[]> {
  return (await extractor.extract(conversation([text]))).mentions;
}

/** "attribute=value/polarity" strings, easy to read in a failing diff. */
async function summary(text: string): Promise<string[]> {
  return (await mentionsOf(text)).map((m) => `${m.attribute}=${m.value.toLowerCase()}/${m.polarity}`);
}

const FIXTURE_TURNS = JSON.parse(
  readFileSync(new URL('../fixtures/extractors/messy-turns.json', import.meta.url), 'utf8'),
) as string[];

describe('heuristic extractor: positive fixtures per family', () => {
  const cases: Array<[string, string, string]> = [
    // [text, expected attribute, expected value (lower-case)]
    ["I'm a nurse.", 'occupation', 'nurse'],
    ["i'm a nurse", 'occupation', 'nurse'],
    ['im a nurse lol', 'occupation', 'nurse'],
    ['I work as a software engineer at a startup.', 'occupation', 'software engineer'],
    ['As a teacher, I always look for new ideas.', 'occupation', 'teacher'],
    ["I've been a pediatric nurse for 15 years now.", 'occupation', 'pediatric nurse'],
    ['I work at Google.', 'employer', 'google'],
    ['I work in marketing.', 'industry', 'marketing'],
    ["I'm 34.", 'age', '34'],
    ['i am 34 years old', 'age', '34'],
    ["I'm in my forties and tired.", 'age range', 'forties'],
    ['My husband loves fishing.', 'partner', 'husband'],
    ['I have two kids.', 'children', 'two kids'],
    ['my daughter is 5', 'children', 'daughter, age 5'],
    ['i have two dogs .', 'pet ownership', 'two dogs'],
    ['I have a golden retriever named Max.', 'pet ownership', 'golden retriever'],
    ['I live in Portland.', 'place of residence', 'portland'],
    ["I'm from Brazil.", 'place of origin', 'brazil'],
    ['I moved to Seattle last year.', 'place of residence', 'seattle'],
    ['I grew up in a small town.', 'hometown', 'small town'],
    ['I study computer science.', 'field of study', 'computer science'],
    ['My major is psychology.', 'field of study', 'psychology'],
    ['I graduated from MIT in 2010.', 'alma mater', 'mit'],
    ["I'm a graduate student.", 'education level', 'graduate student'],
    ["I'm allergic to peanuts.", 'allergy', 'peanuts'],
    ["I'm vegan.", 'diet', 'vegan'],
    ['im diabetic', 'health condition', 'diabetic'],
    ['I have asthma.', 'health condition', 'asthma'],
    ['I follow a strict vegan diet.', 'dietary preference', 'strict vegan diet'],
    ['I love hiking in the mountains.', 'hiking', 'in the mountains'],
    ["I'd love to be a doctor one day.", 'aspired occupation', 'doctor'],
    ['someday i want to open a bakery', 'aspiration', 'open a bakery'],
    ['i collect stamps', 'collecting', 'stamps'],
    ['i volunteer at a food bank', 'volunteering', 'food bank'],
    ['my favorite band is queen', 'favorite band', 'queen'],
    ['hockey is my favorite sport', 'favorite sport', 'hockey'],
    ["i'm scared of heights", 'fear', 'heights'],
    ['i own two old motorbikes', 'owned motor vehicle', 'two old motorbikes'],
    ['i go swimming twice a week', 'swimming', 'twice a week'],
    ['i am terribly afraid of spiders', 'fear', 'spiders'],
    ['i really really love jazz', 'popular music preference', 'jazz'],
    ['i work at a car dealership', 'workplace', 'car dealership'],
    ['I usually run in the morning.', 'running', 'in the morning'],
    ['I speak Spanish and French.', 'languages spoken', 'french'],
    ['I believe in karma.', 'belief', 'karma'],
    ['Honesty is very important to me.', 'values', 'honesty'],
    ['I watch a lot of anime.', 'watching', 'anime'],
    ['My favourite show is The Office.', 'favorite show', 'the office'],
    ['Breaking Bad is my favorite show.', 'favorite show', 'breaking bad'],
    ['I have a phobia of heights.', 'fear', 'heights'],
    ['I run a small bakery.', 'business ownership', 'small bakery'],
    ["I'm married.", 'marital status', 'married'],
    ["I'm retired.", 'employment status', 'retired'],
    ['I tend to learn best through hands-on practice.', 'learning preference', 'hands-on practice'],
    // Kinds of person that are no line of work, clipped job words, groups, birthdays, new jobs.
    ['im a widow , lost my husband 3 years ago', 'self-description', 'widow'],
    ['newlywed here , still figuring out how to share a closet', 'self-description', 'newlywed'],
    ['im a software dev , mostly backend stuff', 'occupation', 'software dev'],
    ['im a vet tech so yes i get bitten', 'occupation', 'vet tech'],
    ['im in a book club with my neighbors', 'group membership', 'book club'],
    ['im in a long distance relationship', 'relationship status', 'long distance relationship'],
    ['just turned 40 last week', 'age', '40'],
    ['i just got a job at the zoo !!', 'workplace', 'zoo'],
    ['i manage a little bookstore downtown', 'management role', 'little bookstore downtown'],
    ['currently unemployed lol , got laid off back in march', 'employment status', 'unemployed'],
    ['i grew up on a dairy farm in wisconsin', 'hometown', 'wisconsin'],
    ['i grew up on a dairy farm in wisconsin', 'childhood home', 'dairy farm'],
    ['every morning i walk my two huskies before sunrise', 'pet ownership', 'two huskies'],
    ['i garden a lot , tomatoes , peppers and herbs', 'gardening', 'peppers'],
    ['im really into kpop lately , mostly bts and stray kids', 'interest', 'stray kids'],
    ['i have pretty bad asthma', 'health condition', 'bad asthma'],
    ['next year im moving to japan to teach english !!', 'planned move', 'japan'],
    ['currently unemployed lol , got laid off back in march', 'employment status', 'laid off'],
    ['saving every penny to buy a house next year', 'savings goal', 'house'],
    ['35 , married , two kids , the usual', 'age', '35'],
    ['im old enough to remember dial up lol , 52 this year', 'age', '52'],
    ['i coach my daughters softball team', 'children', 'daughter'],
    ['nope , only child . always wanted a big brother', 'birth order', 'only child'],
    ['im the middle kid lol', 'birth order', 'middle kid'],
    ['classical music helps me study , chopin is my go to', 'music preference', 'chopin'],
    ['so french was my first language', 'first language', 'french'],
    ['went straight into the trades after school', 'industry', 'trades'],
    ['then i went to mcgill for engineering', 'school attended', 'mcgill'],
    ['i meditate for 10 minutes each morning', 'meditating', 'each morning'],
    ['ive been learning piano for like a year now', 'learning interest', 'piano'],
    ['im fluent in german from living in berlin', 'language', 'german'],
    ['ive got 5 siblings and something like 30 cousins', 'extended family', '30 cousins'],
  ];
  it.each(cases)('%s → %s', async (text, attribute, value) => {
    const ms = await mentionsOf(text);
    expect(ms.map((m) => `${m.attribute}=${m.value.toLowerCase()}`)).toContain(`${attribute}=${value}`);
  });
});

describe('heuristic extractor: polarity and negation', () => {
  it.each([
    ["I can't stand jazz.", 'popular music preference=jazz/negative'],
    ['i cant stand jazz', 'popular music preference=jazz/negative'],
    ['not a coffee drinker at all , it makes me shaky', 'beverage preference=coffee/negative'],
    ['i dont have a car , i just bike everywhere', 'owned motor vehicle=car/negative'],
    ["I don't drink coffee.", 'drinking habit=coffee/negative'],
    ['i dont drink coffee', 'drinking habit=coffee/negative'],
    ["I'm not a fan of horror movies.", 'movie preference=horror movies/negative'],
    ['I tend to avoid floral fragrances.', 'olfactory property preference=floral fragrances/negative'],
    ['I usually prefer to avoid spicy food.', 'food preference=spicy food/negative'],
    ["I don't like jazz.", 'popular music preference=jazz/negative'],
    ['I love jazz.', 'popular music preference=jazz/positive'],
    ["I'm really into board games.", 'game preference=board games/positive'],
    ['I never eat meat.', 'dietary restriction=meat/negative'],
  ])('%s', async (text, expected) => {
    expect(await summary(text)).toContain(expected);
  });
});

describe('heuristic extractor: negative fixtures (no self-disclosure)', () => {
  it.each([
    'Write a story where I am a pirate.',
    'My character is a wizard who lives in a tower.',
    'Pretend you are a nurse and explain triage.',
    'Imagine I was a doctor in 1850.',
    'If I were rich I would buy a boat.',
    'What does a nurse do?',
    'Should I become a nurse?',
    'Am I a good fit for nursing?',
    'He told me "I am a nurse and I love jazz" yesterday.',
    "I'm a bit tired today.",
    "I'm going to be a teacher.",
    'I like your suggestion.',
    'I love that idea!',
    'Summarize the following article:\nI am a farmer and I love my tractor.',
    "```\n// I'm a nurse\nconst x = 1;\n```",
    "SELECT * FROM staff WHERE note = 'I am a nurse';",
    "Ich bin Arzt und wohne in Berlin.",
    '我是一名护士。',
    '',
  ])('%j', async (text) => {
    expect(await summary(text)).toEqual([]);
  });

  it('says nothing about occupation for "my friend is a nurse"', async () => {
    const ms = await mentionsOf('My friend is a nurse.');
    expect(ms.filter((m) => m.attribute === 'occupation')).toEqual([]);
  });
});

describe('heuristic extractor: grounding and shape', () => {
  it('keeps quote === text.slice(spanStart, spanEnd) on messy fixtures and fills every field', async () => {
    const result = await extractor.extract(conversation(FIXTURE_TURNS));
    expect(result.ungrounded).toBe(0);
    expect(result.mentions.length).toBeGreaterThan(15);
    for (const m of result.mentions) {
      const turn = FIXTURE_TURNS[Number(m.turnId.slice(1))] as string;
      expect(turn.slice(m.spanStart, m.spanEnd)).toBe(m.quote);
      expect(m.quote.length).toBeGreaterThan(0);
      expect(m.attribute).toBe(m.attribute.toLowerCase());
      expect(m.attribute.toLowerCase()).not.toContain(m.value.toLowerCase());
      expect(DEFAULT_ROOTS as readonly string[]).toContain(m.root);
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
      expect(m.extractorId).toBe(HEURISTIC_EXTRACTOR_ID);
      expect(m.llmCallId).toBeNull();
      expect(m.conversationId).toBe('c1');
    }
  });

  it('finds nothing inside code, role-play or pasted text in the fixtures', async () => {
    const result = await extractor.extract(conversation(FIXTURE_TURNS));
    const quotes = result.mentions.map((m) => m.quote.toLowerCase());
    expect(quotes.some((q) => q.includes('comment in code') || q.includes('pirate') || q.includes('farmer'))).toBe(false);
    expect(result.mentions.some((m) => m.value === 'diabetes')).toBe(false); // the role-play turn
  });

  it('blanks a 100,000-character token and still reads the rest of the turn', async () => {
    const text = `I am ${'x'.repeat(100_000)} . i love jazz`;
    const ms = await mentionsOf(text);
    expect(ms.map((m) => `${m.attribute}=${m.value}`)).toEqual(['popular music preference=jazz']);
    for (const m of ms) expect(text.slice(m.spanStart, m.spanEnd)).toBe(m.quote);
  });

  it('is deterministic', async () => {
    const a = await extractor.extract(conversation(FIXTURE_TURNS));
    const b = await createHeuristicExtractor().extract(conversation(FIXTURE_TURNS));
    expect(b).toEqual(a);
  });

  it('reads only user turns', async () => {
    const conv = conversation(["I'm a nurse.", "I'm a teacher.", "I'm a chef."], ['user', 'assistant', 'system']);
    const ms = (await extractor.extract(conv)).mentions;
    expect(ms.map((m) => m.value)).toEqual(['nurse']);
    expect(ms[0]?.turnId).toBe('t0');
  });

  it('maps roots onto custom root names', async () => {
    const custom = createHeuristicExtractor({ roots: ['Work', 'Family', 'Everything else'] });
    const ms = (await custom.extract(conversation(["I'm a nurse and my husband is a chef."]))).mentions;
    expect(ms.find((m) => m.attribute === 'occupation')?.root).toBe('Work');
    expect(ms.find((m) => m.attribute === 'partner')?.root).toBe('Family');
    expect(() => createHeuristicExtractor({ roots: [] })).toThrow();
  });

  it('has a versioned id', () => {
    expect(extractor.id).toMatch(/^heuristic@\d+$/);
  });
});

describe('heuristic extractor: pursuits, habits and goals', () => {
  it.each([
    ["I'm hitting a roadblock with the backend", []],
    ['i am preparing an estimate of the HOA tax dues', []],
    ["I'm working on a research paper for my sociology master", []],
    ["I've been tutoring algebra", ['tutoring=algebra/positive']],
    ['I played soccer in college', ['playing=soccer/positive']],
    ['i just bought my first house', ['life event=bought my first house/positive']],
    ["I've been trying to squeeze in some exercise", ['personal goal=squeeze in some exercise/positive']],
    ['i try to strike a balance with technology', ['personal goal=strike a balance/positive']],
    ['I usually recommend being flexible on closing dates', ['habit=recommend being flexible on closing dates/positive']],
    ['I collect stamps', ['collecting=stamps/positive']],
    // WordNet names nouns only, and never after a named person: "basil" is a herb, not the saint.
    ['I love basil', ['herb preference=basil/positive']],
    ['I usually prefer quiet', ['interest=quiet/positive']],
    ['I usually prefer plant-based', ['interest=plant-based/positive']],
    // Coordinate adjectives stay in the value; a tail cut before its noun is dropped, not kept cut.
    ['i like big, loud dogs', ['animal preference=big, loud dogs/positive']],
    ['I prefer supporting local businesses with fresh, locally-sourced ingredients.', ['business preference=local businesses/positive']],
    ['I have more energy in the morning', []],
    // "head" is a body part before it is a head of cattle; "corgi" has only its animal sense.
    ['It helps me clear my head after a long shift.', []],
    ['my corgi', ['pet ownership=corgi/neutral']],
    ["I'm pretty comfortable with the idea", []],
    ['i get super claustrophobic in elevators', ['personal trait=claustrophobic/neutral']],
    ['I am designing an application', []],
    ['I usually go for a run', ['hobby=running/positive']],
    ['planks are my go-to exercise', ['favorite exercise=planks/positive']],
    ['planks are my go-to moves. They work every muscle', ['favorite moves=planks/positive']],
    ["I've learned to appreciate the little comforts", []],
    ["I'm learning to swim", ['learning interest=swim/neutral']],
    // A plural is the people one works with, never one's own job.
    ["I'm working with 3rd and 4th graders.", []],
    ['now i teach cooking classes', ['occupation=teaching cooking classes/neutral']],
    ['distributed systems', []],
    ['played football in high school', ['playing=football/positive']],
  ])('%j', async (text, expected) => {
    expect(await summary(text)).toEqual(expected);
  });
});
