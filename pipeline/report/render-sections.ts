import { escapeHtml as h } from './escape.js';
import { renderSets, renderTaxonomyReview, renderWhereWeLose } from './render-evaluation.js';
import type { MetricRow, ReportEvaluation, ReportRun, StageRow } from './types.js';

/** Server-rendered sections of the report: the metrics table and the run manifest. */

/** A metric value: integers as is, others to 3 significant decimals; null as a dash. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(1) : abs >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export function renderMetrics(metrics: MetricRow[] | undefined, evaluation?: ReportEvaluation): string {
  if (!metrics || metrics.length === 0) {
    return '<p class="hint">No evaluation results in this report. Run <code>deeppersona evaluate</code>, then build the report again to see our metrics against the baselines.</p>';
  }
  const baselines = [...new Set(metrics.flatMap((m) => Object.keys(m.baselines ?? {})))];
  const head = `<tr><th>metric</th><th>ours</th>${baselines.map((b) => `<th>${h(b)}</th>`).join('')}</tr>`;
  // A dash carries its reason; a fidelity value carries what an ideal sampler scores at that set's n.
  const cell = (m: MetricRow, subject: string, value: number | null | undefined) => {
    const reason = m.notApplicable?.[subject];
    const floor = m.noiseFloor?.[subject];
    const floorText = floor ? ` <span class="muted" title="population draws at n = ${floor.n}">floor ${h(formatNumber(floor.estimate ?? floor.plugin))}</span>` : '';
    return reason && (value === null || value === undefined) ? `<span title="${h(reason)}">—</span>` : `${h(formatNumber(value))}${floorText}`;
  };
  const rows = metrics.map((m) => {
    const ci = m.ci ? ` <span class="muted">[${h(formatNumber(m.ci[0]))}, ${h(formatNumber(m.ci[1]))}]</span>` : '';
    const cells = baselines.map((b) => `<td class="num">${cell(m, b, m.baselines?.[b])}</td>`).join('');
    const title = m.description ? ` title="${h(m.description)}${m.direction && m.direction !== 'none' ? ` (${h(m.direction)} is better)` : ''}"` : '';
    return `<tr><td${title}>${h(m.metric)}</td><td class="num ours">${cell(m, 'ours', m.ours)}${ci}</td>${cells}</tr>`;
  });
  const intro = evaluation ? renderWhereWeLose(evaluation) + renderSets(evaluation) : '';
  const note = evaluation?.intervals ? ` ${h(evaluation.intervals)}.` : '';
  const review = evaluation ? renderTaxonomyReview(evaluation) : '';
  return `${intro}<h3>All metrics</h3><table class="metrics"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table><p class="muted">Brackets: confidence interval of our value; a dash: not applicable to that set (hover for why).${note}</p>${review}`;
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

function countsCell(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '<span class="muted">—</span>';
  return entries.map(([k, v]) => `<span class="kv">${h(k)} <b>${h(formatNumber(v))}</b></span>`).join(' ');
}

function stageTable(stages: StageRow[]): string {
  if (stages.length === 0) return '<p class="muted">No stage has finished yet.</p>';
  const rows = stages.map((s) => `<tr><td>${h(s.stage)}</td><td><span class="status status-${h(s.status)}">${h(s.status)}</span></td>` +
    `<td class="num">${h(seconds(s.durationMs))}</td><td><code>${h(s.runId)}</code><br><span class="muted">${h(s.finishedAt ?? '')}</span></td><td>${countsCell(s.counts)}</td></tr>`);
  return `<table class="stages"><thead><tr><th>stage</th><th>status</th><th>time</th><th>run, finished</th><th>counts</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

type ManifestStage = { stage?: unknown; status?: unknown; summary?: unknown; durationMs?: unknown };

function manifestStages(manifest: unknown): string {
  const stages = (manifest as { stages?: unknown } | null)?.stages;
  if (!Array.isArray(stages) || stages.length === 0) return '';
  const rows = (stages as ManifestStage[]).map((s) => `<tr><td>${h(String(s.stage ?? ''))}</td><td><span class="status status-${h(String(s.status ?? ''))}">${h(String(s.status ?? ''))}</span></td>` +
    `<td class="num">${h(seconds(typeof s.durationMs === 'number' ? s.durationMs : null))}</td><td>${h(String(s.summary ?? ''))}</td></tr>`);
  return `<h3>This run's stages</h3><table class="stages"><thead><tr><th>stage</th><th>status</th><th>time</th><th>summary</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** LLM calls, cache hits and tokens summed over the stages' counts (keys llmCalls, llmCacheHits, …). */
export function llmTotals(stages: StageRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stages) for (const [k, v] of Object.entries(s.counts)) if (/^llm[A-Z]/.test(k)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const pretty = (x: unknown) => JSON.stringify(x, null, 2) ?? 'null';

export function renderRun(run: ReportRun | null): string {
  if (!run) return '<p class="empty">No run recorded in this store yet.</p>';
  const resources = (run.manifest as { resources?: Record<string, unknown> } | null)?.resources;
  const facts: [string, string][] = [
    ['run', run.runId],
    ['command', run.command],
    ['status', run.status],
    ['started', run.startedAt],
    ['finished', run.finishedAt ?? '—'],
    ...Object.entries(run.versions).map(([k, v]): [string, string] => [k, String(v)]),
    ...Object.entries(resources ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  ];
  const llm = llmTotals(run.stages);
  const llmLine = Object.keys(llm).length
    ? `<p>LLM (latest stage runs): ${countsCell(llm)}</p>`
    : '<p class="muted">No LLM calls in the latest stage runs (offline defaults).</p>';
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>` +
    manifestStages(run.manifest) +
    `<h3>Latest finished run of each stage</h3>${stageTable(run.stages)}${llmLine}` +
    `<details><summary>Configuration</summary><pre>${h(pretty(run.config))}</pre></details>` +
    `<details><summary>Manifest JSON</summary><pre>${h(run.manifest === null ? 'null (the run has not finished)' : pretty(run.manifest))}</pre></details>`;
}
