import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../pipeline/core/hash.js';
import { Store, type Row } from '../../pipeline/store/store.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

/**
 * `deeppersona personas generate | show | export` through the real CLI (child processes), on a
 * store whose taxonomy is built in-process from the fixture corpus. Every CLI call costs about a
 * second, so the calls are made once, in beforeAll (12 of them, store readers and parse errors in
 * parallel), and the tests check their results.
 */

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';
const ANCHORS = ['--anchor', 'country=CA', '--anchor', 'sex=female', '--anchor', 'age=30-45'];
const VARIANT = canonicalJson({ country: 'CA', sex: 'female', age: '30-45' });

type Line = { id: string; seed: number; index: number; anchors: { age: number; sex: string; country: { iso2: string; name: string }; city: { name: string } }; summary: string; node_ids: string[] };

let dir: string;
let db: string;
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name), 'utf8');
const lines = (name: string): Line[] => read(name).trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
const cli = (...args: string[]) => runCli(['--db', db, ...args]);
const ok = (r: CliResult) => expect(r.code, r.stderr).toBe(0);

let generated: Record<'first' | 'second' | 'all' | 'anchored', CliResult>;
let badSex: CliResult;
let badKey: CliResult;
let sql: CliResult;
let show: CliResult;
let showJson: CliResult;
let exports: Record<'jsonl' | 'parquet' | 'deeppersona', CliResult>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-persona-cli-'));
  db = file('store.duckdb');
  const store = await Store.open(db);
  try {
    await runStages(store, testConfig({ ingest: { paths: [CORPUS] } }), { until: 'cluster', outputsDir: dir });
  } finally {
    store.close();
  }
  // Bad anchors fail while parsing flags, before the store is opened: they run beside the first writer.
  const gen = (...args: string[]) => cli('personas', 'generate', '--seed', '7', ...args);
  const [second, sex, key] = await Promise.all([gen('--start', '4', '-n', '4', '--out', file('second.jsonl')), gen('-n', '1', '--anchor', 'sex=x'), gen('-n', '1', '--anchor', 'planet=mars')]);
  [badSex, badKey] = [sex, key];
  const all = await gen('-n', '8', '--out', file('all.jsonl'));
  // The anchored set (indices 0-4) comes after the default 0-7: default index 4 is never written
  // again, so it shows the anchored run left the default set alone; default 0-3 are rewritten
  // after it, so `show 7:0` must pick the default persona on purpose, not by insertion order.
  const anchored = await gen('-n', '5', ...ANCHORS, '--out', file('anchored.jsonl'));
  const first = await gen('-n', '4', '--out', file('not/made/yet/first.jsonl'));
  generated = { first, second, all, anchored };
  // Readers share the store.
  // Output folders that do not exist yet are made (the first run's --out, every export).
  const out = (ext: string) => file(`exports/export.${ext}`);
  const [q, s, sj, jsonl, parquet, deeppersona] = await Promise.all([
    cli('--json', 'sql', 'SELECT variant, persona_index, persona_id FROM personas WHERE run_seed = 7 ORDER BY variant, persona_index'),
    cli('personas', 'show', '7:0'),
    cli('--json', 'personas', 'show', '7:0'),
    cli('personas', 'export', '--format', 'jsonl', '--seed', '7', '--out', out('jsonl')),
    cli('personas', 'export', '--format', 'parquet', '--seed', '7', '--out', out('parquet')),
    cli('personas', 'export', '--format', 'deeppersona', '--seed', '7', '--out', out('json')),
  ]);
  [sql, show, showJson] = [q, s, sj];
  exports = { jsonl, parquet, deeppersona };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A read-only look at the store once the CLI is done with it. */
async function query<T extends Row>(sqlText: string, params: string[] = []): Promise<T[]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await store.all<T>(sqlText, params);
  } finally {
    store.close();
  }
}

describe('deeppersona personas generate', () => {
  it('ranges concatenate: 0-3 then 4-7 is byte for byte the 8-persona file', () => {
    for (const r of Object.values(generated)) ok(r);
    expect(generated.first.stdout).toMatch(/^4 personas \(indices 0-3, seed 7, taxonomy v1\): \d+\.\d attributes each, 0 with remaining violations$/m);
    expect(generated.second.stdout).toMatch(/^4 personas \(indices 4-7, seed 7, /m);
    expect(generated.all.stdout).toContain(file('all.jsonl'));
    expect(read('not/made/yet/first.jsonl') + read('second.jsonl')).toBe(read('all.jsonl'));
    const all = lines('all.jsonl');
    expect(all.map((p) => [p.seed, p.index])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [7, i]));
    expect(new Set(all.map((p) => p.id)).size).toBe(8);
    expect(all.every((p) => p.node_ids.length > 0 && p.summary.length > 0)).toBe(true);
  });

  it('--anchor fixes country, sex and age for a separate set; the default set is untouched', () => {
    const anchored = lines('anchored.jsonl');
    expect(anchored).toHaveLength(5);
    for (const p of anchored) {
      expect(p.anchors).toMatchObject({ sex: 'female', country: { iso2: 'CA', name: 'Canada' } });
      expect(p.anchors.age).toBeGreaterThanOrEqual(30);
      expect(p.anchors.age).toBeLessThanOrEqual(45);
    }
    const defaults = lines('all.jsonl');
    ok(sql);
    const rows = JSON.parse(sql.stdout) as { variant: string; persona_index: number; persona_id: string }[];
    const ids = (variant: string) => rows.filter((r) => r.variant === variant).map((r) => r.persona_id);
    expect(rows.map((r) => r.variant).sort()).toEqual([...Array(8).fill(''), ...Array(5).fill(VARIANT)].sort());
    expect(ids('')).toEqual(defaults.map((p) => p.id));
    expect(ids(VARIANT)).toEqual(anchored.map((p) => p.id));
    expect(anchored.some((p) => defaults.some((d) => d.id === p.id))).toBe(false);
    // Same indices, other people: the anchored index 0 is not the default index 0.
    expect(anchored[0]!.index).toBe(0);
    expect(anchored[0]!.anchors).not.toEqual(defaults[0]!.anchors);
  });

  it('a bad anchor exits 2 with a one-line hint', () => {
    for (const [r, pattern] of [
      [badSex, /^deeppersona: invalid anchor sex=x \(hint: use sex=female or sex=male\)$/],
      [badKey, /^deeppersona: unknown anchor "planet" \(hint: anchors are country, age, sex, e\.g\. --anchor country=CA/],
    ] as const) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(pattern);
      expect(r.stdout).toBe('');
    }
  });
});

