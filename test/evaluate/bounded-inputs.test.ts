import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenanceIndex, provenanceOf } from '../../pipeline/evaluate/evaluation-inputs.js';
import { loadCatalogRows } from '../../pipeline/persona/load-catalog.js';
import { loadPersonaPage } from '../../pipeline/persona/persona-store.js';
import type { Persona } from '../../pipeline/persona/types.js';
import { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

/** The evaluate and sample inputs read bounded answers from DuckDB; these are the answers the unbounded reads gave. */
const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';
let dir: string;
let store: Store;
let version: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-bounded-inputs-'));
  store = await Store.open(join(dir, 'store.duckdb'));
  await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 5, k: 60, maxValueChars: 12 } }), { until: 'sample', outputsDir: join(dir, 'outputs') });
  version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evaluation provenance', () => {
  it('finds evidence for exactly the values the full per-facet value lists did (exact, cut, absent)', async () => {
    const personas = await loadPersonaPage(store, { seed: 42, taxonomyVersion: version }, 0, 5);
    // Variants: a value cut short (prefix), one nobody said, one without a facet.
    const variants: Persona[] = personas.map((p, n) => ({
      ...p,
      attributes: p.attributes.map((a, i) => (i % 4 === 1 && a.value.length > 2 ? { ...a, value: a.value.slice(0, -2) } : i % 4 === 2 ? { ...a, value: `${a.value} zz` } : i % 4 === 3 && n % 2 ? { ...a, facetId: null } : a)),
    }));
    const said = new Map<string, string[]>();
    for (const r of await store.all<{ facet_id: string; value: string }>('SELECT DISTINCT facet_id, lower(trim(value)) AS value FROM facet_evidence WHERE version_id = $1', [version])) {
      said.set(r.facet_id, [...(said.get(r.facet_id) ?? []), r.value]);
    }
    const index = await provenanceIndex(store, version, [personas, variants]);
    const provenance = provenanceOf(index);
    let withEvidence = 0;
    for (const p of [...personas, ...variants]) {
      p.attributes.forEach((a, i) => {
        const expected = a.origin === 'corpus' && !!a.facetId && !!said.get(a.facetId)?.some((v) => v.startsWith(a.value));
        expect(provenance(p, i).hasEvidence, `${a.facetId} ${a.value}`).toBe(expected);
        withEvidence += expected ? 1 : 0;
      });
    }
    // Enough attributes to exercise every case; the popularity cap keeps this small corpus's personas short.
    expect(withEvidence).toBeGreaterThan(40);
    expect(await store.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name = 'provenance_wanted'")).toEqual([]);
  });
});

describe('persona catalog limits', () => {
  it("keeps each facet's most mentioned values and the most frequent co-occurring pairs", async () => {
    const full = await loadCatalogRows(store, version, { values: 1e9, pairs: 1e9 });
    const capped = await loadCatalogRows(store, version, { values: 2, pairs: 25 });
    const fullValues = new Map(full.leaves.map((l) => [l.facetId, l.values]));
    expect(capped.leaves.map((l) => l.facetId)).toEqual(full.leaves.map((l) => l.facetId));
    for (const leaf of capped.leaves) expect(leaf.values).toEqual(fullValues.get(leaf.facetId)!.slice(0, 2));
    expect(full.leaves.some((l) => l.values.length > 2)).toBe(true);
    // The 25 most frequent pairs (count desc, then ids), listed by ids as before.
    const byCount = [...full.pairs].sort((x, y) => y.count - x.count || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
    const byIds = (x: { a: string; b: string }, y: { a: string; b: string }) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1);
    expect(capped.pairs).toEqual(byCount.slice(0, 25).sort(byIds));
    expect(full.pairs.length).toBeGreaterThan(25);
    // The defaults cut nothing on a corpus this size.
    expect(await loadCatalogRows(store, version)).toEqual(full);
  });
});
