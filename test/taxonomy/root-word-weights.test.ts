import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOTS } from '../../pipeline/core/types.js';
import { createSifEmbedder } from '../../pipeline/embed/sif-embedder.js';
import { assignRoots, rootExemplars } from '../../pipeline/taxonomy/assign-roots.js';
import { DEFAULT_ROOT_DESCRIPTIONS } from '../../pipeline/taxonomy/root-descriptions.js';
import { rootSpread, rootWeightedPhraseFn } from '../../pipeline/taxonomy/root-word-weights.js';
import { useRealWinkCache } from '../embed/real-wink-cache.js';

const winkCache = useRealWinkCache();
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

describe('root-discriminative word weights', () => {
  it('spread is the best score minus the mean score', () => {
    expect(rootSpread([0.9, 0.3, 0.3])).toBeCloseTo(0.4, 12);
    expect(rootSpread([0.5, 0.5])).toBe(0);
    expect(rootSpread([])).toBe(0);
  });

  it('weights each word by spread² of its own root scores, cached per word', () => {
    // Toy space: "salary" points at root 0 only, "preference" is equally near both roots.
    const unit: Record<string, number[]> = { salary: [1, 0, 0], preference: [0, 0, 1] };
    const seen: string[] = [];
    const phraseFn = (text: string, multiplier?: (w: string) => number) => {
      const acc = [0, 0, 0];
      for (const w of text.split(' ')) {
        const m = multiplier ? multiplier(w) : 1;
        unit[w]!.forEach((x, i) => (acc[i]! += m * x));
      }
      const n = Math.hypot(...acc) || 1;
      return Float32Array.from(acc, (x) => x / n);
    };
    const scoresOf = (v: Float32Array) => (seen.push(Array.from(v).join()), v[2]! > 0.5 ? [0.5, 0.5] : [v[0]!, 0]);
    const f = rootWeightedPhraseFn(phraseFn, scoresOf);
    const v = f('salary preference');
    // salary: spread 0.5 → 0.25; preference: spread 0 → the 1e-4 floor.
    expect(v[0]! / v[2]! / (0.25 / 1e-4)).toBeCloseTo(1, 6);
    f('preference salary');
    expect(seen).toHaveLength(2);
  });

  it('with the SIF embedder: a plain phraseFn equals embed, and root-neutral words stop deciding the root', async () => {
    const embedder = createSifEmbedder({ cacheDir: winkCache() });
    const texts = ['salary preference', 'music preference', 'sibling relationship', 'sleep schedule', 'religious belief', 'zxqvbnmtrq', ''];
    const plain = await embedder.phraseFn();
    const vecs = await embedder.embed(texts);
    texts.forEach((t, i) => expect(bytes(plain(t)).equals(bytes(vecs[i]!)), t).toBe(true));

    const exemplars = await rootExemplars(DEFAULT_ROOTS, DEFAULT_ROOT_DESCRIPTIONS, embedder);
    expect(exemplars.phraseVector).toBeTypeOf('function');
    const d = embedder.dimensions;
    const data = new Float32Array(texts.length * d);
    vecs.forEach((v, i) => data.set(v, i * d));
    const phrases = texts.map((text, i) => ({ id: `p${i}`, text, mentions: 1, conversations: Int32Array.of(i), sources: Int32Array.of(0) }));
    const roots = Array.from(assignRoots(phrases, { data, n: texts.length, d }, DEFAULT_ROOTS, exemplars), (r) => DEFAULT_ROOTS[r]);
    expect(roots.slice(0, 5)).toEqual([
      'Career and Work Identity',
      'Media Consumption and Engagement',
      'Relationships and Social Networks',
      'Lifestyle and Daily Routine',
      'Core Values, Beliefs, and Philosophy',
    ]);
    for (const t of texts) expect(Math.hypot(...exemplars.phraseVector!(t))).toBeCloseTo(1, 5);
  });
});
