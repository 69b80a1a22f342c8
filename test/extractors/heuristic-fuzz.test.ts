import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../pipeline/extractors/heuristic/index.js';
import { spanWords } from '../../pipeline/extractors/heuristic/span-text.js';
import { tokenise } from '../../pipeline/extractors/heuristic/tokens.js';
import { casualText, fuzzText, longText, spanViolations, surrogateText, unicodeText } from '../helpers/fuzz-text.js';

// Fixed seeds: the runs are deterministic; `npm run bench -- fuzz` explores a million more inputs.
const SEED = 20240611;

function holds(text: string): void {
  const mentions = extractFromText(text);
  expect(spanViolations(text, mentions)).toEqual([]);
}

describe('heuristic extractor: crash regressions', () => {
  // A bare activity verb as the last token ("i hike") made activity() read the words of the empty
  // span after it; spanWords took toks[span.start] as its lead token, past the end of the turn.
  it.each([
    'i usually hike',
    'i hike',
    'i love to collect stamps from every country i visit , i hike',
    'i usually collect stamps from every country i visit , i swim',
    'I bake Breaking Bad because nurse i opt three i hike\u3000',
    // Word tables were plain objects: "constructor" looked up a function and WordNet threw on it.
    'i love my constructor',
    'im a toString valueOf person , my hasOwnProperty is __proto__',
    'my constructor and i live in toString',
  ])('%j does not throw and keeps its spans exact', (text) => {
    holds(text);
  });

  it('spanWords reads nothing from an empty or out-of-range span', () => {
    const toks = tokenise('i hike');
    expect(spanWords(toks, { start: 2, end: 2 })).toEqual([]);
    expect(spanWords(toks, { start: 5, end: 9 })).toEqual([]);
    expect(spanWords(toks, { start: 1, end: 9 })).toContain('hike');
  });
});

describe('heuristic extractor: properties', () => {
  it('never throws and keeps exact, in-bounds spans on casual, Unicode and surrogate-salted text', () => {
    fc.assert(fc.property(fuzzText, holds), { seed: SEED, numRuns: 5000 });
  });

  it('holds on disclosure-rich casual text in every casing and spacing', () => {
    fc.assert(fc.property(casualText, holds), { seed: SEED + 1, numRuns: 2500 });
  });

  it('holds on arbitrary code points, graphemes and lone surrogates', () => {
    fc.assert(fc.property(fc.oneof(unicodeText, surrogateText), holds), { seed: SEED + 2, numRuns: 1500 });
  });

  it('holds on very long turns (10k+ characters)', () => {
    fc.assert(fc.property(longText, (text) => {
      expect(text.length).toBeGreaterThanOrEqual(10_000);
      holds(text);
    }), { seed: SEED + 3, numRuns: 30 });
  });
});
