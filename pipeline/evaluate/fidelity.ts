import { biasCorrectedBootstrap, codedAges, codedCategorical, noiseFloor, weightedDraws, type NoiseFloor } from './metrics/index.js';
import type { PopulationReference } from './population-reference.js';
import type { SetPersona } from './readers/types.js';

/**
 * Anchor fidelity of any persona set against the population tables: ages by KS, JS divergence
 * (per year) and W1; sex and country by JS and max share error. Each figure is the
 * bias-corrected estimate with its bias-aware interval (metrics/bias-corrected.ts), the plug-in
 * beside it, and the noise floor: what draws from the population itself score at the same n
 * (metrics/noise-floor.ts), computed once per (metric, n) and shared by every set of that size.
 * A set that does not state a variable for at least two personas gets null with the reason.
 */

export interface FidelityValue {
  value: number | null;
  ci?: [number, number];
  plugin?: number;
  noiseFloor?: NoiseFloor;
  /** Personas stating the variable. */
  n?: number;
  /** Why value is null. */
  reason?: string;
  /** What to keep in mind (some personas do not state the variable). */
  note?: string;
}

export interface FidelityOptions {
  reference: PopulationReference;
  seed: number;
  /** Bootstrap resamples of each figure. */
  iterations: number;
  /** Ideal samples per noise floor. */
  floorDraws: number;
  /** Shared across sets: `${metric}@${n}` → floor. */
  floors: Map<string, NoiseFloor>;
}

interface FidelityStat {
  metric: string;
  variable: 'age' | 'sex' | 'country';
  stat: (codes: readonly number[]) => number;
  bounds: [number, number];
}

export function fidelityMetrics(personas: readonly SetPersona[], opts: FidelityOptions): Record<string, FidelityValue> {
  const { reference } = opts;
  // Coded statistics (metrics/coded-stats.ts): the same numbers as jsDivergence, ksStatistic1D, … at a fraction of the cost.
  const age = codedAges(reference.age.lo, reference.age.weights);
  const sex = codedCategorical(reference.sex);
  const country = codedCategorical(reference.countries);
  const stats: FidelityStat[] = [
    { metric: 'fidelity.age.ks', variable: 'age', stat: age.ks, bounds: [0, 1] },
    { metric: 'fidelity.age.js', variable: 'age', stat: age.js, bounds: [0, Math.LN2] },
    { metric: 'fidelity.age.wasserstein', variable: 'age', stat: age.w1, bounds: [0, Infinity] },
    { metric: 'fidelity.sex.js', variable: 'sex', stat: sex.js, bounds: [0, Math.LN2] },
    { metric: 'fidelity.sex.maxError', variable: 'sex', stat: sex.maxError, bounds: [0, 1] },
    { metric: 'fidelity.country.js', variable: 'country', stat: country.js, bounds: [0, Math.LN2] },
    { metric: 'fidelity.country.maxError', variable: 'country', stat: country.maxError, bounds: [0, 1] },
  ];
  const codes = {
    age: age.encode(personas.flatMap((p) => (p.anchors?.age === undefined ? [] : [p.anchors.age]))),
    sex: sex.encode(personas.flatMap((p) => (p.anchors?.sex === undefined ? [] : [p.anchors.sex]))),
    country: country.encode(personas.flatMap((p) => (p.anchors?.country === undefined ? [] : [p.anchors.country]))),
  };
  const indices = (shares: Float64Array) => Array.from(shares, (_, i) => i);
  const draws = {
    age: weightedDraws(indices(age.shares), age.shares),
    sex: weightedDraws(indices(sex.shares), sex.shares),
    country: weightedDraws(indices(country.shares), country.shares),
  };
  const out: Record<string, FidelityValue> = {};
  for (const s of stats) out[s.metric] = score(s, codes[s.variable], draws[s.variable], personas.length, opts);
  return out;
}

function score(s: FidelityStat, sample: readonly number[], draw: ReturnType<typeof weightedDraws<number>>, total: number, opts: FidelityOptions): FidelityValue {
  const n = sample.length;
  if (n < 2) return { value: null, n, reason: `${n} of ${total} personas state a${s.variable === 'age' ? 'n' : ''} ${s.variable}` };
  const b = biasCorrectedBootstrap(s.stat, sample, { seed: opts.seed, iterations: opts.iterations, bounds: s.bounds });
  const key = `${s.metric}@${n}`;
  let floor = opts.floors.get(key);
  if (!floor) {
    // The floor's own corrected estimate needs a bootstrap per ideal sample; fewer resamples keep it affordable.
    const inner = Math.min(opts.iterations, 100);
    floor = noiseFloor(draw, s.stat, { n, draws: opts.floorDraws, seed: opts.seed, stream: s.metric }, (x, d) =>
      biasCorrectedBootstrap(s.stat, x, { seed: opts.seed + d + 1, iterations: inner, bounds: s.bounds }).estimate);
    opts.floors.set(key, floor);
  }
  return { value: b.estimate, ci: [b.low, b.high], plugin: b.plugin, noiseFloor: floor, n, ...(n < total ? { note: `${n} of ${total} personas state a${s.variable === 'age' ? 'n' : ''} ${s.variable}` } : {}) };
}
