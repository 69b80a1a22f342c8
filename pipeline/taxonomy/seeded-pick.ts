import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { personaRng } from '../persona/rng.js';

/**
 * k distinct indices of [0, n) drawn by a seeded partial Fisher–Yates shuffle, in draw order:
 * the same (seed, stream) always gives the same draw, and a smaller k gives a prefix of a larger one.
 */
export function seededPick(n: number, k: number, seed: number, stream: string): number[] {
  const rng = personaRng(seed, 0, stream);
  const order = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(n, Math.max(0, k));
  for (let i = 0; i < take; i++) {
    const j = uniformInt(rng, i, n - 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, take);
}
