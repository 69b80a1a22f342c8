import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../pipeline/extractors/heuristic/index.js';

const said = (text: string) => extractFromText(text).map((m) => [m.attribute, m.value, m.root]);
const EMOTIONAL = 'Emotional and Relational Skills';

describe('relational family (emotional and relational skills)', () => {
  it('names people skills and difficulties under the emotional root', () => {
    expect(said("i'm a good listener")).toEqual([['interpersonal skill', 'good listener', EMOTIONAL]]);
    expect(said('i find it hard to say no')).toEqual([['interpersonal difficulty', 'say no', EMOTIONAL]]);
    expect(said('I sometimes struggle with setting boundaries')).toEqual([['interpersonal difficulty', 'setting boundaries', EMOTIONAL]]);
    expect(said("i'm bad at small talk")).toEqual([['interpersonal difficulty', 'small talk', EMOTIONAL]]);
    expect(said('i have a hard time trusting people')).toEqual([['interpersonal difficulty', 'trusting people', EMOTIONAL]]);
  });

  it('leaves difficulties that are not about feelings or people to the other families', () => {
    expect(said('I sometimes struggle with time management').map((m) => m[2])).not.toContain(EMOTIONAL);
    expect(said("i'm good at cooking").map((m) => m[2])).not.toContain(EMOTIONAL);
    expect(said('my friend is a good listener')).toEqual([]);
  });
});
