import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import { renderCharts } from './render-charts.js';
import { renderMetrics, renderRun } from './render-sections.js';
import { REPORT_CSS } from './styles.js';
import { treemapSvg } from './treemap.js';
import type { ReportData } from './types.js';

/**
 * The report as one self-contained HTML page: CSS and script inline, data as a JSON block,
 * charts as inline SVG. The Content-Security-Policy allows no network request at all and runs
 * only the page's own script (by hash), so even a value that slipped past escaping could not run.
 */
export function renderHtml(data: ReportData): string {
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT, 'utf8').digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>deeppersona report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>deeppersona report</h1><p>${h(headerLine(data))}</p></header>
<nav><a href="#taxonomy">Taxonomy</a><a href="#personas">Personas</a><a href="#charts">Charts</a><a href="#metrics">Metrics</a><a href="#run">Run</a></nav>
<main>
<noscript><p class="hint">The taxonomy tree and the persona cards need JavaScript; the charts, metrics and run below do not.</p></noscript>
<section id="taxonomy"><h2>Taxonomy</h2>${taxonomySection(data)}</section>
<section id="personas"><h2>Personas</h2>${personasSection(data)}</section>
<section id="charts"><h2>Charts</h2>${renderCharts(data.personas, data.anchorsReference)}</section>
<section id="metrics"><h2>Metrics</h2><div class="panel">${renderMetrics(data.metrics, data.evaluation)}</div></section>
<section id="run"><h2>Run</h2><div class="panel">${renderRun(data.run)}</div></section>
</main>
<footer>Generated ${h(data.generatedAt)} by <code>deeppersona report</code>. Every text from a conversation or a model is PII-scrubbed; every quote names its source file and line.</footer>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

function headerLine(data: ReportData): string {
  const parts: string[] = [];
  const t = data.taxonomy;
  if (t) {
    const split = t.facets.filter((f) => f.isSplit);
    const leaves = new Set(split.map((f) => f.nodeId)).size;
    const facets = split.length ? `, ${split.length} value facets under ${leaves} split ${leaves === 1 ? 'leaf' : 'leaves'}` : '';
    parts.push(`taxonomy v${t.version} (${t.mode}, ${t.embedderId}): ${t.nodes.filter((n) => n.parentId === null).length} roots, ${t.nodes.length} nodes, ${t.nodes.filter((n) => n.isLeaf).length} leaves${facets}`);
  }
  if (data.personas.total > 0) parts.push(`${data.personas.total} personas (seed ${data.personas.seed})`);
  if (data.run) parts.push(`last run ${data.run.runId} (${data.run.status})`);
  return parts.join(' · ') || 'empty store';
}

function taxonomySection(data: ReportData): string {
  const t = data.taxonomy;
  if (!t) return '<p class="empty">No taxonomy yet: run <code>deeppersona run --until cluster</code> first.</p>';
  return `<p class="muted">Version ${t.version}, built ${h(t.createdAt)}. Click ▸ to open a node, a label or a treemap cell to see its values and evidence; a split leaf opens to its value facets (<span class="facet-badge">facet</span>), its values clustered and named. Counts are mentions.</p>
<div class="tax-grid">
<div class="panel tree-panel"><div class="tree-tools"><button type="button" id="expand-all">expand all</button><button type="button" id="collapse-all">collapse all</button></div><ul class="tree" id="tree" role="tree" aria-label="taxonomy"></ul></div>
<div class="panel detail" id="node-detail" aria-live="polite"><p class="muted">Select a node in the tree or the treemap to see its path, support, values and evidence quotes.</p></div>
</div>
<div class="panel treemap-panel"><h3>Treemap <span class="muted">(area = mentions; colour = root)</span></h3>${treemapSvg(t.nodes)}</div>`;
}

function personasSection(data: ReportData): string {
  const p = data.personas;
  if (p.total === 0) return '<p class="empty">No personas yet: run <code>deeppersona run</code> through the sample stage.</p>';
  const shown = p.cards.length < p.total ? `the first ${p.cards.length} of ${p.total}` : `all ${p.total}`;
  return `<div class="persona-tools"><input type="search" id="persona-filter" placeholder="filter by any text" aria-label="filter personas"><span class="muted">Showing ${h(shown)} personas of taxonomy v${h(String(p.taxonomyVersion))}, seed ${h(String(p.seed))}. Open a card; click an attribute for its provenance.</span></div>
<div class="persona-grid" id="persona-grid"></div>`;
}
