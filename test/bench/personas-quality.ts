/**
 * Read-back checks for the personas bench: everything here reads the store (personas,
 * persona_attributes, taxonomy_nodes, facet_evidence), never the generator, so it measures what a
 * run actually wrote. One persona set = one (run seed, taxonomy version), configured variant ('').
 */
import { ageKs, countryShareError, perCountryAgeKs } from '../../pipeline/anchors/fidelity.js';
import type { AnchorSampler } from '../../pipeline/anchors/sample-anchors.js';
import type { Store } from '../../pipeline/store/store.js';

export interface PersonaSet {
  seed: number;
  version: number;
}

/** The set's personas as a CTE named `p` (parameters $1 = seed, $2 = version). */
const P = `p AS (SELECT persona_id, anchors FROM personas WHERE run_seed = $1 AND taxonomy_version = $2 AND variant = '')`;

export interface PersonaQuality {
  personas: number;
  meanAttributes: number;
  minAttributes: number;
  maxAttributes: number;
  /** Configured roots that have at least one leaf in the taxonomy version. */
  taxonomyRoots: string[];
  /** Configured roots without any leaf (a persona cannot have them). */
  rootsWithoutLeaves: string[];
  personasMissingARoot: number;
  /** Per taxonomy root, how many personas lack it (only roots some persona lacks). */
  missingByRoot: Record<string, number>;
  attributes: number;
  /** Attributes whose node_id is a node of the set's taxonomy version / a leaf of it. */
  linkedToNode: number;
  linkedToLeaf: number;
  byOrigin: Record<string, number>;
  corpusValues: number;
  /** Corpus values with at least one facet_evidence mention whose value starts with them. */
  corpusWithEvidence: number;
}

const num = (x: unknown) => Number(x ?? 0);

export async function personaQuality(store: Store, set: PersonaSet, configuredRoots: readonly string[]): Promise<PersonaQuality> {
  const params = [set.seed, set.version];
  const sizes = await store.one(
    `WITH ${P}, n AS (SELECT p.persona_id, count(a.persona_id) AS n FROM p LEFT JOIN persona_attributes a USING (persona_id) GROUP BY 1)
     SELECT count(*) AS personas, avg(n) AS mean, min(n) AS min, max(n) AS max FROM n`,
    params,
  );
  const leafRoots = (await store.all<{ root: string }>('SELECT DISTINCT root FROM taxonomy_nodes WHERE version_id = $1 AND is_leaf ORDER BY root', [set.version])).map((r) => r.root);
  const taxonomyRoots = configuredRoots.filter((r) => leafRoots.includes(r));
  const missing = await store.all<{ root: string; missing: number }>(
    `WITH ${P}, t AS (SELECT DISTINCT root FROM taxonomy_nodes WHERE version_id = $2 AND is_leaf)
     SELECT t.root, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM persona_attributes a WHERE a.persona_id = p.persona_id AND a.root = t.root))::INTEGER AS missing
     FROM p CROSS JOIN t GROUP BY t.root ORDER BY t.root`,
    params,
  );
  const personasMissingARoot = await store.scalar(
    `WITH ${P}, t AS (SELECT DISTINCT root FROM taxonomy_nodes WHERE version_id = $2 AND is_leaf),
          covered AS (SELECT p.persona_id, count(DISTINCT a.root) AS n FROM p LEFT JOIN persona_attributes a ON a.persona_id = p.persona_id AND a.root IN (SELECT root FROM t) GROUP BY 1)
     SELECT count(*) FILTER (WHERE n < (SELECT count(*) FROM t)) FROM covered`,
    params,
  );
  const links = await store.one(
    `WITH ${P}
     SELECT count(*) AS attributes, count(n.node_id) AS node, count(n.node_id) FILTER (WHERE n.is_leaf) AS leaf
     FROM persona_attributes a JOIN p USING (persona_id) LEFT JOIN taxonomy_nodes n ON n.version_id = $2 AND n.node_id = a.node_id`,
    params,
  );
  const origins = await store.all<{ origin: string; n: number }>(
    `WITH ${P} SELECT origin, count(*) AS n FROM persona_attributes a JOIN p USING (persona_id) GROUP BY 1 ORDER BY 1`,
    params,
  );
  const evidence = await store.one(
    `WITH ${P}
     SELECT count(*) AS corpus, count(*) FILTER (WHERE EXISTS (
       SELECT 1 FROM facet_evidence e WHERE e.version_id = $2 AND e.facet_id = a.facet_id AND starts_with(lower(trim(e.value)), a.value))) AS evidenced
     FROM persona_attributes a JOIN p USING (persona_id) WHERE a.origin = 'corpus'`,
    params,
  );
  return {
    personas: num(sizes?.personas),
    meanAttributes: num(sizes?.mean),
    minAttributes: num(sizes?.min),
    maxAttributes: num(sizes?.max),
    taxonomyRoots,
    rootsWithoutLeaves: configuredRoots.filter((r) => !leafRoots.includes(r)),
    personasMissingARoot: num(personasMissingARoot),
    missingByRoot: Object.fromEntries(missing.filter((m) => m.missing > 0).map((m) => [m.root, m.missing])),
    attributes: num(links?.attributes),
    linkedToNode: num(links?.node),
    linkedToLeaf: num(links?.leaf),
    byOrigin: Object.fromEntries(origins.map((o) => [o.origin, num(o.n)])),
    corpusValues: num(evidence?.corpus),
    corpusWithEvidence: num(evidence?.evidenced),
  };
}

