import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOTS, type Embedder } from '../../pipeline/core/types.js';
import { resolveEmbedder } from '../../pipeline/embed/resolve-embedder.js';
import { compareWithReference, locateReference, normaliseLabel, parseNestedTaxonomy, REFERENCE_TAXONOMY_FILE } from '../../pipeline/taxonomy/compare-reference.js';
import type { NestedTaxonomy } from '../../pipeline/taxonomy/export.js';
import { labelSimilarity, labelWords, nodeFeatures } from '../../pipeline/taxonomy/label-similarity.js';
import { CALIBRATIONS, calibrateThreshold, matchThreshold, parseLabelledPairs } from '../../pipeline/taxonomy/match-calibration.js';
import { tempDir } from '../helpers/temp-dir.js';

const PAIRS = 'test/fixtures/taxonomy/compare-pairs.jsonl';
const HAND_REFERENCE = 'test/fixtures/taxonomy/reference.json';
const roots = DEFAULT_ROOTS;
const at = (x: number) => ({ threshold: x, source: 'test' });

/** Bag-of-words vectors: cosine is word overlap, so expected numbers can be worked out by hand. */
function wordEmbedder(): Embedder {
  const vocab = new Map<string, number>();
  return {
    id: 'words@test',
    dimensions: 64,
    thresholds: { duplicate: 0.95, match: 0.7, assign: 0.8 },
    async embed(texts) {
      return texts.map((t) => {
        const v = new Float32Array(64);
        for (const w of t.split(' ').filter(Boolean)) v[vocab.get(w) ?? vocab.set(w, vocab.size).get(w)!]! += 1;
        return v;
      });
    },
  };
}

// One leaf of ours near three reference leaves: many-to-one counts it three times, one-to-one once.
const OURS: NestedTaxonomy = {
  'Core Values, Beliefs, and Philosophy': { Faith: { Religion: {} } },
  'Hobbies, Interests, and Lifestyle': { Music: { 'Music Genre': {} } },
};
const REFERENCE: NestedTaxonomy = {
  Beliefs: { Religion: { Religion: {}, 'Religious Affiliation': {}, 'Religious Practice': {} } },
  Hobbies: { Music: { favoriteGenre: {} } },
};

describe('label similarity', () => {
  it('normalises camelCase, snake_case and kebab-case labels', () => {
    expect(['foodPreference', 'food_preference', 'Food-Preference', ' Food  Preference ', 'HTMLSkill'].map(normaliseLabel)).toEqual([
      'food preference', 'food preference', 'food preference', 'food preference', 'html skill',
    ]);
  });

  it("takes a generic leaf's subject from its parent, folds plurals, and needs a shared key word", async () => {
    expect(labelWords(['Career', 'Occupation', 'Status'])).toEqual(['occupation', 'status']);
    expect(labelWords(['Health', 'Dietary Preferences', 'Allergies'])).toEqual(['allergy']);
    expect(labelWords(['Demographic', 'Marital Status', 'marital_status'])).toEqual(['marital', 'status']);
    const [gender, genderGender, genderPreferences, musicPreference] = await nodeFeatures(wordEmbedder(), [
      ['Demographic Information', 'Gender'], ['Demographic', 'Gender', 'Gender'], ['Demographic', 'Gender', 'Preferences'], ['Music', 'Preferences'],
    ]);
    // "Gender" and "Gender › Preferences" share a key word, but "Gender › Gender" shares all of its words.
    expect(labelSimilarity(gender!, genderGender!)).toBeGreaterThan(labelSimilarity(gender!, genderPreferences!));
    // Sharing only "preference" is no overlap at all: the score is the cosine alone (here 1/2 · 1/2).
    expect(labelSimilarity(genderPreferences!, musicPreference!)).toBeCloseTo(0.25, 6);
  });
});

