import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../pipeline/core/types.js';
import { defaultWordNet } from '../../pipeline/lexicon/wordnet.js';
import { appendRow } from '../../pipeline/store/append-row.js';
import { Store } from '../../pipeline/store/store.js';
import { isFirstPersonValue, isGeneralValue } from '../../pipeline/taxonomy/value-head.js';
import { echoesLeaf, screenedValues, SignatureVectors } from '../../pipeline/taxonomy/value-screen.js';
import { classTopic, fitByLexicon, fitsInContext, signaturesOf } from '../../pipeline/taxonomy/value-sense.js';
import { tempDir } from '../helpers/temp-dir.js';

const wn = defaultWordNet()!;

/** A two-axis space: animal words on one axis, vehicle words on the other, anything else between. */
const toy: Embedder = {
  id: 'toy', dimensions: 2, thresholds: { duplicate: 0.9, match: 0.45, assign: 0.5 },
  async embed(texts) {
    return texts.map((t) => {
      const animal = /vertebrate|endangered|animal|frog/i.test(t) ? 1 : 0;
      const vehicle = /vehicle|wheel|road/i.test(t) ? 1 : 0;
      const v = Float32Array.from(animal + vehicle === 0 ? [1, 1] : [animal, vehicle]);
      const n = Math.hypot(v[0]!, v[1]!);
      return v.map((x) => x / n);
    });
  },
};

describe('value fit under a class name', () => {
  it('reads class names and only them', () => {
    expect(classTopic(wn, 'Motor Vehicle Preference')?.lemma).toBe('motor vehicle');
    expect(classTopic(wn, 'Occupation')).toBeNull();
    expect(classTopic(wn, 'Owned Truck')).toBeNull();
  });

  it('decides from WordNet when every sense agrees, and leaves ambiguity to the context', () => {
    const vehicle = classTopic(wn, 'Motor Vehicle Preference')!;
    expect(fitByLexicon(wn, vehicle, 'car')).toBe('ambiguous'); // also a railcar, a gondola
    expect(fitByLexicon(wn, vehicle, 'limousine')).toBe('fits');
    expect(fitByLexicon(wn, vehicle, 'banana')).toBe('misfit');
    expect(fitByLexicon(wn, vehicle, 'amphibian')).toBe('ambiguous'); // first sense a vehicle, third an animal
    expect(fitByLexicon(wn, classTopic(wn, 'Dietary Preference')!, 'diet')).toBe('fits'); // one stem
    expect(fitByLexicon(wn, classTopic(wn, 'Popular Music Preference')!, 'music')).toBe('fits'); // the class said loosely
    expect(fitByLexicon(wn, classTopic(wn, 'Stringed Instrument Preference')!, 'band')).toBe('misfit');
  });

  it('chooses the sense nearest the value in the vector space', async () => {
    const vehicle = classTopic(wn, 'Motor Vehicle Preference')!;
    const sigs = await toy.embed(signaturesOf(wn, 'amphibian'));
    const [animalValue, vehicleValue] = await toy.embed(['endangered amphibians', 'amphibians with big wheels']);
    expect(fitsInContext(wn, vehicle, 'amphibian', animalValue!, sigs)).toBe(false);
    expect(fitsInContext(wn, vehicle, 'amphibian', vehicleValue!, sigs)).toBe(true);
  });

  it('knows values that name nothing', () => {
    expect(isGeneralValue('minor stuff')).toBe(true);
    expect(isGeneralValue('places')).toBe(true);
    expect(isGeneralValue('actual plumbing work')).toBe(false);
  });

  it('knows values that only repeat their leaf', () => {
    expect(echoesLeaf('structure', 'Owned Structure')).toBe(true);
    expect(echoesLeaf('children', 'Child')).toBe(true);
    expect(echoesLeaf('vegan', 'Diet')).toBe(false);
    expect(echoesLeaf('hot shower', 'Shower')).toBe(false);
  });

  it('knows values in the speaker\'s first person, as users type them', () => {
    expect(isFirstPersonValue('pottery business separate from my teaching career')).toBe(true);
    expect(isFirstPersonValue('vegetables into our meals')).toBe(true);
    expect(isFirstPersonValue('activities that keep me grounded')).toBe(true);
    expect(isFirstPersonValue('things im into')).toBe(true);
    expect(isFirstPersonValue('trips to the us')).toBe(false);
    expect(isFirstPersonValue('mystery novels')).toBe(false);
  });
});

describe('screenedValues', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'screen.duckdb'));
    await store.run('CREATE TEMP TABLE facet_leaf_values (leaf INTEGER, value VARCHAR, mentions INTEGER)');
    const app = await store.appender('facet_leaf_values');
    const rows: [number, string, number][] = [
      [0, 'cars', 3], [0, 'pickup trucks', 2], [0, 'endangered amphibians', 1], [0, 'minor stuff', 1], [0, 'or biking to get', 1], [0, 'sustainable', 1], [0, 'trucks for my ranch', 1],
      [1, 'introverted', 2], [1, 'sustainable', 1], [1, 'calm', 2],
      [2, 'bananas', 2], [2, 'apples', 1],
      [3, 'wicker in my cab', 2], [3, 'rugs for our porch', 1],
    ];
    for (const r of rows) appendRow(app, r);
    app.closeSync();
  });
  afterAll(() => store.close());

  it('screens misfits, general nouns, first-person values and stray adjectives, never the leaf whole', async () => {
    const sigs = new SignatureVectors(wn, toy);
    expect([...(await screenedValues(store, 0, 'Motor Vehicle Preference', wn, sigs))].sort()).toEqual(['endangered amphibians', 'minor stuff', 'sustainable', 'trucks for my ranch']);
    // A leaf of adjectives keeps them: there they are the answers.
    expect(await screenedValues(store, 1, 'Personality Trait', wn, sigs)).toEqual(new Set());
    // Every value misfits: nothing is screened (the name gate, not the screen, judges such a leaf).
    expect(await screenedValues(store, 2, 'Motor Vehicle Preference', wn, sigs)).toEqual(new Set());
    // Except another speaker's first person: never shown, even when the leaf is left with nothing.
    expect([...(await screenedValues(store, 3, 'Furnishing Preference', wn, sigs))].sort()).toEqual(['rugs for our porch', 'wicker in my cab']);
  });
});
