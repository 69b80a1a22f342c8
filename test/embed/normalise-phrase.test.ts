import { describe, expect, it } from 'vitest';
import { normalisePhrase, singularWord } from '../../pipeline/embed/normalise-phrase.js';

const CASES: Array<[string, string]> = [
  // tidy
  ['occupation', 'occupation'],
  ['pet ownership', 'pet ownership'],
  ['hobbies', 'hobby'],
  ['activities', 'activity'],
  ['preferences', 'preference'],
  ['movies', 'movie'],
  ['children', 'child'],
  ['people', 'person'],
  ['women', 'woman'],
  ['tv series', 'tv series'],
  ['glasses', 'glasses'],
  ['fitness class', 'fitness class'],
  ['relationship status', 'relationship status'],
  ['religious views', 'religious view'],
  ['tennis', 'tennis'],
  ['diagnosis', 'diagnosis'],
  ['political beliefs', 'political belief'],
  ['food allergies', 'food allergy'],
  ['boxes', 'box'],
  ['watches', 'watch'],
  ['headaches', 'headache'],
  ['courses', 'course'],
  ['houses', 'house'],
  ['shoes', 'shoe'],
  ['relatives', 'relative'],
  ['lives', 'life'],
  ['news sources', 'news source'],
  ['gas', 'gas'],
  ['politics', 'politics'],
  ['always', 'always'],
  // messy
  ["Mother's Occupation", 'mother occupation'],
  ["  my   parents' jobs!! ", 'parent job'],
  ['Pet_Ownership', 'pet ownership'],
  ['petOwnership', 'pet ownership'],
  ['iPhone models', 'iphone model'],
  ['The Favorite Movies', 'favorite movie'],
  ['type of pets', 'type of pet'],
  ['hobbies of the', 'hobby'],
  ['Long-term goals', 'long-term goal'],
  ['- t-shirts -', 't-shirt'],
  ['Résumé details', 'resume detail'],
  ['music / movies & books', 'music movie book'],
  ['“Favourite” foods…', 'favourite food'],
  ['mother’s job', 'mother job'],
  ['the', 'the'],
  ['', ''],
  ['   ', ''],
  ['Demographic.Age.years_old', 'demographic age year old'],
  ['2 DOGS', '2 dog'],
];

describe('normalisePhrase', () => {
  it.each(CASES)('%j → %j', (input, expected) => {
    expect(normalisePhrase(input)).toBe(expected);
  });

  it('is idempotent on every case and on odd unicode', () => {
    const inputs = [...CASES.map(([i]) => i), 'İstanbul trips', 'ﬁsh ﬁllets', 'naïve CAFÉS', 'crises', 'analyses', 'quizzes', 'classes', 'buses', 'a of the my', 'Kids’ toys'];
    for (const input of inputs) {
      const once = normalisePhrase(input);
      expect(normalisePhrase(once), input).toBe(once);
    }
  });

  it('singularWord is idempotent and leaves singular nouns alone', () => {
    for (const w of ['class', 'bus', 'status', 'analysis', 'series', 'hobby', 'movie', 'box', 'child', 'house', 'course', 'news', 'physics', 'this', 'its']) {
      expect(singularWord(w), w).toBe(w);
    }
    for (const w of ['classes', 'hobbies', 'movies', 'children', 'wolves', 'quizzes', 'crises', 'ties', 'smoothies']) {
      expect(singularWord(singularWord(w)), w).toBe(singularWord(w));
    }
  });

  it('is deterministic', () => {
    expect(CASES.map(([i]) => normalisePhrase(i))).toEqual(CASES.map(([i]) => normalisePhrase(i)));
  });
});