export interface CountryKs {
  iso2: string;
  n: number;
  ks: number;
  /** 1.36/√n: the KS an iid sample of this size exceeds 5% of the time. */
  noise: number;
}

export interface AnchorFidelity {
  personas: number;
  countries: number;
  /** Countries with at least `minN` personas, largest first. */
  big: CountryKs[];
  /** All ages against the population-weighted mixture of the per-country age tables. */
  pooledKs: number;
  shareMaxError: number;
  shareWorst: string | undefined;
  /** √(p(1−p)/n) of the worst country's share: the iid standard error of that share. */
  shareNoise: number;
}

/** Anchors of the set as stored (country, age), compared with the tables of `sampler` (built with the run's options). */
export async function anchorFidelity(store: Store, set: PersonaSet, sampler: AnchorSampler, minN = 200): Promise<AnchorFidelity> {
  const rows = await store.all<{ iso2: string; age: number }>(
    `WITH ${P} SELECT anchors->'country'->>'iso2' AS iso2, (anchors->>'age')::INTEGER AS age FROM p`,
    [set.seed, set.version],
  );
  const anchors = rows.map((r) => ({ country: { iso2: r.iso2 }, age: r.age }));
  const perCountry = perCountryAgeKs(anchors, sampler.ageWeights);
  const big = perCountry.filter((r) => r.n >= minN).map((r) => ({ ...r, noise: 1.36 / Math.sqrt(r.n) }));

  // The mixture every persona's age is drawn from: Σ_c share_c · (country c's per-year age shares).
  const countryWeights = sampler.countryWeights();
  const total = [...countryWeights.values()].reduce((a, b) => a + b, 0);
  let lo = 0;
  let mixture: Float64Array | undefined;
  for (const [iso2, w] of countryWeights) {
    if (w <= 0) continue;
    const table = sampler.ageWeights(iso2);
    const sum = table.weights.reduce((a, b) => a + b, 0);
    if (sum <= 0) continue;
    lo = table.lo;
    mixture ??= new Float64Array(table.weights.length);
    for (let i = 0; i < table.weights.length; i++) mixture[i] = mixture[i]! + (w / total) * (table.weights[i]! / sum);
  }
  const pooledKs = mixture ? ageKs(rows.map((r) => r.age), lo, mixture) : 1;
  const share = countryShareError(anchors, countryWeights);
  const p = share.worst ? (countryWeights.get(share.worst) ?? 0) / total : 0;
  return {
    personas: rows.length,
    countries: perCountry.length,
    big,
    pooledKs,
    shareMaxError: share.maxError,
    shareWorst: share.worst,
    shareNoise: Math.sqrt((p * (1 - p)) / Math.max(1, rows.length)),
  };
}
