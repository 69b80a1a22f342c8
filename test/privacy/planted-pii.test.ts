import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerScrubFunction, scrubDeep, scrubText } from '../../pipeline/privacy/scrub-output.js';
import { Store } from '../../pipeline/store/store.js';
import { startOpenAiServer, userText, type ChatHandler, type ChatRequestBody, type OpenAiTestServer } from '../helpers/openai-server.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TEST_KEY } from '../llm/setup.js';

/**
 * Planted PII: every class the scrubber covers, in every free-text field a model answers with
 * (the llm extractor's attribute, value and quote; a taxonomy label; the persona core, values,
 * check reasons and summary), run ingest → extract(llm) → … → report against the scripted
 * OpenAI-compatible server. No planted string may appear in any output file, nor in what any
 * read command prints (human and --json, stdout and stderr). Each field gets its own instance
 * of each class, so a failure names the field that leaked.
 *
 * Names are planted only where the scrubber covers them: a value of a name attribute.
 * Free-text names need NER (docs/privacy.md, "Not caught").
 */

const PII = {
  email: { attribute: 'ann.attr@example.com', value: 'val.user@example.org', quote: 'quote.user@example.net', model: 'model.writer@example.com' },
  phone: { attribute: '(555) 201-3344', value: '+44 20 7946 0958', quote: '555-867-5309', model: '(555) 777-1212' },
  card: { attribute: '4111 1111 1111 1111', value: '5555555555554444', quote: '4012 8888 8888 1881', model: '4242 4242 4242 4242' },
  ssn: { attribute: '123-45-6789', value: '219-09-9999', quote: '078-05-1120', model: '457-55-5462' },
  // Street types the scrubber knows in any case: the extractor lower-cases attributes.
  address: { attribute: '742 Evergreen Street', value: '221 Baker Street', quote: '1600 Pennsylvania Ave', model: '31 Spooner Street' },
  apiKey: { attribute: 'sk-proj-A1b2C3d4E5f6G7h8I9j0', value: 'sk-live-Z9y8X7w6V5u4T3s2R1q0', quote: 'sk-test-Q9w8E7r6T5y4U3i2O1p0', model: 'sk-ant-M1n2B3v4C5x6Z7l8K9j0' },
} as const;
type PiiClass = keyof typeof PII;
const CLASSES = Object.keys(PII) as PiiClass[];
const NAME = 'Sarah Jones';
const PLANTED = [...CLASSES.flatMap((c) => Object.entries(PII[c]).map(([field, text]) => ({ what: `${c} in ${field}`, text }))), { what: 'name in value', text: NAME }];

/** The user turn: every quote-field instance, in a sentence the extractor can quote exactly. */
const SENTENCES: Record<PiiClass, string> = {
  email: `Write to me at ${PII.email.quote} anytime.`,
  phone: `My number is ${PII.phone.quote} after six.`,
  card: `My card is ${PII.card.quote} for the bills.`,
  ssn: `My SSN is ${PII.ssn.quote} on the form.`,
  address: `I live at ${PII.address.quote} with my dog.`,
  apiKey: `My key is ${PII.apiKey.quote} for the bot.`,
};
const HOBBIES = ['hiking', 'chess', 'baking', 'cycling'];
const JOBS = ['nurse', 'teacher', 'baker', 'pilot'];
const turnText = (i: number) => `I work as a ${JOBS[i % 4]}. I love ${HOBBIES[i % 4]}. I have a sister. ${CLASSES.map((c) => SENTENCES[c]).join(' ')}`;

function writeCorpus(dir: string, n: number): string {
  const file = join(dir, 'chat.jsonl');
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `c${i}`, messages: [{ role: 'user', content: turnText(i) }, { role: 'assistant', content: 'Noted.' }] }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const mention = (attribute: string, value: string, quote: string, root: string) => ({ attribute, value, root, quote, polarity: 'neutral', confidence: 0.9 });

