import { describe, expect, it } from 'vitest';
import { fitValue, VALUE_REJECTIONS, type ValueRejection, valueRejection } from '../../pipeline/extractors/value-gate.js';

const expectEach = (values: string[], reason: ValueRejection | null) => {
  for (const v of values) expect(valueRejection(v), JSON.stringify(v)).toBe(reason);
};

describe('valueRejection: values that pass', () => {
  it('keeps lone real nouns, numbers and short answers', () => {
    expectEach(['jazz', 'dogs', 'nurse', 'sushi', 'Oslo', 'barista', 'vegan', 'retired', 'kids', 'wife', 'yoga', 'C++', 'Python', 'node.js'], null);
    expectEach(['34', '2 kids', 'two', 'one', '1,500 km', '3.5 years', '2001'], null);
    expectEach(['none', 'no', 'yes', 'never', 'not yet', 'nothing', 'no kids', 'often', 'sometimes'], null);
    expectEach(['[NAME]', '[EMAIL]'], null); // scrubbed PII values
    expectEach(['US', 'IT', 'working in IT', 'made in the US', 'AM radio'], null); // acronyms are not the function words they spell
  });
  it('keeps complete phrases, messy lower-case chat included', () => {
    expectEach([
      'two dogs', 'pediatric nurse', 'single mother with three kids', 'natural stress-relief methods like herbal teas',
      'i like jazz', 'foods i really like', 'movies like that', 'spending time with each other', 'on my own', 'love her', 'hands-on activities',
      'im a nurse lol', 'cooking for my kids', 'quiet, solitary activities', 'artistry involved', 'pets that shed',
      'early on', 'cats, dogs and so on', 'going out', "rock n roll", 'with roommate', 'outdoor activities', 'active ways', 'set design',
      'team-building', 'the beatles', 'getting a new job', 'doing yoga',
    ], null);
  });
  it('keeps phrasal verbs whose particle ends the phrase', () => {
    expectEach([
      'hanging out', 'giving up', 'working out', 'grown up', 'dropped in', 'moving in', 'moving on', 'passing by', 'starting over',
      'hanging out with friends', 'cool down', 'day off', 'eating out', 'checking in', 'fitting in', 'left behind', 'coming along',
      'carry on', 'sleeping in', 'traveling around', 'messing around',
    ], null);
  });
});

describe('valueRejection: values that are dropped', () => {
  it('empty: no letter or digit', () => {
    expectEach(['', '   ', '...', '—', '?!', '()'], 'empty');
  });
  it('code: pasted code', () => {
    expectEach(['function foo() { return 1 }', 'x => x + 1', 'print(x)', 'int x = 5', 'a == b', 'console.log("hi");', '<div>', 'std::vector', 'a && b', '#include <stdio.h>', 'let x=1;y=2'], 'code');
    expectEach(['friend(s)', 'cat (tabby)', 'import business', 'return to school', 'rock & roll'], null);
  });
  it('too-long: more than 12 words or 80 characters', () => {
    expect(valueRejection('one two three four five six seven eight nine ten eleven twelve')).toBeNull();
    expect(valueRejection('one two three four five six seven eight nine ten eleven twelve thirteen')).toBe('too-long');
    expect(valueRejection(`a ${'very'.repeat(20)} long word`)).toBe('too-long');
  });
  it('function-word: only determiners, pronouns, prepositions, auxiliaries, light verbs', () => {
    expectEach(['seems', 'set', 'get', 'make', 'the', 'my', 'it', 'them', 'in', 'of the', 'to be', 'is', 'was', 'dont', 'im', 'gonna', 'like', 'just', 'really', 'get it', 'make it', 'it seems', 'used to', 'keep', 'avoid', 'set up', 'got', 'so much', 'something', 'whatever', 'u', 'Seems', 'want to', 'getting by'], 'function-word');
  });
  it('filler: vague nouns, pointer adjectives and chat noise', () => {
    expectEach(['ways', 'things', 'stuff', 'a lot', 'lots', 'a lot of things', 'kind of', 'sort of', 'bit', 'some stuff', 'other things', 'sheet', 'the other', 'activities', 'options', 'new', 'whole', 'lol', 'idk', 'ok', 'many ways', 'different ways', 'the usual'], 'filler');
  });
  it('cut-phrase: the last word cannot end a phrase', () => {
    expectEach([
      'incorporating some educational elements into the', 'elements into the', 'professionals who work in', 'connecting with professionals who work in',
      'my favorite', 'the next', 'quiet, solitary activities like', 'structured approaches, like', 'interested in', 'talking about',
      'living in', 'good at', 'books i want to', 'cats and', 'cats, dogs, and', 'movies that', 'people who', 'a place where',
      'cats,', 'due', 'activities that strain my knees due', 'books that involve', 'a schedule that allows me', 'looking for', 'i think i\'m',
      'dogs or', 'working as a', 'music kind of like a', 'music with', 'jazz i am gonna', 'hikes we will', 'coffee because',
    ], 'cut-phrase');
  });
  it('reports a reason from the closed set', () => {
    for (const v of ['', 'x => 1', 'seems', 'ways', 'elements into the']) expect(VALUE_REJECTIONS).toContain(valueRejection(v));
  });
});

