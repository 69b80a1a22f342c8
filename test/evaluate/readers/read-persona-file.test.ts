import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageOf, countryOf, inferAnchors, sexOf } from '../../../pipeline/evaluate/readers/infer-anchors.js';
import { readPersonaFile } from '../../../pipeline/evaluate/readers/read-persona-file.js';
import { releasedSets } from '../../../pipeline/evaluate/readers/reference-sets.js';
import { tempDir } from '../../helpers/temp-dir.js';

const FIXTURES = 'test/fixtures/evaluate';

describe('readPersonaFile', () => {
  it("reads the authors' profile collection: nested leaves, Summary apart, bookkeeping dropped, anchors from the text", () => {
    const f = readPersonaFile(join(FIXTURES, 'profiles.json'));
    expect(f).toMatchObject({ name: 'profiles', format: 'profiles', notes: ['metadata says 3 profiles, the file holds 2'] });
    expect(f.personas.map((p) => p.id)).toEqual(['Profile_1', 'Profile_3']);
    const [p1, p3] = f.personas;
    expect(p1!.attributes).toEqual([
      { path: ['Demographic Information', 'Age', 'Current'], value: '64 years old' },
      { path: ['Demographic Information', 'Age', 'Stage'], value: 'Late career' },
      { path: ['Demographic Information', 'Gender', 'Gender'], value: 'Female' },
      { path: ['Demographic Information', 'Location', 'country'], value: 'Canada' },
      { path: ['Demographic Information', 'Location', 'city'], value: 'Halifax, Nova Scotia' },
      { path: ['Hobbies, Interests, and Lifestyle', 'Outdoor', 'Activity'], value: 'Sea kayaking on weekends' },
      { path: ['Hobbies, Interests, and Lifestyle', 'Reading'], value: 'Historical fiction' },
    ]);
    expect(p1!.summary).toBe('A retired ferry engineer from Halifax who kayaks and reads historical novels.');
    expect(p1!.anchors).toEqual({ age: 64, sex: 'female', country: 'CA' });
    // "30-34 years" is the middle year; the country is named inside a sentence.
    expect(p3!.anchors).toEqual({ age: 32, sex: 'male', country: 'FR' });
    expect(p3!.attributes).toHaveLength(4);
  });

  it('reads OpenCharacter-style records: every field but ids and codes, the whole record as its text, ISO3 countries', () => {
    const f = readPersonaFile(join(FIXTURES, 'characters.json'));
    expect(f.format).toBe('records');
    const [a, b] = f.personas;
    expect(a!.id).toBe('00000000-0000-4000-8000-000000000001');
    expect(a!.attributes.map((x) => x.path[0])).toEqual(['persona', 'Name', 'Age', 'Gender', 'Race', 'Born Place', 'Appearance', 'General Experience', 'Personality', 'country_name']);
    expect(a!.attributes.find((x) => x.path[0] === 'Born Place')!.value).toBe('Bergen, Norway');
    expect(a!.anchors).toEqual({ age: 38, sex: 'female', country: 'NO' });
    expect(b!.anchors).toEqual({ age: 45, sex: 'male', country: 'KE' });
    expect(a!.summary).toBe('A tram driver in Oslo who collects vinyl records. Ingrid Dahl. 38. Female. White. Bergen, Norway. Tall, with short grey hair.. Has driven trams for twelve years.. Calm and precise.. NOR');
  });

  it('reads JSON Lines of our shape, the neutral shape and flat records, and notes broken lines', () => {
    const f = readPersonaFile(join(FIXTURES, 'personas.jsonl'));
    expect(f.format).toBe('jsonl');
    expect(f.notes).toEqual(['1 line(s) not a JSON object, skipped (first: line 4)']);
    const [ours, neutral, flat] = f.personas;
    expect(ours).toEqual({
      id: 'ours-1',
      anchors: { age: 29, sex: 'female', country: 'JP' },
      attributes: [
        { path: ['Demographic Information', 'Age'], value: '29', source: 'anchor' },
        { path: ['Hobbies, Interests, and Lifestyle', 'Music', 'Instrument'], value: 'violin' },
      ],
      summary: 'I am 29 and play the violin.',
    });
    expect(neutral).toEqual({
      id: 'neutral-1',
      anchors: { age: 51, sex: 'male', country: 'BR' },
      attributes: [{ path: ['Career', 'Job'], value: 'farmer', source: 'human' }, { path: ['Hobbies', 'Sport'], value: 'football', source: 'llm' }],
      summary: 'A farmer who loves football.',
    });
    expect(flat!.id).toBe('personas.jsonl:3');
    expect(flat!.attributes.map((x) => `${x.path.join('/')}=${x.value}`)).toEqual(['name=Ana', 'age=22 years old', 'gender=woman', 'country=Chile', 'hobby=chess', 'hobby=running']);
    expect(flat!.anchors).toEqual({ age: 22, sex: 'female', country: 'CL' });
  });

  it('rejects a file that is not a persona set, naming the shapes it reads', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taxonomy.json'), JSON.stringify({ Root: { Leaf: {} } }));
    expect(() => readPersonaFile(join(dir, 'taxonomy.json'))).toThrow(/not a persona set/);
    expect(() => readPersonaFile(join(dir, 'missing.json'))).toThrow(/no such file/);
  });
});

describe('inferAnchors', () => {
  it('reads only attributes whose path names the variable, stated ages first', () => {
    const anchors = inferAnchors([
      { path: ['Family', 'Children'], value: 'a 4 year old son' },
      { path: ['Age', 'General'], value: 'Elderly, over 3 decades retired' },
      { path: ['Age', 'Current'], value: '71 years old' },
      { path: ['Background', 'Hometown'], value: 'grew up near Canada Water in London' },
      { path: ['Location', 'country'], value: 'United Kingdom' },
    ]);
    // "Canada" and "United Kingdom" once each: the first named wins the tie.
    expect(anchors).toEqual({ age: 71, country: 'CA' });
    expect(ageOf('about 200 years')).toBeUndefined();
    expect(sexOf('Senior female demographic')).toBe('female');
    expect(sexOf('non-binary')).toBeUndefined();
    expect(countryOf([{ path: ['country_name'], value: 'can' }])).toBeUndefined();
  });
});

describe('releasedSets', () => {
  it('scores the persona files of the release and lists the rest as skipped; a missing release is one note', () => {
    const dir = tempDir();
    const data = join(dir, 'social_simulation_ca/data');
    mkdirSync(data, { recursive: true });
    copyFileSync(join(FIXTURES, 'profiles.json'), join(data, 'profiles.json'));
    copyFileSync(join(FIXTURES, 'characters.json'), join(data, 'characters.json'));
    writeFileSync(join(data, 'taxonomy.json'), JSON.stringify({ Root: { Leaf: {} } }));
    writeFileSync(join(data, 'list.json'), JSON.stringify(['a', 'b']));
    const r = releasedSets(dir, 1);
    expect(r.sets.map((s) => [s.name, s.kind, s.personas.length])).toEqual([['authors:characters', 'released', 1], ['authors:profiles', 'released', 1]]);
    expect(r.skipped.map((s) => s.file)).toEqual(['social_simulation_ca/data/list.json', 'social_simulation_ca/data/taxonomy.json']);
    expect(releasedSets(join(dir, 'nowhere'), 10)).toMatchObject({ sets: [], skipped: [{ reason: expect.stringContaining('no DeepPersona release') }] });
  });
});
