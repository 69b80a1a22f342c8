import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerScrubFunction } from '../../pipeline/privacy/scrub-output.js';
import { Store } from '../../pipeline/store/store.js';
import { loadArrowIntoDuckDB } from '../helpers/arrow-duckdb.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

/**
 * `--format arrow` of the three exports (taxonomy, personas, mentions), through the CLI, on a
 * store built from the fixture corpus: each file is read back by apache-arrow and compared with
 * the JSONL export of the same data, by DuckDB (see loadArrowIntoDuckDB for why it is appended,
 * not scanned) and compared with the store or the parquet export, and written twice to the same bytes.
 */

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';

let dir: string;
const file = (name: string) => join(dir, name);
const jsonl = (name: string) => readFileSync(file(name), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const arrowRows = (t: Table) => t.toArray().map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
const schemaOf = (t: Table) => t.schema.fields.map((f) => `${f.name}:${String(f.type)}${f.nullable ? '?' : ''}`);
let duck: DuckDBConnection;
const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJS();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-arrow-exports-'));
  const store = await Store.open(file('store.duckdb'));
  try {
    await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 6 } }), { until: 'sample', outputsDir: dir });
  } finally {
    store.close();
  }
  const exportsToRun = [
    ['taxonomy', 'export', '--format', 'arrow', '--out', file('taxonomy.arrow')],
    ['taxonomy', 'export', '--format', 'arrow', '--out', file('again/taxonomy.arrow')],
    ['taxonomy', 'export', '--format', 'jsonl', '--out', file('taxonomy.jsonl')],
    ['personas', 'export', '--format', 'arrow', '--out', file('personas.arrow')],
    ['personas', 'export', '--format', 'arrow', '--out', file('again/personas.arrow')],
    ['personas', 'export', '--format', 'jsonl', '--out', file('personas.jsonl')],
    ['personas', 'export', '--format', 'parquet', '--out', file('personas.parquet')],
    ['mentions', 'export', '--format', 'arrow', '--out', file('mentions.arrow')],
    ['mentions', 'export', '--format', 'arrow', '--out', file('again/mentions.arrow')],
    ['mentions', 'export', '--format', 'jsonl', '--out', file('mentions.jsonl')],
    ['mentions', 'export', '--format', 'csv', '--out', file('mentions.csv')],
  ];
  for (const args of exportsToRun) {
    const r = await runCliInProcess(['--db', file('store.duckdb'), ...args]);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  }
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`ATTACH '${file('store.duckdb')}' AS store (READ_ONLY)`);
});
afterAll(() => {
  duck?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) => tableFromIPC(readFileSync(file(name)));

describe('arrow exports', () => {
  it('write the same bytes for the same store, every time', () => {
    for (const name of ['taxonomy.arrow', 'personas.arrow', 'mentions.arrow']) {
      expect(readFileSync(file(`again/${name}`)).equals(readFileSync(file(name))), name).toBe(true);
    }
  });

  it('taxonomy: one row per node with real Arrow types, equal to the jsonl records', async () => {
    const table = read('taxonomy.arrow');
    expect(schemaOf(table)).toEqual([
      'node_id:Utf8', 'parent_id:Utf8?', 'label:Utf8', 'path:Utf8', 'depth:Int32', 'root:Utf8', 'is_leaf:Bool', 'value_type:Utf8?',
      'support_mentions:Int32', 'support_conversations:Int32', 'support_sources:Int32', 'version_id:Int32',
      'values:List<Struct<{value:Utf8, polarity:Utf8, count:Int32}>>',
    ]);
    const records = jsonl('taxonomy.jsonl');
    expect(table.numRows).toBe(records.length);
    expect(arrowRows(table)).toEqual(records);
    await loadArrowIntoDuckDB(duck, 'taxonomy_arrow', file('taxonomy.arrow'));
    const [diff] = await rows(`SELECT count(*)::INTEGER AS missing FROM (
      SELECT node_id, parent_id, depth, is_leaf, support_mentions FROM store.taxonomy_nodes WHERE version_id = (SELECT version_id FROM store.taxonomy_versions WHERE is_current)
      EXCEPT ALL SELECT node_id, parent_id, depth, is_leaf, support_mentions FROM taxonomy_arrow)`);
    expect(diff).toEqual({ missing: 0 });
    const [values] = await rows('SELECT sum(json_array_length("values"))::INTEGER AS n FROM taxonomy_arrow');
    const [stored] = await rows('SELECT count(*)::INTEGER AS n FROM store.node_values WHERE version_id = (SELECT version_id FROM store.taxonomy_versions WHERE is_current)');
    expect(values!.n).toBe(stored!.n);
  });

  it('personas: one row per attribute, in each persona\'s attribute order, equal to the parquet export', async () => {
    const table = read('personas.arrow');
    expect(schemaOf(table).slice(0, 4)).toEqual(['persona_id:Utf8', 'run_seed:Int32', 'persona_index:Int32', 'taxonomy_version:Int32']);
    expect(schemaOf(table)).toEqual(expect.arrayContaining(['anchor_age:Int32', 'position:Int32', 'label:Utf8', 'value:Utf8', 'facet_id:Utf8?', 'llm_call_id:Utf8?']));
    const personas = jsonl('personas.jsonl') as { id: string; index: number; anchors: { age: number; country: { iso2: string } }; node_ids: string[] }[];
    const attrs = arrowRows(table);
    expect(personas.length).toBe(6);
    expect(attrs.length).toBe(personas.reduce((n, p) => n + p.node_ids.length, 0));
    for (const p of personas) {
      const own = attrs.filter((a) => a.persona_id === p.id);
      expect(own.map((a) => a.node_id), p.id).toEqual(p.node_ids);
      expect(own.map((a) => a.position)).toEqual(own.map((_, i) => i));
      expect(new Set(own.map((a) => `${a.persona_index}|${a.anchor_age}|${a.anchor_country}`))).toEqual(new Set([`${p.index}|${p.anchors.age}|${p.anchors.country.iso2}`]));
    }
    // A label is the last segment of the attribute's path or its value facet's name, never empty.
    expect(attrs.every((a) => typeof a.label === 'string' && a.label.length > 0)).toBe(true);
    await loadArrowIntoDuckDB(duck, 'personas_arrow', file('personas.arrow'));
    const columns = 'persona_id, run_seed, persona_index, taxonomy_version, position, root, path, node_id, facet_id, value, polarity, origin, stratum, llm_call_id';
    const parquet = file('personas.parquet').replace(/'/g, "''");
    const [diff] = await rows(`SELECT
      (SELECT count(*) FROM (SELECT ${columns} FROM personas_arrow EXCEPT ALL SELECT ${columns} FROM read_parquet('${parquet}')))::INTEGER AS only_arrow,
      (SELECT count(*) FROM (SELECT ${columns} FROM read_parquet('${parquet}') EXCEPT ALL SELECT ${columns} FROM personas_arrow))::INTEGER AS only_parquet`);
    expect(diff).toEqual({ only_arrow: 0, only_parquet: 0 });
  });

  it('mentions: every stored mention with its provenance, equal to the jsonl export and to the store', async () => {
    const table = read('mentions.arrow');
    expect(schemaOf(table)).toEqual([
      'mention_id:Utf8', 'source_path:Utf8', 'line:Int32', 'external_id:Utf8', 'conversation_id:Utf8', 'turn_id:Utf8', 'turn_index:Int32',
      'attribute:Utf8', 'value:Utf8', 'root:Utf8', 'polarity:Utf8', 'span_start:Int32', 'span_end:Int32', 'quote:Utf8',
      'confidence:Float64', 'extractor_id:Utf8', 'llm_call_id:Utf8?', 'is_synthetic:Bool',
    ]);
    const records = jsonl('mentions.jsonl');
    expect(table.numRows).toBe(records.length);
    expect(arrowRows(table)).toEqual(records);
    expect(readFileSync(file('mentions.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(records.length + 1);
    expect(records[0]!.source_path).toBe(CORPUS);
    // The fixture's street address ("I live at 221 Baker Street") is scrubbed from the quote, as in every export.
    expect(JSON.stringify(arrowRows(table))).not.toContain('Baker Street');
    await loadArrowIntoDuckDB(duck, 'mentions_arrow', file('mentions.arrow'));
    registerScrubFunction(duck);
    // Independently of the exporter's query: the store's mentions, joined to their turn, conversation and file.
    const [diff] = await rows(`WITH expected AS (
        SELECT m.mention_id, s.path AS source_path, cv.line, m.conversation_id, m.turn_id, t.turn_index, scrub_pii(m.quote) AS quote,
               m.span_start, m.span_end, m.polarity, m.confidence, s.is_synthetic
        FROM store.mentions m JOIN store.turns t USING (turn_id) JOIN store.conversations cv ON cv.conversation_id = m.conversation_id
        JOIN store.sources s ON s.source_id = cv.source_id),
      got AS (SELECT mention_id, source_path, line, conversation_id, turn_id, turn_index, quote, span_start, span_end, polarity, confidence, is_synthetic FROM mentions_arrow)
      SELECT (SELECT count(*) FROM expected)::INTEGER AS stored,
             (SELECT count(*) FROM (FROM expected EXCEPT ALL FROM got))::INTEGER AS missing,
             (SELECT count(*) FROM (FROM got EXCEPT ALL FROM expected))::INTEGER AS extra`);
    expect(diff).toEqual({ stored: table.numRows, missing: 0, extra: 0 });
    expect(table.numRows).toBeGreaterThan(20);
  });
});
