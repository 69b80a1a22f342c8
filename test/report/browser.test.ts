import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../pipeline/cli/main.js';
import { registerReportCommand } from '../../pipeline/cli/report-command.js';
import { scrubPii } from '../../pipeline/privacy/pii-scrubber.js';
import { renderHtml } from '../../pipeline/report/render-html.js';
import { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { HOSTILE, hostileReport } from './hostile.js';

/**
 * The report in a real browser: a real pipeline run (ingest → sample) on the taxonomy fixture,
 * `deeppersona report`, then headless Chromium on the file:// page. Without Chromium the test is
 * skipped with a printed notice, except under CI (`CI` set; .ci/run sets it and installs
 * Chromium), where a missing binary fails it.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CORPUS = 'test/fixtures/taxonomy/disclosures.jsonl';

let root: string;
let outputs: string;
let db: string;
let context: BrowserContext;
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`report browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium; under CI, with CI set, this fails instead)`);

beforeAll(async () => {
  if (skip) return;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the report browser test needs Chromium (apt-get install -y chromium; .ci/run installs it)`);
  }
  root = mkdtempSync(join(tmpdir(), 'dp-report-browser-'));
  outputs = join(root, 'outputs');
  mkdirSync(outputs);
  db = join(outputs, 'deeppersona.duckdb');
  const store = await Store.open(db);
  try {
    await runStages(store, testConfig({ ingest: { paths: [CORPUS] }, sample: { personas: 5, k: 40 } }), { outputsDir: outputs });
  } finally {
    store.close();
  }
  await report('--personas', '3');
  context = await chromium.launchPersistentContext(join(root, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 },
  });
});

afterAll(async () => {
  await context?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The real `report` command, in-process (registered here until main.ts registers it itself). */
async function report(...args: string[]): Promise<void> {
  const program = buildProgram();
  if (!program.commands.some((c) => c.name() === 'report')) registerReportCommand(program);
  await program.parseAsync(['node', 'deeppersona', '--db', db, '--quiet', 'report', ...args]);
}

/** A page that records every request, console error and uncaught exception. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors };
}

const rowIn = (page: Page, id: string) => page.locator(`li[data-node-id="${id}"] > .tree-row`);
const facetRow = (page: Page, id: string) => page.locator(`li[data-facet-id="${id}"] > .tree-row`);

/** Opens a tree node unless it is open already (a click on an open node's toggle closes it). */
async function expand(page: Page, id: string): Promise<void> {
  const toggle = rowIn(page, id).locator('.toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

describe.skipIf(skip)('deeppersona report in Chromium', () => {
  it('browses the taxonomy to a leaf and a value facet with their evidence, opens a persona card with provenance, and fetches nothing', async () => {
    const file = join(outputs, 'report', 'index.html');
    expect(existsSync(file)).toBe(true);
    // From the store first: the largest leaf, its ancestors and its evidence; persona 0 and a corpus attribute.
    const q = await withStore(async (store) => {
      const version = Number(await store.scalar('SELECT version_id FROM taxonomy_versions WHERE is_current'));
      const nodes = await store.all<{ node_id: string; parent_id: string | null; label: string; is_leaf: boolean }>(
        'SELECT node_id, parent_id, label, is_leaf FROM taxonomy_nodes WHERE version_id = $1 ORDER BY support_mentions DESC, path', [version]);
      const leaf = nodes.find((n) => n.is_leaf && n.parent_id !== null)!;
      const chain = [];
      for (let p = nodes.find((n) => n.node_id === leaf.parent_id); p; p = nodes.find((n) => n.node_id === p!.parent_id)) chain.unshift(p);
      const evidence = await store.all<{ quote: string; locator: string }>('SELECT quote, locator FROM node_evidence WHERE version_id = $1 AND node_id = $2', [version, leaf.node_id]);
      const persona = (await store.one<{ persona_id: string }>('SELECT persona_id FROM personas WHERE run_seed = 42 AND persona_index = 0'))!;
      const attribute = (await store.one<{ node_id: string; value: string }>(
        "SELECT node_id, value FROM persona_attributes WHERE persona_id = $1 AND origin = 'corpus' ORDER BY rowid LIMIT 1", [persona.persona_id]))!;
      const attributeQuotes = await store.all<{ quote: string }>('SELECT quote FROM node_evidence WHERE version_id = $1 AND node_id = $2', [version, attribute.node_id]);
      const otherLeaf = nodes.find((n) => n.is_leaf && n.node_id !== leaf.node_id)!;
      // The largest value facet of a split leaf, its leaf's chain and siblings, and its quotes.
      const facet = (await store.one<{ facet_id: string; node_id: string; label: string; path: string }>(
        'SELECT facet_id, node_id, label, path FROM value_facets WHERE version_id = $1 AND is_split ORDER BY support_mentions DESC, path LIMIT 1', [version]))!;
      const facetChain = [];
      for (let p = nodes.find((n) => n.node_id === facet.node_id); p; p = nodes.find((n) => n.node_id === p!.parent_id)) facetChain.unshift(p);
      const siblings = Number(await store.scalar('SELECT count(*) FROM value_facets WHERE version_id = $1 AND node_id = $2', [version, facet.node_id]));
      const facetQuotes = await store.all<{ quote: string; locator: string }>('SELECT quote, locator FROM facet_evidence WHERE version_id = $1 AND facet_id = $2', [version, facet.facet_id]);
      // Persona 0's first corpus attribute drawn from a split facet: its provenance names the facet.
      const facetAttribute = (await store.one<{ facet_id: string; path: string; label: string }>(
        `SELECT a.facet_id, f.path, f.label FROM persona_attributes a JOIN value_facets f ON f.version_id = $1 AND f.facet_id = a.facet_id
         WHERE a.persona_id = $2 AND a.origin = 'corpus' AND f.is_split ORDER BY a.position LIMIT 1`, [version, persona.persona_id]))!;
      const facetAttributeQuotes = await store.all<{ quote: string }>('SELECT quote FROM facet_evidence WHERE version_id = $1 AND facet_id = $2', [version, facetAttribute.facet_id]);
      return { leaf, chain, evidence, persona, attribute, attributeQuotes, otherLeaf, facet, facetChain, siblings, facetQuotes, facetAttribute, facetAttributeQuotes };
    });
    expect(q.chain.length).toBeGreaterThan(0);
    expect(q.evidence.length).toBeGreaterThan(0);
    const { page, requests, errors } = await open(file);

    // Only the roots show at first; open each ancestor down to the leaf, then select it.
    await expect.poll(() => page.locator('#tree > li').count()).toBeGreaterThan(0);
    expect(await page.locator(`li[data-node-id="${q.leaf.node_id}"]`).count()).toBe(0);
    for (const a of q.chain) {
      await rowIn(page, a.node_id).locator('.toggle').click();
      expect(await rowIn(page, a.node_id).locator('.toggle').getAttribute('aria-expanded')).toBe('true');
    }
    await rowIn(page, q.leaf.node_id).locator('.node-label').click();
    const detail = page.locator('#node-detail');
    expect(await detail.locator('h3').textContent()).toBe(q.leaf.label);
    const quotes = await detail.locator('.evidence-item blockquote').allTextContents();
    const locators = await detail.locator('.evidence-item .locator').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    const known = q.evidence.map((e) => `${scrubPii(e.quote).text}\n${e.locator}`);
    quotes.forEach((quote, i) => expect(known).toContain(`${quote}\n${locators[i]}`));
    expect(await detail.locator('.stats').textContent()).toContain(String(q.evidence.length));
    await page.screenshot({ path: join(outputs, 'report-screenshot.png') });
    if (process.env.SAVE_REPORT_SCREENSHOT) {
      mkdirSync(dirname(process.env.SAVE_REPORT_SCREENSHOT), { recursive: true });
      copyFileSync(join(outputs, 'report-screenshot.png'), process.env.SAVE_REPORT_SCREENSHOT);
    }
    expect(existsSync(join(outputs, 'report-screenshot.png'))).toBe(true);

    // A treemap cell selects its node in the tree and the panel.
    await page.locator(`.tm-cell[data-node="${q.otherLeaf.node_id}"] rect`).click();
    expect(await detail.locator('h3').textContent()).toBe(q.otherLeaf.label);
    expect(await page.locator(`li[data-node-id="${q.otherLeaf.node_id}"]`).getAttribute('class')).toContain('selected');

    // A split leaf opens to its value facets (badged); a facet shows its path, values and its own quotes.
    expect(q.facetQuotes.length).toBeGreaterThan(0);
    for (const a of q.facetChain) await expand(page, a.node_id);
    const leafItem = page.locator(`li[data-node-id="${q.facet.node_id}"]`);
    expect(await leafItem.locator(':scope > ul > li.facet-item').count()).toBe(q.siblings);
    expect(await leafItem.locator(':scope > ul > li.facet-item .facet-badge').count()).toBe(q.siblings);
    await facetRow(page, q.facet.facet_id).locator('.node-label').click();
    expect(await detail.locator('h3').textContent()).toBe(`${q.facet.label} facet`);
    expect(await detail.locator('h3 .facet-badge').count()).toBe(1);
    expect(await detail.locator('.node-path').textContent()).toBe(q.facet.path);
    expect(await page.locator(`li[data-facet-id="${q.facet.facet_id}"]`).getAttribute('class')).toContain('selected');
    expect(await detail.locator('table.values tr').count()).toBeGreaterThan(0);
    const facetQuotes = await detail.locator('.evidence-item blockquote').allTextContents();
    const facetLocators = await detail.locator('.evidence-item .locator').allTextContents();
    expect(facetQuotes.length).toBe(Math.min(5, q.facetQuotes.length));
    const knownFacet = q.facetQuotes.map((e) => `${scrubPii(e.quote).text}\n${e.locator}`);
    facetQuotes.forEach((quote, i) => expect(knownFacet).toContain(`${quote}\n${facetLocators[i]}`));
    await page.screenshot({ path: join(outputs, 'report-facet-screenshot.png') });
    // The leaf's own panel lists its facets as buttons that select them.
    await rowIn(page, q.facet.node_id).locator('.node-label').click();
    expect(await detail.locator('.facet-chip').count()).toBe(q.siblings);
    await detail.locator(`.facet-chip[data-facet-id="${q.facet.facet_id}"]`).click();
    expect(await detail.locator('.node-path').textContent()).toBe(q.facet.path);

    // Persona 0: open its card, find the attribute's value, open its provenance quote.
    const card = page.locator(`details[data-persona-id="${q.persona.persona_id}"]`);
    await card.locator('summary').click();
    const attr = card.locator(`button.attr[data-node-id="${q.attribute.node_id}"]`).first();
    expect(await attr.locator('.attr-value').textContent()).toBe(scrubPii(q.attribute.value).text);
    expect(await attr.locator('.badge').textContent()).toBe('corpus');
    await attr.click();
    const prov = card.locator('.prov').first();
    await expect.poll(() => prov.isVisible()).toBe(true);
    const provQuote = await prov.locator('blockquote').textContent();
    expect(q.attributeQuotes.map((x) => scrubPii(x.quote).text)).toContain(provQuote);
    expect(await prov.locator('.locator').textContent()).toMatch(new RegExp(`^${CORPUS}:\\d+$`));

    // An attribute drawn from a split facet: named "leaf › facet", its provenance shows the facet's path
    // and a quote of that facet, and links to the facet in the taxonomy.
    const facetItem = card.locator(`li.attr-item:has(> button.attr[data-facet-id="${q.facetAttribute.facet_id}"])`).first();
    expect(await facetItem.locator('.attr-label').textContent()).toContain(` › ${q.facetAttribute.label}:`);
    const facetProv = facetItem.locator('.prov');
    // It may be the attribute opened above; a second click would close it.
    if (!(await facetProv.isVisible())) await facetItem.locator('button.attr').click();
    await expect.poll(() => facetProv.isVisible()).toBe(true);
    expect(await facetProv.locator('.path').textContent()).toBe(`${q.facetAttribute.path} facet`);
    expect(q.facetAttributeQuotes.map((x) => scrubPii(x.quote).text)).toContain(await facetProv.locator('blockquote').textContent());
    await facetProv.getByRole('button', { name: 'show this facet in the taxonomy' }).click();
    expect(await detail.locator('.node-path').textContent()).toBe(q.facetAttribute.path);

    // Self-contained: the page itself is the only thing loaded, and nothing failed.
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('report --out writes there, with metrics and an anchors reference from JSON files; a bad file is a user error', async () => {
    const out = join(root, 'custom');
    const metrics = join(root, 'eval.json');
    const reference = join(root, 'anchors.json');
    writeFileSync(metrics, JSON.stringify({ metrics: [{ metric: 'leaf coverage', ours: 0.9, baselines: { authors: 0.7 } }] }));
    writeFileSync(reference, JSON.stringify({ label: 'tables', sex: { female: 1, male: 1 }, countries: { CN: 2, IN: 2 } }));
    await report('--out', out, '--metrics', metrics, '--anchors-reference', reference);
    const { page, errors } = await open(join(out, 'index.html'));
    expect(await page.locator('table.metrics').textContent()).toContain('leaf coverage');
    expect(await page.locator('#charts .ref').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
    writeFileSync(metrics, JSON.stringify([{ metric: 'x', ours: 'high' }]));
    await expect(report('--out', out, '--metrics', metrics)).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining('0.ours') });
  });

  it('shows hostile strings as text and runs none of them', async () => {
    const file = join(root, 'hostile', 'index.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, renderHtml(hostileReport()));
    const { page, requests, errors } = await open(file);
    await rowIn(page, 'n_root').locator('.toggle').click();
    await rowIn(page, 'n_leaf').locator('.node-label').click();
    expect(await page.locator('#node-detail h3').textContent()).toBe(`${HOSTILE} leaf`);
    expect(await page.locator('#node-detail blockquote').first().textContent()).toBe(`I said ${HOSTILE} (n_leaf)`);
    await rowIn(page, 'n_leaf').locator('.toggle').click();
    await facetRow(page, 'f_hostile').locator('.node-label').click();
    expect(await page.locator('#node-detail h3').textContent()).toBe(`${HOSTILE} facet facet`);
    expect(await page.locator('#node-detail blockquote').first().textContent()).toBe(`I said ${HOSTILE} (facet)`);
    await page.locator('details.persona summary').click();
    await page.locator('button.attr').click();
    expect(await page.locator('.prov blockquote').textContent()).toBe(`I said ${HOSTILE} (persona)`);
    expect(await page.evaluate('document.images.length')).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
