import { describe, expect, it } from 'vitest';
import { incompleteReason } from '../../../pipeline/evaluate/quality/value-completeness.js';

describe('incompleteReason', () => {
  it.each([
    ['', 'empty'],
    ['—', 'empty'],
    ['hotels (with a pool', 'unbalanced'],
    ['she said "yes', 'unbalanced'],
    ['cooking, baking,', 'cut-punctuation'],
    ['long walks on the…', 'cut-punctuation'],
    ['seems', 'bare-function-word'],
    ['the', 'bare-function-word'],
    ['N/A', 'bare-function-word'],
    ['connecting with professionals who work in', 'dangling-end'],
    ['a cup of', 'dangling-end'],
    ['coffee and', 'dangling-end'],
    ['and logo design', 'starts-with-conjunction'],
    ['because it is cheap', 'starts-with-conjunction'],
  ])('%j → %s', (value, reason) => {
    expect(incompleteReason(value)).toBe(reason);
  });

  it.each(['32', 'tkinter', 'strict vegan diet', 'easy to log in', 'hotels (with a pool)', 'people I work with', '我喜欢喝咖啡', 'café au lait'])('%j is complete', (value) => {
    expect(incompleteReason(value)).toBeNull();
  });
});
