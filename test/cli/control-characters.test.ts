import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls, escapeJsonControls } from '../../pipeline/core/terminal-text.js';
import { Store } from '../../pipeline/store/store.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { runStages, testConfig } from '../helpers/pipeline.js';

/** An OSC window-title change, a CSI colour, a bell, a C1 CSI (U+009B), and a carriage return. */
const OSC = '\u001b]0;pwned\u0007';
const CSI = '\u001b[31m';
const C1 = '\u009b2J\r';
/** Any of them raw in output: C0 but newline and tab, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('escapeControls', () => {
  it('shows every C0, DEL and C1 control as \\xNN, and keeps newline, tab and all printable text', () => {
    expect(escapeControls(`a${OSC}b${CSI}c\u0000\u007f${C1}`)).toBe('a\\x1b]0;pwned\\x07b\\x1b[31mc\\x00\\x7f\\x9b2J\\r');
    expect(escapeControls('line 1\n\tline 2 — café 日本 🙂 \u00a0\u00ff')).toBe('line 1\n\tline 2 — café 日本 🙂 \u00a0\u00ff');
    expect(escapeControls('a\nb\tc', { oneLine: true })).toBe('a\\nb\\tc');
  });

  it('leaves JSON parsing to the same value while no C1 byte stays raw', () => {
    const json = escapeJsonControls(JSON.stringify({ v: `x${OSC}\u0085${C1}` }));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual({ v: `x${OSC}\u0085${C1}` });
  });
});

/**
 * The commands that print corpus text, on a real store whose mentions and personas carry the
 * sequences (as an llm extractor's answer or a hostile corpus can: the heuristic extractor's own
 * spans stop at them, so they are planted after the pipeline ran).
 */
describe('human output of corpus text', () => {
  let dir: string;
  let db: string;
  let personaId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-controls-'));
    db = join(dir, 'store.duckdb');
    const store = await Store.open(db);
    try {
      await runStages(store, testConfig({ ingest: { paths: ['test/fixtures/taxonomy/disclosures.jsonl'] } }), { until: 'sample', outputsDir: dir });
      await store.run('UPDATE mentions SET quote = quote || $1, value = value || $2, attribute = attribute || $3', [OSC, CSI, C1]);
      await store.run('UPDATE personas SET summary = $1 || summary', [OSC]);
      await store.run('UPDATE persona_attributes SET value = value || $1', [CSI]);
      personaId = String(await store.scalar("SELECT persona_id FROM personas p WHERE EXISTS (SELECT 1 FROM persona_attributes a WHERE a.persona_id = p.persona_id AND a.origin = 'corpus') ORDER BY persona_index LIMIT 1"));
    } finally {
      store.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCliInProcess(['--db', db, ...args]);
  const expectEscaped = (stdout: string, planted: string[]) => {
    expect(stdout).not.toMatch(RAW_CONTROL);
    for (const p of planted) expect(stdout).toContain(escapeControls(p, { oneLine: true }));
  };

  it('taxonomy evidence shows the quote, value and attribute with their controls escaped', async () => {
    const result = await cli('taxonomy', 'evidence', 'Career and Work Identity.Occupation', '--limit', '3');
    expect(result.code, result.stderr).toBe(0);
    expectEscaped(result.stdout, [OSC, CSI, C1]);
    expect(result.stdout).toMatch(/^ {4}"I'm a nurse\\x1b\]0;pwned\\x07"$/m);
  });

  it('personas show escapes the summary, values and evidence quotes', async () => {
    const result = await cli('personas', 'show', personaId);
    expect(result.code, result.stderr).toBe(0);
    expectEscaped(result.stdout, [OSC, CSI]);
    expect(result.stdout).toMatch(/“[^”\n]*\\x1b\]0;pwned\\x07” — /);
  });

  it('sql escapes cells, and --json keeps the exact text without raw C1', async () => {
    const query = "SELECT quote, value, attribute FROM mentions WHERE quote LIKE 'I''m a nurse%' ORDER BY mention_id LIMIT 1";
    const human = await cli('sql', query);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toBe(`quote\tvalue\tattribute\nI'm a nurse\\x1b]0;pwned\\x07\tnurse\\x1b[31m\toccupation\\x9b2J\\r\n`);
    const json = await cli('--json', 'sql', query);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout)).toEqual([{ quote: `I'm a nurse${OSC}`, value: `nurse${CSI}`, attribute: `occupation${C1}` }]);
  });

  it('an error line naming corpus text stays one line with its controls escaped', async () => {
    const result = await cli('taxonomy', 'evidence', `Nowhere${OSC}\nsecond line`);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Nowhere\\x1b]0;pwned\\x07\\nsecond line');
  });
});
