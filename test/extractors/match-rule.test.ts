import { describe, expect, it } from 'vitest';
import { matchTokens, mentionMatches, stemWord, valueMatches } from '../../pipeline/extractors/match-rule.js';

describe('matchTokens', () => {
  it('lower-cases, splits on non-letters, drops stop words', () => {
    expect(matchTokens("I'm a Night-Shift NURSE, in the ER!")).toEqual(['night', 'shift', 'nurse', 'er']);
  });

  it('strips one trailing -ing/-ed/-es/-s only from words longer than 4 letters', () => {
    expect(stemWord('hiking')).toBe('hik');
    expect(stemWord('hikes')).toBe('hik');
    expect(stemWord('retired')).toBe('retir');
    expect(stemWord('designers')).toBe('designer');
    expect(stemWord('dogs')).toBe('dogs'); // 4 letters: left alone
    expect(stemWord('sing')).toBe('sing');
    expect(stemWord('boxes')).toBe('box');
  });
});

describe('mentionMatches', () => {
  it('matches when one of two mention words is in the truth (exactly half)', () => {
    expect(mentionMatches({ attribute: 'occupation', value: 'nurse' }, 'A night shift nurse in a busy emergency room')).toBe(true);
  });

  it('needs at least half of the mention words', () => {
    // {occupation, pediatric, nurse}: 1 of 3 shared
    expect(mentionMatches({ attribute: 'occupation', value: 'pediatric nurse' }, 'a nurse')).toBe(false);
    // {dietary, preference, strict, vegan, diet}: strict, vegan, diet shared
    expect(
      mentionMatches(
        { attribute: 'dietary preference', value: 'strict vegan diet' },
        'I follow a strict vegan diet and refuse to consume any animal-derived products, including honey.',
      ),
    ).toBe(true);
  });

  it('compares stemmed forms on both sides', () => {
    // {hobby, hik} vs {love, hik, hill}: "hiking" and "hikes" both become "hik"
    expect(mentionMatches({ attribute: 'hobby', value: 'hiking' }, 'I love hikes in the hills')).toBe(true);
    // {outdoor, activity, preference, hik}: 1 of 4
    expect(mentionMatches({ attribute: 'outdoor activity preference', value: 'hiking' }, 'I love hikes')).toBe(false);
  });

  it('needs at least one shared word and a non-empty mention', () => {
    expect(mentionMatches({ attribute: 'music preference', value: 'jazz' }, 'I dislike floral fragrances.')).toBe(false);
    expect(mentionMatches({ attribute: 'the', value: 'of a' }, 'the of a')).toBe(false);
  });

  it('counts distinct mention words', () => {
    // {pet, ownership, two, dogs}: two and dogs shared = 2 of 4
    expect(mentionMatches({ attribute: 'pet ownership', value: 'two dogs' }, 'I have two dogs')).toBe(true);
  });
});

describe('valueMatches', () => {
  it('ignores the attribute: only the value words count', () => {
    expect(valueMatches('two dogs', 'i have two dogs')).toBe(true);
    // mentionMatches would fail here: {pet, ownership, kind, dog} share only 1 of 4 with the truth
    expect(mentionMatches({ attribute: 'pet ownership kind', value: 'dog' }, 'i have a dog')).toBe(false);
    expect(valueMatches('dog', 'i have a dog')).toBe(true);
  });

  it('needs at least half of the distinct value words, and at least one', () => {
    // {pediatric, nurse}: 1 of 2
    expect(valueMatches('pediatric nurse', 'i am a nurse')).toBe(true);
    // {pediatric, night, nurse}: 1 of 3
    expect(valueMatches('pediatric night nurse', 'i am a nurse')).toBe(false);
    // {jazz, jazz} is one distinct word
    expect(valueMatches('jazz jazz', 'i love jazz')).toBe(true);
    expect(valueMatches('jazz', 'i love queen')).toBe(false);
  });

  it('lower-cases, drops stop words and stems on both sides', () => {
    expect(valueMatches('Hiking and Fishing', 'i like hikes')).toBe(true);
    expect(valueMatches("afraid of SPIDERS!", 'i am terribly afraid of spiders')).toBe(true);
  });

  it('is false for a value of stop words only', () => {
    expect(valueMatches('of the', 'of the')).toBe(false);
    expect(valueMatches('', 'i have two dogs')).toBe(false);
  });
});

describe('number words in the matching rule', () => {
  it('matches a normalised age against the words that said it', () => {
    expect(valueMatches('28', "i'm twenty eight")).toBe(true);
    expect(valueMatches('2 kids', 'i have two kids')).toBe(true);
    expect(valueMatches('29', "i'm twenty eight")).toBe(false);
  });
});