describe('fitValue', () => {
  it('returns a short value unchanged (trimmed)', () => {
    expect(fitValue('  jazz  ', 50)).toBe('jazz');
    expect(fitValue('x'.repeat(50), 50)).toBe('x'.repeat(50));
  });
  it('cuts long values at a phrase boundary, never mid-phrase', () => {
    expect(fitValue('incorporating some educational elements into the lesson plans for the kids', 50)).toBe('incorporating some educational elements');
    expect(fitValue('connecting with professionals who work in sustainable or green marketing', 50)).toBe('connecting with professionals who work');
    expect(fitValue('volunteering at the local animal shelter with my sister on weekends', 50)).toBe('volunteering at the local animal shelter');
    expect(fitValue('volunteering at the local animal shelter with my sister on weekends', 20)).toBe('volunteering');
    // No boundary between "shelter" and "every": the last clean cut is before "at".
    expect(fitValue('volunteering at the local animal shelter every other weekend', 50)).toBe('volunteering');
    expect(fitValue('relax through watching YouTube, TV shows and movies', 45)).toBe('relax through watching YouTube, TV shows');
    expect(fitValue('cats (two of them, both rescues) and a very old dog named Rex', 35)).toBe('cats (two of them, both rescues)');
    expect(fitValue('cats (two of them, both rescues) and a very old dog named Rex', 30)).toBe('cats'); // never inside the brackets
  });
  it('does not split coordinated adjectives from their noun', () => {
    expect(fitValue('staying in hotels with traditional, ornate interiors', 45)).toBe('staying in hotels');
    expect(fitValue('minimalist design with a green and brown color scheme', 40)).toBe('minimalist design');
  });
  it('every cut is a prefix that passes the gate and fits', () => {
    const long = [
      'natural stress-relief methods like herbal teas and aromatherapy', 'cozy, quiet spots where we can have in-depth discussions',
      'books that focus on reducing our environmental impact through everyday choices', 'team lunches at kosher-certified restaurants near our office',
      'flexible schedule that allows me to balance my writing and library duties', 'i really like going on long hikes with my dog in the mountains',
    ];
    for (const max of [15, 20, 30, 50]) {
      for (const v of long) {
        const fit = fitValue(v, max);
        if (fit === null) continue;
        expect(fit.length).toBeLessThanOrEqual(max);
        expect(v.startsWith(fit)).toBe(true);
        expect(valueRejection(fit), fit).toBeNull();
      }
    }
  });
  it('returns null when there is no clean cut', () => {
    expect(fitValue('supercalifragilisticexpialidocious', 10)).toBeNull();
    expect(fitValue('improving my social media presence', 20)).toBeNull();
    expect(fitValue('activities that don\'t require any special equipment', 50)).toBeNull(); // "activities" alone is filler
  });
});
