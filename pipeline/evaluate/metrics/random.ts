import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { personaRng, type RandomGenerator } from '../../persona/rng.js';

/**
 * The metrics' seeded generator. It reuses personaRng's labelled-sha256 seeding (whole 128-bit
 * xoroshiro state from the seed, so seeds 1, 2, 3 do not start alike) with its own stream name,
 * so a metric's draws never coincide with a persona's. Never the unseeded global generator: an evaluation must give
 * the same numbers for the same store and seed.
 */
export function metricRng(seed: number, stream: string): RandomGenerator {
  return personaRng(seed, 0, `evaluate/${stream}`);
}

/** An unbiased integer in [0, n) (pure-rand's rejection sampling, not ⌊u·n⌋). */
export const randomIndex = (rng: RandomGenerator, n: number): number => uniformInt(rng, 0, n - 1);