describe('deeppersona personas show', () => {
  it('prints the anchors, the summary and corpus quotes with a file:line stored as evidence', async () => {
    ok(show);
    const p = lines('all.jsonl')[0]!;
    const a = p.anchors;
    expect(show.stdout).toMatch(new RegExp(`^persona ${p.id} {2}\\(seed 7, index 0, taxonomy v1, ${p.node_ids.length} attributes\\)$`, 'm'));
    expect(show.stdout).toContain(`anchors: ${a.age}-year-old ${a.sex}, ${a.city.name}`);
    expect(show.stdout).toMatch(new RegExp(`^anchors: .*, ${a.country.name}; occupation: `, 'm'));
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(flat(show.stdout)).toContain(flat(p.summary));
    const quotes = [...show.stdout.matchAll(/^ {6}“(.+)” — (.+:\d+)$/gm)].map((m) => ({ quote: m[1]!, locator: m[2]! }));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.locator.startsWith(`${CORPUS}:`))).toBe(true);
    for (const q of quotes) {
      const [n] = await query<{ n: bigint }>('SELECT count(*) AS n FROM facet_evidence WHERE version_id = 1 AND locator = $1 AND quote = $2', [q.locator, q.quote]);
      expect(n!.n, `${q.quote} — ${q.locator}`).toBeGreaterThan(0n);
    }
  });

  it('--json parses: the persona, its taxonomy version and evidence by attribute position', () => {
    ok(showJson);
    const p = lines('all.jsonl')[0]!;
    const shown = JSON.parse(showJson.stdout) as { personaId: string; index: number; anchors: unknown; summary: string; taxonomyVersion: number; attributes: { nodeId: string; origin: string }[]; evidence: Record<string, { quote: string; locator: string }> };
    expect(shown).toMatchObject({ personaId: p.id, seed: 7, index: 0, anchors: p.anchors, summary: p.summary, taxonomyVersion: 1 });
    expect(shown.attributes.map((x) => x.nodeId)).toEqual(p.node_ids);
    const positions = Object.keys(shown.evidence).map(Number);
    expect(positions.length).toBeGreaterThan(0);
    for (const i of positions) {
      expect(shown.attributes[i]!.origin).toBe('corpus');
      expect(shown.evidence[i]!.locator).toMatch(/^test\/fixtures\/taxonomy\/disclosures\.jsonl:\d+$/);
    }
    expect(show.stdout).toContain(`” — ${shown.evidence[positions[0]!]!.locator}`);
  });
});

describe('deeppersona personas export', () => {
  it('jsonl reproduces the generated lines of the seed byte for byte (its whole stored default set)', () => {
    ok(exports.jsonl);
    expect(exports.jsonl.stdout).toBe(`8 personas (jsonl) → ${file('exports/export.jsonl')}\n`);
    expect(read('exports/export.jsonl')).toBe(read('all.jsonl'));
  });

  it('parquet is readable by DuckDB, one row per attribute', async () => {
    ok(exports.parquet);
    const all = lines('all.jsonl');
    const path = file('exports/export.parquet').replace(/'/g, "''");
    const [counts] = await query<{ n: bigint; personas: bigint; keys: bigint }>(
      `SELECT count(*) AS n, count(DISTINCT persona_id) AS personas, count(DISTINCT (persona_id, position)) AS keys FROM read_parquet('${path}')`,
    );
    const attributes = all.reduce((n, p) => n + p.node_ids.length, 0);
    expect(counts).toEqual({ n: BigInt(attributes), personas: 8n, keys: BigInt(attributes) });
    const first = await query<{ node_id: string; run_seed: number; persona_index: number }>(
      `SELECT node_id, run_seed, persona_index FROM read_parquet('${path}') WHERE persona_id = $1 ORDER BY position`, [all[0]!.id],
    );
    expect(first.map((r) => r.node_id)).toEqual(all[0]!.node_ids);
    expect(first.every((r) => Number(r.run_seed) === 7 && Number(r.persona_index) === 0)).toBe(true);
  });

  it('deeppersona is the authors\' profile JSON: metadata, then Profile_1… with demographics and a summary', () => {
    ok(exports.deeppersona);
    const all = lines('all.jsonl');
    const doc = JSON.parse(read('exports/export.json')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc)).toEqual(['metadata', ...all.map((_, i) => `Profile_${i + 1}`)]);
    expect(doc.metadata).toMatchObject({ profiles_completed: 8, total_profiles: 8, status: 'completed' });
    const a = all[0]!.anchors;
    expect(doc.Profile_1).toMatchObject({
      'Profile Index': 1,
      'Demographic Information': { Age: String(a.age), Gender: a.sex, Location: { Country: a.country.name, City: a.city.name } },
      Summary: all[0]!.summary,
    });
  });
});
