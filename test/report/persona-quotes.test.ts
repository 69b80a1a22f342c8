import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersonas } from '../../pipeline/report/load-personas.js';
import { EVIDENCE_COLUMNS, EVIDENCE_ORDER, toEvidence, type EvidenceRow } from '../../pipeline/report/load-taxonomy.js';
import { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

/**
 * The persona cards' one quote per attribute is now picked from per-value aggregates (bounded);
 * it must be the quote the unbounded original picked: this is that query, kept as the reference.
 */
const referenceSql = `WITH wanted AS (
    SELECT DISTINCT a.node_id, a.facet_id, a.value FROM persona_attributes a
    WHERE a.persona_id IN (SELECT persona_id FROM personas WHERE taxonomy_version = $1 AND run_seed = $2 AND variant = '' AND persona_index < $3) AND a.origin = 'corpus'
  ), candidates AS (
    SELECT w.node_id, w.facet_id, w.value AS attr_value, 0 AS fallback, ${EVIDENCE_COLUMNS}, e.source_path, e.line, e.turn_index, e.span_start, e.mention_id
    FROM wanted w JOIN facet_evidence e ON e.version_id = $1 AND e.facet_id = w.facet_id
    UNION ALL
    SELECT w.node_id, w.facet_id, w.value AS attr_value, 1 AS fallback, ${EVIDENCE_COLUMNS}, e.source_path, e.line, e.turn_index, e.span_start, e.mention_id
    FROM wanted w JOIN node_evidence e ON e.version_id = $1 AND e.node_id = w.node_id
  ), matched AS (
    SELECT *, CASE WHEN lower(trim(value)) = lower(trim(attr_value)) THEN 0
                   WHEN starts_with(lower(trim(value)), lower(trim(attr_value))) THEN 1 ELSE 2 END AS match
    FROM candidates
  )
  SELECT e.node_id, e.facet_id, e.attr_value, ${EVIDENCE_COLUMNS}
  FROM matched e
  QUALIFY row_number() OVER (
    PARTITION BY e.node_id, e.facet_id, e.attr_value
    ORDER BY CASE WHEN e.match < 2 THEN 2 * e.fallback + e.match ELSE 4 + e.fallback END, ${EVIDENCE_ORDER}) = 1`;

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';
const SEED = 42;
let dir: string;
let store: Store;
let version: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-persona-quotes-'));
  store = await Store.open(join(dir, 'store.duckdb'));
  // Short values: many persona values are cut at a phrase boundary, so the prefix match is exercised.
  await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 6, k: 60, maxValueChars: 12 } }), { until: 'sample', outputsDir: join(dir, 'outputs') });
  version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const key = (node: string, facet: string | null, value: string) => `${node}|${facet ?? ''}|${value}`;

async function compare(): Promise<number> {
  const shown = await loadPersonas(store, { currentVersion: version, preferredSeed: SEED, limit: 6 });
  const expected = new Map(
    (await store.all<EvidenceRow & { node_id: string; facet_id: string | null; attr_value: string }>(referenceSql, [version, SEED, 6]))
      .map((r) => [key(r.node_id, r.facet_id, r.attr_value), toEvidence(r)]),
  );
  const raw = await store.all<{ node_id: string; facet_id: string | null; value: string }>(
    "SELECT a.node_id, a.facet_id, a.value FROM persona_attributes a JOIN personas p USING (persona_id) WHERE p.persona_index < 6 AND a.origin = 'corpus' ORDER BY p.persona_index, a.position",
  );
  const attrs = shown.cards.flatMap((c) => c.attributes).filter((a) => a.origin === 'corpus');
  expect(attrs.length).toBe(raw.length);
  attrs.forEach((a, i) => {
    const r = raw[i]!;
    expect(a.evidence === null ? undefined : shown.evidence[a.evidence]).toEqual(expected.get(key(r.node_id, r.facet_id, r.value)));
  });
  return attrs.length;
}

describe('persona card quotes', () => {
  it('are the quotes the unbounded query picked, exact, cut (prefix) and fallback alike', async () => {
    const cut = await store.scalar(
      `SELECT count(*) FROM persona_attributes a WHERE a.origin = 'corpus' AND NOT EXISTS (
         SELECT 1 FROM facet_evidence e WHERE e.facet_id = a.facet_id AND lower(trim(e.value)) = lower(trim(a.value)))`,
    );
    expect(cut).toBeGreaterThan(0n); // some values are cut: the prefix path is compared too
    // The 40-conversation fixture gives each persona few corpus values once no value may be in
    // more than 20% of personas (issue 13's cap): 36 over these 6 cards.
    expect(await compare()).toBeGreaterThan(25);
  });

  it('stay the same for a prefix of a later mention, a value that matches nothing, and an attribute without a facet', async () => {
    // A strict prefix of the facet's last value in evidence order: the prefix match must win over the facet's first quote.
    await store.run(
      `UPDATE persona_attributes a SET value = left(x.v, length(x.v) - 1)
       FROM (SELECT facet_id, arg_max(lower(trim(value)), {'p': source_path, 'l': line, 't': turn_index, 's': span_start, 'm': mention_id}) AS v,
                    arg_min(lower(trim(value)), {'p': source_path, 'l': line, 't': turn_index, 's': span_start, 'm': mention_id}) AS first
             FROM facet_evidence GROUP BY facet_id) x
       WHERE a.facet_id = x.facet_id AND a.origin = 'corpus' AND a.position % 3 = 1 AND length(x.v) > 1
         AND NOT starts_with(x.first, left(x.v, length(x.v) - 1))`,
    );
    expect(await store.scalar("SELECT count(*) FROM persona_attributes WHERE origin = 'corpus' AND position % 3 = 1 AND facet_id IS NOT NULL")).toBeGreaterThan(0n);
    await store.run("UPDATE persona_attributes SET value = 'zz no such value' WHERE origin = 'corpus' AND position % 5 = 0");
    await store.run("UPDATE persona_attributes SET facet_id = NULL WHERE origin = 'corpus' AND position % 7 = 0");
    expect(await compare()).toBeGreaterThan(25);
  });
});
