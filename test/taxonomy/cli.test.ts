import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNodeOrFacet } from '../../pipeline/cli/taxonomy-commands.js';
import { Store } from '../../pipeline/store/store.js';
import type { FacetRow } from '../../pipeline/taxonomy/facet-lookup.js';
import { loadDiffNodes, unaccounted } from '../../pipeline/taxonomy/diff.js';
import { leafPaths } from '../../pipeline/taxonomy/export.js';
import { REFERENCE_TAXONOMY_FILE } from '../../pipeline/taxonomy/compare-reference.js';
import { sampleLeafPaths } from '../../pipeline/taxonomy/sample-paths.js';
import { runCli } from '../helpers/cli.js';

const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';
const REFERENCE = 'test/fixtures/taxonomy/reference.json';

// One store for the file, built by the real CLI: v1 from `run`, v2 from a full rebuild with a
// stricter leaf cut (more, smaller leaves), so the two versions differ.
let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(['--db', db, ...args]);
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dp-taxonomy-cli-'));
  db = join(dir, 'store.duckdb');
  // The vector grouping: v2 differs from v1 only by its leaf cut, which the lexical grouping does not use.
  writeFileSync(join(dir, 'v1.json'), JSON.stringify({ ingest: { paths: [CORPUS] }, taxonomy: { grouping: 'vectors' } }));
  writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ingest: { paths: [CORPUS] }, taxonomy: { grouping: 'vectors', leafSimilarity: 0.9, mode: 'full' } }));
  const v1 = await cli('--config', join(dir, 'v1.json'), 'run');
  expect(v1.code, v1.stderr).toBe(0);
  const v2 = await cli('--config', join(dir, 'v2.json'), 'run', '--force', 'cluster');
  expect(v2.code, v2.stderr).toBe(0);
  expect(v2.stdout).toMatch(/taxonomy v2 \(full\)/);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const leafLine = (label: string) => new RegExp(`^ {4}${label} \\(mentions \\d+, conversations \\d+, sources 1\\) \\[(categorical|numeric|free_text|untyped)\\]$`, 'm');