/** The extractor's answer: per class, its instance in the attribute, the value and the quote. */
function mentionsFor(text: string) {
  const job = /I work as a (\w+)\./.exec(text)![1]!;
  const hobby = /I love (\w+)\./.exec(text)![1]!;
  return [
    mention('occupation', job, `I work as a ${job}.`, 'Career and Work Identity'),
    mention('hobby', hobby, `I love ${hobby}.`, 'Hobbies, Interests, and Lifestyle'),
    mention("sister's name", NAME, 'I have a sister.', 'Relationships and Social Networks'),
    ...CLASSES.map((c) => mention(`contact ${c} ${PII[c].attribute}`, `${c} ${PII[c].value}`, SENTENCES[c], 'Demographic Information')),
  ];
}

/** Model free text for the later LLM paths: each class's `model` instance, cycling. */
const modelPii = (i: number) => PII[CLASSES[i % CLASSES.length]!].model;
const allModelPii = CLASSES.map((c) => PII[c].model).join(', ');
const summary = `I am writing this down: ${allModelPii}. ${Array.from({ length: 180 }, (_, i) => `word${i}`).join(' ')}`;

const PLACEHOLDER: Record<PiiClass, string> = { email: '[EMAIL]', phone: '[PHONE]', card: '[CARD]', ssn: '[NATIONAL_ID]', address: '[ADDRESS]', apiKey: '[API_KEY]' };
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
/**
 * SQL that puts the planted `field` instance of each class back where its placeholder is. Not
 * [NAME]: a name is known as one only from its attribute when stored; a later pass cannot tell.
 */
const unplace = (column: string, field: 'attribute' | 'value') =>
  CLASSES.reduce((sql, c) => `replace(${sql}, ${sqlText(PLACEHOLDER[c])}, ${sqlText(PII[c][field])})`, column);

/**
 * The store as an older version (which did not scrub attributes) or a filter that let a label
 * through would have left it: every text that is stored scrubbed or filtered gets its planted
 * PII back, so each display and export pass is tested on its own, not only the storage one.
 */
async function unscrubStore(store: Store): Promise<void> {
  const tail = sqlText(` ${allModelPii}`);
  for (const sql of [
    `UPDATE mentions SET attribute = ${unplace('attribute', 'attribute')}, value = ${unplace('value', 'value')}`,
    `UPDATE node_values SET value = ${unplace('value', 'value')}`,
    `UPDATE taxonomy_nodes SET label = label || ${tail}, path = path || ${tail}`,
    `UPDATE value_facets SET label = label || ${tail}, path = path || ${tail}`,
    `UPDATE persona_attributes SET path = path || ${tail}`,
  ]) await store.run(sql);
}

const kindOf = (b: ChatRequestBody) => b.response_format?.json_schema?.name;
const chat: ChatHandler = (body, ctx) => {
  switch (kindOf(body)) {
    case 'mentions': return { json: { mentions: mentionsFor(userText(body)) } };
    case 'group_label': return { json: { label: `Contact ${modelPii(ctx.index)}` } };
    case 'life_story': return { json: { values: [`Honesty ${modelPii(0)}`], lifeAttitude: `Calm, reach me at ${allModelPii}`, stories: [`At 19 I moved to ${PII.address.model}.`], interests: [modelPii(1), modelPii(2)] } };
    case 'persona_values': {
      const ids = [...userText(body).matchAll(/^(v\d+) \| /gm)].map((m) => m[1]!);
      return { json: { values: Object.fromEntries(ids.map((id, i) => [id, modelPii(i)])) } };
    }
    case 'persona_contradictions': return { json: { contradictions: [{ attributeIndex: 0, reason: `conflicts with ${allModelPii}` }] } };
    case 'persona_summary': return { json: { summary } };
    default: return { status: 400, message: `unexpected prompt ${String(kindOf(body))}` };
  }
};

/** Every file under dir but the store itself (which keeps exact quotes: they are the evidence). */
function outputFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && !/\.duckdb(\.wal)?$/.test(f));
}

