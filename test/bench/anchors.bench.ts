/**
 * Persona anchors against the population tables: 10,000 personas in population mode, per-country
 * age KS (discrete, per whole year), country share error, and sampling speed. Nothing is asserted;
 * the acceptance targets are KS < 0.02 for every country with n >= 200 and small share errors.
 */
import { join } from 'node:path';
import { countryShareError, perCountryAgeKs } from '../../pipeline/anchors/fidelity.js';
import { createAnchorSampler } from '../../pipeline/anchors/sample-anchors.js';

const N = 10_000;
const SEED = 42;

export function benchAnchors(_work: string, dataDir: string): void {
  const t0 = performance.now();
  const sampler = createAnchorSampler({ mode: 'population', dataDir: join(dataDir, 'demographics') });
  const loadMs = performance.now() - t0;
  sampler.sample(SEED, 0); // warm the per-country caches so the timing is steady-state sampling
  const t1 = performance.now();
  const anchors = Array.from({ length: N }, (_, i) => sampler.sample(SEED, i));
  const perThousandMs = ((performance.now() - t1) / N) * 1000;

  const rows = perCountryAgeKs(anchors, sampler.ageWeights);
  const big = rows.filter((r) => r.n >= 200);
  const worstBig = big.reduce((w, r) => (r.ks > w.ks ? r : w), big[0]!);
  const maxKs = (minN: number) => Math.max(...rows.filter((r) => r.n >= minN).map((r) => r.ks));
  const share = countryShareError(anchors, sampler.countryWeights());
  const uniform = createAnchorSampler({ mode: 'uniform', dataDir: join(dataDir, 'demographics') });
  const uniformAges = Array.from({ length: N }, (_, i) => uniform.sample(SEED, i));
  const [uniformRow] = perCountryAgeKs(uniformAges, uniform.ageWeights);

  console.log(`\nanchors: ${N.toLocaleString()} personas (population mode, ages 18-90, seed ${SEED})`);
  console.log('  country  n      age KS');
  for (const r of rows.slice(0, 10)) console.log(`  ${r.iso2.padEnd(7)}  ${String(r.n).padEnd(5)}  ${r.ks.toFixed(4)}`);
  console.log(`  max age KS over ${big.length} countries with n >= 200: ${worstBig.ks.toFixed(4)} (${worstBig.iso2}, n=${worstBig.n})`);
  console.log(`  max age KS, n >= 100: ${maxKs(100).toFixed(4)}; n >= 50: ${maxKs(50).toFixed(4)} (iid noise at n = 50: ~${(1.36 / Math.sqrt(50)).toFixed(2)})`);
  console.log(`  countries sampled: ${rows.length}; country share max abs error: ${share.maxError.toFixed(5)} (${share.worst})`);
  console.log(`  uniform mode: ${uniformRow!.iso2}, age KS vs uniform 7-85: ${uniformRow!.ks.toFixed(4)}`);
  console.log(`  tables load ${loadMs.toFixed(0)} ms; ${perThousandMs.toFixed(2)} ms per 1,000 anchors`);
}