describe('deeppersona taxonomy', () => {
  it('show prints the tree, a subtree by (partial) path, and honours --depth and --version', async () => {
    const [all, roots, sub, leaf] = await Promise.all([
      cli('taxonomy', 'show'),
      cli('taxonomy', 'show', '--depth', '1', '--version', '1'),
      cli('taxonomy', 'show', 'Demographic Information', '--depth', '2'),
      cli('taxonomy', 'show', 'Career and Work Identity.Occupation', '--facets'),
    ]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^taxonomy v2: \d+ roots, \d+ nodes, \d+ leaves$/m);
    expect(all.stdout).toMatch(/^Career and Work Identity \(mentions 41, conversations 40, sources 1\)$/m);
    expect(all.stdout).toMatch(leafLine('Occupation'));
    expect(all.stdout).toMatch(leafLine('Pet Ownership'));
    expect(all.stdout).not.toContain('value facet');
    const rootLines = roots.stdout.trimEnd().split('\n').slice(1);
    expect(roots.stdout).toMatch(/^taxonomy v1: /);
    expect(rootLines.length).toBeGreaterThanOrEqual(5);
    expect(rootLines.every((l) => /^\S.* \(mentions \d+, conversations \d+, sources \d+\)$/.test(l))).toBe(true);
    expect(sub.stdout.split('\n')[1]).toMatch(/^Demographic Information \(mentions/);
    expect(sub.stdout).toMatch(/^ {2}\S/m);
    expect(sub.stdout).not.toMatch(/^ {4}/m);
    // --facets lists a split leaf's value facets one level below it, largest first; they share its mentions.
    const [title, occupation, ...facets] = leaf.stdout.trimEnd().split('\n');
    expect([title, occupation]).toEqual([
      'taxonomy v2: Career and Work Identity.Other.Occupation',
      expect.stringMatching(/^Occupation \(mentions 41, conversations 40, sources 1\) \[categorical\]$/),
    ]);
    expect(facets.length).toBeGreaterThan(1);
    const facetMentions = facets.map((l) => Number(/^ {2}· \S.* \(value facet: mentions (\d+), conversations \d+\)$/.exec(l)![1]));
    expect(facetMentions.reduce((a, b) => a + b, 0)).toBe(41);
    expect(facetMentions).toEqual([...facetMentions].sort((a, b) => b - a));
  });

  it('evidence prints scrubbed quotes with file:line by path, by node id, and of a value facet by id or path', async () => {
    const byPath = await cli('taxonomy', 'evidence', 'Career and Work Identity.Occupation', '--limit', '3');
    expect(byPath.code, byPath.stderr).toBe(0);
    expect(byPath.stdout).toMatch(/^Career and Work Identity\.Other\.Occupation \((node_\w+), v2\): 41 mentions, showing 3$/m);
    expect(byPath.stdout).toContain(`${CORPUS}:1  tx-00  occupation = nurse\n    "I'm a nurse"`);
    // A bare label is a partial path too.
    const shown = JSON.parse((await cli('--json', 'taxonomy', 'show', 'place of residence', '--facets')).stdout);
    expect(shown).toMatchObject({ version: 2, nodes: [{ label: 'Place of Residence', is_leaf: true, level: 0 }] });
    const id = shown.nodes[0].node_id as string;
    // A value facet by id (JSON) and by "<partial leaf path>.<facet label>" in any case.
    const facet = shown.nodes[0].facets[0] as { facet_id: string; label: string; path: string; support_mentions: number };
    expect(facet.path).toBe(`${shown.nodes[0].path}.${facet.label}`);
    const [byId, facetById, facetByPath] = await Promise.all([
      cli('--json', 'taxonomy', 'evidence', id, '--limit', '100'),
      cli('--json', 'taxonomy', 'evidence', facet.facet_id, '--limit', '100'),
      cli('taxonomy', 'evidence', `place of residence.${facet.label.toLowerCase()}`, '--limit', '2'),
    ]);
    const evidence = JSON.parse(byId.stdout);
    expect(evidence.node).toEqual({ id, path: shown.nodes[0].path });
    expect(evidence.rows).toHaveLength(evidence.total);
    // tx-07 says "I live at 221 Baker Street": the quote is shown, the address is not.
    expect(evidence.rows).toContainEqual(expect.objectContaining({ locator: `${CORPUS}:8`, external_id: 'tx-07', quote: 'I live at [ADDRESS]' }));
    expect(byId.stdout).not.toContain('Baker');
    const ofFacet = JSON.parse(facetById.stdout);
    expect(ofFacet).toMatchObject({ version: 2, node: { id }, facet: { id: facet.facet_id, path: facet.path, isSplit: true }, total: facet.support_mentions });
    expect(ofFacet.rows).toHaveLength(facet.support_mentions);
    // The facet's quotes are some of its leaf's.
    for (const r of ofFacet.rows) expect(evidence.rows).toContainEqual(r);
    expect(facetByPath.code, facetByPath.stderr).toBe(0);
    const [head, ...quoted] = facetByPath.stdout.trimEnd().split('\n');
    expect(head).toBe(`${facet.path} (value facet ${facet.facet_id} of ${id}, v2): ${facet.support_mentions} mentions, showing ${Math.min(2, facet.support_mentions)}`);
    expect(quoted.slice(0, 2)).toEqual([
      `${ofFacet.rows[0].locator}  ${ofFacet.rows[0].external_id}  ${ofFacet.rows[0].attribute} = ${ofFacet.rows[0].value}`, `    "${ofFacet.rows[0].quote}"`]);
  });

  it('diff summarises v1 → v2, and its JSON accounts for every node', async () => {
    const [human, json] = await Promise.all([cli('taxonomy', 'diff', '1', '2'), cli('--json', 'taxonomy', 'diff', '1', 'current')]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^taxonomy v1 → v2: \d+ unchanged, \d+ renamed, \d+ moved, \d+ added, \d+ retired, \d+ merged, [1-9]\d* split$/m);
    expect(human.stdout).toMatch(/^split {4}\S.* → .*\(\d+%\), .*\(\d+%\)/m);
    const diff = JSON.parse(json.stdout);
    expect(diff).toMatchObject({ v1: 1, v2: 2 });
    const store = await Store.open(db, { readOnly: true });
    try {
      expect(unaccounted(diff, await loadDiffNodes(store, 1), await loadDiffNodes(store, 2))).toEqual({ v1: [], v2: [] });
    } finally {
      store.close();
    }
  });

  it('export writes the nested format and parquet (export.test.ts covers every format in-process)', async () => {
    const out = (f: string) => join(dir, 'export', `taxonomy.${f}`);
    const runs = await Promise.all(['deeppersona', 'parquet'].map((f) => cli('taxonomy', 'export', '--format', f, '--out', out(f), '--version', '1')));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[0]!.stdout).toBe(`taxonomy v1 exported as deeppersona: ${out('deeppersona')}\n`);
    const store = await Store.open(db, { readOnly: true });
    try {
      const leaves = (await store.all<{ path: string }>('SELECT path FROM taxonomy_nodes WHERE version_id = 1 AND is_leaf ORDER BY path')).map((r) => r.path);
      expect(leafPaths(JSON.parse(readFileSync(out('deeppersona'), 'utf8'))).sort()).toEqual(leaves);
      const back = await store.all<{ path: string }>(`SELECT path FROM read_parquet('${out('parquet')}') WHERE is_leaf ORDER BY path`);
      expect(back.map((r) => r.path)).toEqual(leaves);
    } finally {
      store.close();
    }
  });

  it('compare matches leaves one to one against a nested JSON file or a synthetic reference folder, and skips an absent folder', async () => {
    const folder = join(dir, 'reference-folder');
    const file = join(folder, REFERENCE_TAXONOMY_FILE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, readFileSync(REFERENCE, 'utf8'));
    const [human, json, ofFolder, again, absent, absentJson] = await Promise.all([
      cli('taxonomy', 'compare', REFERENCE, '--pairs', '3', '--seed', '5'),
      cli('taxonomy', 'compare', REFERENCE, '--json'),
      cli('taxonomy', 'compare', folder, '--pairs', '3', '--seed', '5'),
      cli('taxonomy', 'compare', REFERENCE, '--pairs', '3', '--seed', '5'),
      cli('taxonomy', 'compare', join(dir, 'no-reference-here')),
      cli('--json', 'taxonomy', 'compare', join(dir, 'no-reference-here')),
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^taxonomy v2 vs test\/fixtures\/taxonomy\/reference\.json \(wink-sif@\S+\)$/m);
    expect(human.stdout).toMatch(/^match: similarity ≥ 0\.\d+ \(calibrated on \d+ labelled pairs\); on \d+ labelled pairs: precision \d+\.\d%, recall \d+\.\d% \(cross-validated/m);
    expect(human.stdout).toMatch(/^ {2}reference leaves matched: \d+\.\d% \(\d+\/13\)$/m);
    expect(human.stdout).toMatch(/^many-to-one \(not exclusive: one leaf may count for many\): /m);
    expect(human.stdout).toMatch(/^ {2}leaves {16}\s+\d+\s+13$/m);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ version: 2, counts: { reference: { roots: 6, leaves: 13, maxDepth: 3 } }, rootMapping: { Spirituality: expect.any(String) } });
    // Leaves named alike find each other; "Occupation" ⇄ "job_title" share no word and fall below the calibrated cut.
    expect(result.matches.map((m: { ours: string; reference: string }) => `${m.ours.split(' › ').at(-1)} ⇄ ${m.reference.split(' › ').at(-1)}`)).toEqual(
      expect.arrayContaining(['Pet Ownership ⇄ pet_ownership', 'Marital Status ⇄ maritalStatus', 'Hometown ⇄ Hometown']));
    expect(new Set(result.matches.map((m: { ours: string }) => m.ours)).size).toBe(result.matches.length);
    expect(result.matches.every((m: { similarity: number }) => m.similarity >= result.threshold)).toBe(true);
    // --pairs: three numbered pairs, the same for the same seed, whichever way the file was named.
    const pairLines = (out: string) => out.split('\n').filter((l) => /^ {2}\d\. \d\.\d{3} {2}\S.* {2}⇄ {2}\S/.test(l));
    expect(pairLines(human.stdout)).toHaveLength(3);
    expect(pairLines(again.stdout)).toEqual(pairLines(human.stdout));
    expect(ofFolder.code, ofFolder.stderr).toBe(0);
    expect(pairLines(ofFolder.stdout)).toEqual(pairLines(human.stdout));
    expect([absent.code, absentJson.code]).toEqual([0, 0]);
    expect(absent.stdout).toMatch(/^taxonomy compare: skipped: no DeepPersona reference at .*no-reference-here\/generation_user_profile_new\/data\/large_attributes\.json/);
    expect(JSON.parse(absentJson.stdout)).toEqual({ skipped: expect.stringContaining('no-reference-here') });
  });

  it('sample draws N leaf paths with a value and its quote, the same for a seed; a quote is its turn\'s slice', async () => {
    const [five, fiveAgain, three, other, human, tooMany] = await Promise.all([
      cli('--json', 'taxonomy', 'sample', '--n', '5', '--seed', '11'),
      cli('--json', 'taxonomy', 'sample', '--n', '5', '--seed', '11'),
      cli('--json', 'taxonomy', 'sample', '--n', '3', '--seed', '11'),
      cli('--json', 'taxonomy', 'sample', '--n', '5', '--seed', '12'),
      cli('taxonomy', 'sample', '--n', '2', '--seed', '11'),
      cli('--json', 'taxonomy', 'sample', '--n', '100000', '--seed', '11'),
    ]);
    expect(five.code, five.stderr).toBe(0);
    const a = JSON.parse(five.stdout);
    expect(a).toMatchObject({ version: 2, seed: 11 });
    expect(a.rows).toHaveLength(5);
    expect(fiveAgain.stdout).toBe(five.stdout);
    expect(JSON.parse(three.stdout).rows).toEqual(a.rows.slice(0, 3));
    expect(JSON.parse(other.stdout).rows).not.toEqual(a.rows);
    const all = JSON.parse(tooMany.stdout);
    expect(all.rows).toHaveLength(all.units);
    expect(new Set(all.rows.map((r: { pathText: string }) => r.pathText)).size).toBe(all.units);
    const [title, ...lines] = human.stdout.trimEnd().split('\n');
    expect(title).toBe(`taxonomy v2: 2 random leaf paths of ${all.units} (value facets where a leaf is split), seed 11`);
    expect(lines[0]).toBe(`  1. ${a.rows[0].pathText} = ${a.rows[0].value}${a.rows[0].polarity === 'negative' ? ' (negative)' : ''}`);
    expect(lines[1]).toBe(`     "${a.rows[0].quote}"  ${a.rows[0].locator}  ${a.rows[0].externalId}`);
    const store = await Store.open(db, { readOnly: true });
    try {
      const roots = new Set((await store.all<{ label: string }>('SELECT label FROM taxonomy_nodes WHERE version_id = 2 AND parent_id IS NULL')).map((r) => r.label));
      const { units, rows } = await sampleLeafPaths(store, 2, 1000, 11);
      expect(units).toBe(all.units);
      for (const r of rows) {
        const turn = await store.one<{ text: string }>('SELECT text FROM turns WHERE turn_id = $1', [r.turnId]);
        expect(turn!.text.slice(r.spanStart, r.spanEnd)).toBe(r.quote);
        expect(roots.has(r.path[0]!)).toBe(true);
        // The value is a member of the unit drawn: its facet's, or its leaf's when the leaf is not split.
        const member = r.facetId
          ? await store.scalar('SELECT count(*) FROM facet_members WHERE version_id = 2 AND facet_id = $1 AND mention_id = $2', [r.facetId, r.mentionId])
          : await store.scalar('SELECT count(*) FROM node_evidence WHERE version_id = 2 AND node_id = $1 AND mention_id = $2', [r.nodeId, r.mentionId]);
        expect(Number(member)).toBe(1);
      }
    } finally {
      store.close();
    }
  });

  it('exits 2 with one-line hints on bad input', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"A": ');
    const cases: [string[], RegExp][] = [
      [['taxonomy', 'show', 'Career and Work Identity.Occupaton'], /unknown taxonomy node "Career and Work Identity\.Occupaton" \(hint: close paths: .*"Career and Work Identity\.Other\.Occupation"/],
      [['taxonomy', 'evidence', 'Other'], /ambiguous taxonomy path "Other" \(hint: it matches /],
      [['taxonomy', 'evidence', 'Place of Residence.Atlantis'], /unknown value facet "Atlantis" of .*Place of Residence \(hint: its facets: ".*`deeppersona taxonomy show --facets` lists them\)/],
      [['taxonomy', 'diff', '1', '9'], /no taxonomy version 9 \(hint: /],
      [['--db', join(dir, 'absent.duckdb'), 'taxonomy', 'show'], /no store at .*absent\.duckdb/],
      [['taxonomy', 'export', '--format', 'xml', '--out', join(dir, 'x')], /unknown export format "xml" \(hint: use one of deeppersona, paths, jsonl, parquet, arrow\)/],
      [['taxonomy', 'compare', join(dir, 'absent.json')], /absent\.json: no such file \(hint: /],
      [['taxonomy', 'compare', join(dir, 'broken.json')], /broken\.json: not valid JSON/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  it('findNodeOrFacet: node paths win, then a facet by id or full path (any case), then "<partial leaf>.<Facet>" (in-process)', () => {
    const node = (node_id: string, parent_id: string | null, path: string) => ({
      node_id, parent_id, path, label: path.split('.').at(-1)!, depth: path.split('.').length, root: path.split('.')[0]!, is_leaf: parent_id !== null,
      value_type: null, support_mentions: 3, support_conversations: 3, support_sources: 1,
    });
    const facet = (facet_id: string, node_id: string, path: string, is_split: boolean): FacetRow => ({
      facet_id, node_id, path, label: path.split('.').at(-1)!, is_split, support_mentions: 1, support_conversations: 1,
    });
    const nodes = [node('r', null, 'Work'), node('occ', 'r', 'Work.Occupation'), node('pet', 'r', 'Work.Pet')];
    const facets = [facet('f_nurse', 'occ', 'Work.Occupation.Nurse', true), facet('f_chef', 'occ', 'Work.Occupation.Chef', true), facet('f_pet', 'pet', 'Work.Pet', false)];
    const find = (q: string) => { const r = findNodeOrFacet(nodes, facets, q); return [r.node.node_id, r.facet?.facet_id ?? null]; };
    expect(find('Work.Occupation')).toEqual(['occ', null]);
    expect(find('Occupation')).toEqual(['occ', null]);
    expect(find('Work.Occupation.Nurse')).toEqual(['occ', 'f_nurse']);
    expect(find('work.occupation.chef')).toEqual(['occ', 'f_chef']);
    expect(find('f_chef')).toEqual(['occ', 'f_chef']);
    expect(find('Occupation.NURSE')).toEqual(['occ', 'f_nurse']);
    // An unsplit leaf's one facet is the leaf itself.
    expect(find('f_pet')).toEqual(['pet', null]);
    expect(() => find('Occupation.Baker')).toThrow(/unknown value facet "Baker" of Work\.Occupation/);
    expect(() => find('Pet.Cat')).toThrow(/unknown taxonomy node "Pet\.Cat"/);
  });
});