/** A file's text; parquet is compressed, so it is read back through DuckDB. */
async function fileText(file: string): Promise<string> {
  if (!file.endsWith('.parquet')) return readFileSync(file, 'utf8');
  const store = await Store.open(':memory:');
  try {
    return JSON.stringify(await store.all(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  } finally {
    store.close();
  }
}

async function withStore<T>(db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** The CLI in-process; stdout and stderr together. */
async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const r = await runCliInProcess(args);
  return { code: r.code, out: r.stdout + r.stderr };
}

/**
 * Letters and digits only, lower-cased: a label built from "ann.attr@example.com" reads
 * "Ann Attr Example Com", which is still the address.
 */
const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const leaksIn = (text: string) => {
  const haystack = bare(text);
  return PLANTED.filter((p) => haystack.includes(bare(p.text))).map((p) => p.what);
};

let server: OpenAiTestServer | undefined;
beforeEach(() => void vi.stubEnv('OPENAI_API_KEY', TEST_KEY));
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('the output pass', () => {
  it('scrubDeep scrubs every string and key and keeps the rest; scrub_pii() does the same in SQL', async () => {
    const date = new Date(0);
    const out = scrubDeep({ [PII.email.model]: [`call ${PII.phone.model}`, 3, 4n, null, true], id: 'node_0123456789abcdef0123', when: date, nested: { summary: `I live at ${PII.address.model}` } });
    expect(out).toEqual({ '[EMAIL]': ['call [PHONE]', 3, 4n, null, true], id: 'node_0123456789abcdef0123', when: date, nested: { summary: 'I live at [ADDRESS]' } });
    expect(out.when).toBe(date);
    expect(scrubText(PII.card.model)).toBe('[CARD]');
    const store = await Store.open(':memory:');
    try {
      registerScrubFunction(store.connection);
      registerScrubFunction(store.connection); // once per connection, however often asked
      expect(await store.all(`SELECT scrub_pii(${sqlText(`key ${PII.apiKey.model}, ssn ${PII.ssn.model}`)}) AS s, scrub_pii(NULL) AS n`)).toEqual([{ s: 'key [API_KEY], ssn [NATIONAL_ID]', n: null }]);
    } finally {
      store.close();
    }
  });
});

describe('planted PII in every model-written field', () => {
  // Measured 14 s alone and 45 s at a load average of 25 on 2 cores: the budget is sized for load.
  it('appears in no output file and in no read command output', async () => {
    server = await startOpenAiServer({ chat });
    const out = tempDir();
    const db = join(out, 'deeppersona.duckdb');
    const config = testConfig({
      db,
      ingest: { paths: [writeCorpus(tempDir(), 8)] },
      extract: { extractor: 'llm' },
      taxonomy: { labeler: 'llm' },
      sample: { personas: 2, k: 20, minPerRoot: 1, llm: true, llmPersonas: 1 },
      evaluate: { maxPersonas: 2, bootstrap: 10 },
      llm: { baseURL: server.url, model: 'test-model', timeoutMs: 5000, maxRetries: 0 },
    });
    const store = await Store.open(db);
    let manifest;
    try {
      manifest = await runStages(store, config, { outputsDir: out });
      // Quotes (the evidence) and the persona paths' model text (values, summaries) are stored as
      // written; attributes and values of mentions are stored scrubbed (mention-rows.ts).
      const stored = JSON.stringify(await store.all(`SELECT (SELECT list(attribute || ' ' || value || ' ' || quote) FROM mentions) AS m,
        (SELECT list(label) FROM taxonomy_nodes) AS l, (SELECT list(summary) FROM personas) AS s, (SELECT list(value) FROM persona_attributes) AS v`));
      expect(leaksIn(stored).sort()).toEqual(CLASSES.flatMap((c) => [`${c} in model`, `${c} in quote`]).sort());
      expect(await store.scalar("SELECT count(*) FROM mentions WHERE attribute = 'contact email [EMAIL]' AND value = 'email [EMAIL]'")).toBe(8n);
      expect(await store.scalar("SELECT count(*) FROM mentions WHERE value = '[NAME]'")).toBe(8n);
      await unscrubStore(store);
    } finally {
      store.close();
    }
    expect(manifest.stages.map((s) => [s.stage, s.status])).toEqual(['ingest', 'extract', 'embed', 'cluster', 'sample', 'evaluate', 'report'].map((s) => [s, 'done']));

    const nodes = JSON.parse((await cli(['--db', db, '--json', 'taxonomy', 'show'])).out).nodes as { node_id: string }[];
    const facets = (JSON.parse((await cli(['--db', db, '--json', 'taxonomy', 'show', '--facets'])).out).nodes as { facets?: { facet_id: string; node_id: string }[] }[]).flatMap((n) => n.facets ?? []);
    // An unknown facet of a split leaf: the error names the leaf's path and its facets' labels.
    const leafPath = String(await withStore(db, (s) => s.scalar('SELECT path FROM taxonomy_nodes WHERE node_id = $1', [facets[0]!.node_id])));
    const personas = (await cli(['--db', db, '--json', 'sql', 'select persona_id from personas'])).out;
    const personaIds = (JSON.parse(personas) as { persona_id: string }[]).map((p) => p.persona_id);
    expect(nodes.length).toBeGreaterThan(3);
    expect(personaIds).toHaveLength(2);

    const commands = [
      ['status'], ['taxonomy', 'show'], ['taxonomy', 'show', '--facets'], ['taxonomy', 'diff', 'current', 'current'],
      ...nodes.map((n) => ['taxonomy', 'evidence', n.node_id]),
      ...facets.map((f) => ['taxonomy', 'evidence', f.facet_id]),
      ['taxonomy', 'evidence', 'no such node'], ['taxonomy', 'evidence', `${leafPath}.No Such Facet`],
      ['taxonomy', 'compare', join(out, 'taxonomy.json')],
      ...personaIds.map((id) => ['personas', 'show', id]),
      ...['deeppersona', 'paths', 'jsonl', 'parquet', 'arrow'].map((f) => ['taxonomy', 'export', '--format', f, '--out', join(out, 'exports', `taxonomy-${f}`)]),
      ...['jsonl', 'parquet', 'arrow', 'deeppersona'].map((f) => ['personas', 'export', '--format', f, '--out', join(out, 'exports', `personas-${f}`)]),
      // Arrow keeps strings as raw UTF-8 bytes, so the file read as text shows any leak.
      ...['jsonl', 'csv', 'arrow'].map((f) => ['mentions', 'export', '--format', f, '--out', join(out, 'exports', `mentions-${f}`)]),
      ['report', '--out', join(out, 'report-cli')],
      ['evaluate', '--out', join(out, 'exports', 'eval-cli.json')], ['evaluate', 'extraction'],
      ...['mentions', 'turns', 'taxonomy_nodes', 'node_values', 'personas', 'persona_attributes', 'evaluations'].map((t) => ['sql', `select * from ${t}`]),
    ];
    const printed: Record<string, string[]> = {};
    const failed: string[] = [];
    let everything = '';
    for (const args of commands) {
      for (const json of [false, true]) {
        const name = `${json ? '--json ' : ''}${args.join(' ')}`;
        const { code, out: text } = await cli(['--db', db, ...(json ? ['--json'] : []), ...args]);
        if (code !== 0) failed.push(name);
        everything += text;
        const leaks = leaksIn(text);
        if (leaks.length) printed[name] = leaks;
      }
    }
    // Only those meant to fail did (an unknown node, an unknown facet, no PrefEval data to score), so every other command printed its output.
    expect(failed).toEqual(['taxonomy evidence no such node', '--json taxonomy evidence no such node', `taxonomy evidence ${leafPath}.No Such Facet`,
      `--json taxonomy evidence ${leafPath}.No Such Facet`, 'evaluate extraction', '--json evaluate extraction']);
    // What was planted was shown, scrubbed.
    for (const placeholder of ['[EMAIL]', '[PHONE]', '[CARD]', '[NATIONAL_ID]', '[ADDRESS]', '[API_KEY]', '[NAME]']) expect(everything).toContain(placeholder);
    const files: Record<string, string[]> = {};
    for (const file of outputFiles(out)) {
      const leaks = leaksIn(await fileText(file));
      if (leaks.length) files[file.slice(out.length + 1)] = leaks;
    }
    expect(outputFiles(out).map((f) => f.slice(out.length + 1)).sort()).toEqual(expect.arrayContaining([
      'taxonomy.json', 'personas.jsonl', 'eval.json', 'report/index.html', 'report-cli/index.html', 'exports/personas-parquet', 'exports/taxonomy-parquet',
      'exports/personas-arrow', 'exports/taxonomy-arrow', 'exports/mentions-arrow', 'exports/mentions-csv',
    ]));
    expect({ printed, files }).toEqual({ printed: {}, files: {} });
  });
});
