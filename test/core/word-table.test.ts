import { describe, expect, it } from 'vitest';
import { wordTable } from '../../pipeline/core/word-table.js';

describe('wordTable', () => {
  it('answers its own words and nothing a plain object inherits', () => {
    const table = wordTable({ mom: 'mother' });
    expect(table.mom).toBe('mother');
    for (const inherited of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']) {
      expect(table[inherited]).toBeUndefined();
      expect(inherited in table).toBe(false);
    }
  });
});
