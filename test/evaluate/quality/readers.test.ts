import { describe, expect, it } from 'vitest';
import { mineCardinality, singleValuedNodes } from '../../../pipeline/evaluate/quality/mined-cardinality.js';
import { corpusKindKey, readPersonaJsonl } from '../../../pipeline/evaluate/quality/persona-jsonl.js';
import { readDeepPersonaProfiles } from '../../../pipeline/evaluate/readers/deeppersona-profiles.js';

describe('readDeepPersonaProfiles', () => {
  const json = {
    metadata: { profiles_completed: 2 },
    Profile_10: { 'Profile Index': 10, 'Demographic Information': { Age: { Current: '41' } }, Summary: 'B' },
    Profile_2: {
      'Generated At': '2025-05-19 02:55:20',
      'Profile Index': 2,
      'Demographic Information': { Age: { Current: '83 years old' }, Gender: { Gender: 'Female' }, Location: { country: 'Canada' } },
      Hobbies: { Sports: ['tennis', 'golf'], Count: 3 },
      Summary: 'I am 83.',
    },
  };

  it('turns nested profiles into path/value attributes in profile order, with plain anchors', () => {
    const set = readDeepPersonaProfiles(json, 'authors');
    expect(set.personas.map((p) => p.id)).toEqual(['Profile_2', 'Profile_10']);
    const p = set.personas[0]!;
    expect(p.attributes).toEqual([
      { path: ['Demographic Information', 'Age', 'Current'], value: '83 years old' },
      { path: ['Demographic Information', 'Gender', 'Gender'], value: 'Female' },
      { path: ['Demographic Information', 'Location', 'country'], value: 'Canada' },
      { path: ['Hobbies', 'Sports'], value: 'tennis' },
      { path: ['Hobbies', 'Sports'], value: 'golf' },
      { path: ['Hobbies', 'Count'], value: '3' },
    ]);
    expect(p.anchors).toEqual({ sex: 'female', country: 'Canada' });
    expect(p.summary).toBe('I am 83.');
    expect(set.personas[1]!.anchors).toEqual({});
  });

  it('rejects other shapes', () => {
    expect(() => readDeepPersonaProfiles([], 'x')).toThrow(/Profile_/);
    expect(() => readDeepPersonaProfiles({ metadata: {} }, 'x')).toThrow(/no profile/);
  });
});

describe('readPersonaJsonl', () => {
  const ours = {
    id: 'persona_1',
    anchors: { country: { iso2: 'PK', name: 'Pakistan' }, age: 32, sex: 'male', city: { name: 'Rajanpur' }, occupation: { title: 'Nurse', soc: '1' } },
    attributes: {
      'Demographic Information': { Age: { value: '32', origin: 'anchor', polarity: 'neutral', node_id: 'n_age' } },
      Hobbies: { Interest: { Tkinter: { value: 'tkinter', origin: 'corpus', polarity: 'negative', node_id: 'n_int', facet_id: 'f_tk' }, Chess: { value: 'Chess', origin: 'corpus', polarity: 'positive', node_id: 'n_int', facet_id: 'f_ch' } } },
    },
    summary: 'Hi.',
  };
  const neutral = { id: 'u1', attributes: [{ path: ['A'], value: 'b', source: 'human' }] };

  it('maps our nested lines, looking corpus kinds up by facet then node', () => {
    const kinds = new Map([[corpusKindKey('f_tk', 'TKINTER'), 'llm-corpus' as const], [corpusKindKey('n_int', 'chess'), 'human' as const]]);
    const set = readPersonaJsonl(`${JSON.stringify(ours)}\n\n${JSON.stringify(neutral)}\n`, 'f', kinds);
    const [p, u] = set.personas;
    expect(p!.anchors).toEqual({ age: 32, sex: 'male', country: 'Pakistan', city: 'Rajanpur', occupation: 'Nurse' });
    expect(p!.attributes).toEqual([
      { path: ['Demographic Information', 'Age'], value: '32', polarity: 'neutral', node: 'n_age', source: 'anchor' },
      { path: ['Hobbies', 'Interest', 'Tkinter'], value: 'tkinter', polarity: 'negative', node: 'n_int', source: 'llm-corpus' },
      { path: ['Hobbies', 'Interest', 'Chess'], value: 'Chess', polarity: 'positive', node: 'n_int', source: 'human' },
    ]);
    expect(u).toEqual(neutral);
  });

  it('leaves corpus kinds unknown without a map, and names a bad line', () => {
    expect(readPersonaJsonl(JSON.stringify(ours), 'f').personas[0]!.attributes[1]!.source).toBeUndefined();
    expect(() => readPersonaJsonl('{"id":1}\nnot json', 'f.jsonl')).toThrow(/f\.jsonl:2/);
  });
});

describe('mineCardinality', () => {
  it('uses only speakers with two or more mentions', () => {
    const rows = [
      // religion: 5 repeat speakers, 0 name two things → single-valued
      ...['a', 'b', 'c', 'd', 'e'].flatMap((s) => [{ node: 'religion', speaker: s, value: 'catholic' }, { node: 'religion', speaker: s, value: 'a devout catholic' }]),
      // hobby: 5 repeat speakers, all name two things → multi-valued
      ...['a', 'b', 'c', 'd', 'e'].flatMap((s) => [{ node: 'hobby', speaker: s, value: 'chess' }, { node: 'hobby', speaker: s, value: 'running' }]),
      // rare: 9 single-mention speakers say nothing about cardinality
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((s) => ({ node: 'rare', speaker: s, value: s })),
    ];
    const card = mineCardinality(rows);
    expect(card).toEqual([
      { node: 'hobby', repeatSpeakers: 5, multiSpeakers: 5, singleValued: false },
      { node: 'rare', repeatSpeakers: 0, multiSpeakers: 0, singleValued: false },
      { node: 'religion', repeatSpeakers: 5, multiSpeakers: 0, singleValued: true },
    ]);
    expect([...singleValuedNodes(card)]).toEqual(['religion']);
    expect(singleValuedNodes(mineCardinality(rows, { minSpeakers: 6 })).size).toBe(0);
  });
});