describe('compareWithReference', () => {
  it('reads nested JSON leniently and rejects what is not a taxonomy', () => {
    expect(parseNestedTaxonomy({ A: { B: {}, C: ['x', 'y'], D: null, E: 'a description' } })).toEqual({ A: { B: {}, C: { x: {}, y: {} }, D: {}, E: {} } });
    for (const bad of [[], {}, 'text', null]) expect(() => parseNestedTaxonomy(bad)).toThrow(/not a nested taxonomy/);
  });

  it('matches one to one while many-to-one counts one of ours for many reference leaves', async () => {
    const result = await compareWithReference(OURS, REFERENCE, wordEmbedder(), { roots, threshold: at(0.2) });
    expect(result.matches.map((m) => [m.ours, m.reference])).toEqual([
      ['Core Values, Beliefs, and Philosophy › Faith › Religion', 'Beliefs › Religion › Religion'],
      ['Hobbies, Interests, and Lifestyle › Music › Music Genre', 'Hobbies › Music › favoriteGenre'],
    ]);
    // "faith religion" vs "religion religion": cosine 1/√2, words {religion} both: (0.7071 + 1) / 2.
    expect(result.matches[0]!.similarity).toBeCloseTo(0.8536, 4);
    expect(result.oneToOne).toEqual({
      matched: 2,
      reference: { matched: 2, total: 4, share: 0.5 },
      ours: { matched: 2, total: 2, share: 1 },
      rootAgreement: { matched: 2, total: 2, share: 1 },
    });
    expect(result.manyToOne.reference).toEqual({ matched: 4, total: 4, share: 1 });
    expect(result.manyToOne.widest[0]).toEqual({ ours: 'Core Values, Beliefs, and Philosophy › Faith › Religion', referenceLeaves: 3 });
    expect(result.counts.reference).toEqual({ roots: 2, nodes: 8, leaves: 4, maxDepth: 3, meanLeavesPerRoot: 2 });
  });

  it('applies the threshold: no match below it, fewer matches as it rises', async () => {
    const counts: number[] = [];
    for (const t of [0.2, 0.5, 0.7, 0.9]) {
      const r = await compareWithReference(OURS, REFERENCE, wordEmbedder(), { roots, threshold: at(t) });
      expect(r.threshold).toBe(t);
      expect(r.matches.every((m) => m.similarity >= t)).toBe(true);
      counts.push(r.oneToOne.matched);
    }
    // Music Genre ⇄ favoriteGenre scores (3/√15 + 1/2) / 2 ≈ 0.637: in at 0.5, out at 0.7.
    expect(counts).toEqual([2, 2, 1, 0]);
  });

  it('uses each leaf at most once on both sides, even when every pair is a candidate', async () => {
    const ours = parseNestedTaxonomy(JSON.parse(readFileSync(HAND_REFERENCE, 'utf8')));
    const reference = { ...REFERENCE, Extra: { Pets: { petType: {}, petOwnership: {} }, Work: { jobTitle: {} } } };
    const r = await compareWithReference(ours, reference, wordEmbedder(), { roots, threshold: at(-1) });
    expect(new Set(r.matches.map((m) => m.ours)).size).toBe(r.matches.length);
    expect(new Set(r.matches.map((m) => m.reference)).size).toBe(r.matches.length);
    expect(r.oneToOne.matched).toBe(Math.min(r.counts.ours.leaves, r.counts.reference.leaves));
    expect(r.matches.map((m) => m.similarity)).toEqual([...r.matches.map((m) => m.similarity)].sort((a, b) => b - a));
    expect(r.unmatchedOurs).toHaveLength(r.counts.ours.leaves - r.matches.length);
  });

  it('draws --pairs from the matches, the same for a seed, a prefix for a smaller n', async () => {
    const ours = parseNestedTaxonomy(JSON.parse(readFileSync(HAND_REFERENCE, 'utf8')));
    const run = (pairs: number, seed: number) => compareWithReference(ours, ours, wordEmbedder(), { roots, threshold: at(0.5), pairs, seed });
    const [a, b, c, d] = await Promise.all([run(5, 7), run(5, 7), run(3, 7), run(5, 8)]);
    expect(a.matches).toHaveLength(13);
    expect(a.pairs).toHaveLength(5);
    expect(b.pairs).toEqual(a.pairs);
    expect(c.pairs).toEqual(a.pairs.slice(0, 3));
    expect(d.pairs).not.toEqual(a.pairs);
    for (const p of a.pairs) expect(a.matches).toContainEqual(p);
    expect((await run(50, 7)).pairs).toHaveLength(13);
  });
});

describe('the reference location', () => {
  it('skips with a reason when the reference folder or its taxonomy is absent, and finds a synthetic one', () => {
    const dir = tempDir('dp-reference-');
    const skipped = locateReference(undefined, join(dir, 'absent'));
    expect(skipped).toEqual({ skipped: expect.stringMatching(/^no DeepPersona reference at .*large_attributes\.json \(it is unlicensed, so never shipped/) });
    expect(locateReference(dir)).toMatchObject({ skipped: expect.any(String) });
    const file = join(dir, REFERENCE_TAXONOMY_FILE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(REFERENCE));
    expect(locateReference(undefined, dir)).toEqual({ file });
    expect(locateReference(dir)).toEqual({ file });
    expect(locateReference(file)).toEqual({ file });
    expect(() => locateReference(join(dir, 'absent.json'))).toThrow(/absent\.json: no such file/);
  });
});

describe('threshold calibration', () => {
  it('the shipped wink-sif threshold is the one the labelled pairs give', async () => {
    const embedder = resolveEmbedder('wink-sif', { cacheDir: 'outputs/cache' });
    const pairs = parseLabelledPairs(readFileSync(PAIRS, 'utf8'), PAIRS);
    expect(pairs.length).toBeGreaterThanOrEqual(100);
    const calibration = await calibrateThreshold(pairs, embedder);
    const { embedderId, ...rest } = calibration;
    expect(CALIBRATIONS[embedderId]).toEqual(rest);
    expect(matchThreshold(embedder).threshold).toBe(calibration.threshold);
    // Recount precision and recall at the shipped cut from the scores themselves.
    const ours = await nodeFeatures(embedder, pairs.map((p) => p.ours));
    const refs = await nodeFeatures(embedder, pairs.map((p) => p.reference));
    const called = pairs.map((_, i) => labelSimilarity(ours[i]!, refs[i]!) >= calibration.threshold);
    const tp = pairs.filter((p, i) => p.same && called[i]).length;
    expect(tp / called.filter(Boolean).length).toBeCloseTo(calibration.precision, 4);
    expect(tp / pairs.filter((p) => p.same).length).toBeCloseTo(calibration.recall, 4);
    // The labelled set is ours to judge: a better cut than chance, on pairs it was not tuned on too.
    expect(calibration.crossValidated.f1).toBeGreaterThan(0.6);
  });

  it('an embedder without a calibration falls back to its own match threshold, said so', () => {
    expect(matchThreshold(wordEmbedder())).toEqual({ threshold: 0.7, source: expect.stringMatching(/^uncalibrated: /) });
  });

  it('names the file and line of a bad labelled pair', () => {
    expect(() => parseLabelledPairs('{"ours": "A › B", "reference": "X", "same": true}\n{"ours": "A"}\n', 'p.jsonl')).toThrow(/^p\.jsonl:2: expected/);
    expect(() => parseLabelledPairs('{"ours": "A", "reference": "X", "same": true}\n', 'p.jsonl')).toThrow(/both kinds/);
    expect(() => parseLabelledPairs('nope\n', 'p.jsonl')).toThrow(/^p\.jsonl:1: not valid JSON/);
  });
});
