import { escapeHtml as h } from './escape.js';
import type { ReportEvaluation } from './types.js';

/**
 * The parts of the metrics section around the table: "where we lose" first (every metric a
 * comparison set beats ours on, both values: nothing hidden because it looks bad), the sets
 * compared, and the taxonomy review (reference comparison, label-quality sample).
 */

const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));

export function renderWhereWeLose(e: ReportEvaluation): string {
  if (e.whereWeLose.length === 0) return '<h3>Where we lose</h3><p>No metric where a comparison set beats ours.</p>';
  const rows = e.whereWeLose.flatMap((l) => l.beatenBy.map((b, i) =>
    `<tr>${i === 0 ? `<td rowspan="${l.beatenBy.length}">${h(l.metric)}</td><td rowspan="${l.beatenBy.length}">${h(l.direction)}</td><td class="num ours" rowspan="${l.beatenBy.length}">${h(num(l.ours))}</td>` : ''}` +
    `<td>${h(b.set)}</td><td class="num">${h(num(b.value))}</td><td class="muted">${b.withinIntervals ? 'intervals overlap' : ''}</td></tr>`));
  return `<h3>Where we lose</h3><p>${e.whereWeLose.length} metrics where a comparison set scores better than ours (by the metric's declared direction).</p>` +
    `<table class="metrics where-we-lose"><thead><tr><th>metric</th><th>better</th><th>ours</th><th>set</th><th>theirs</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderSets(e: ReportEvaluation): string {
  const rows = e.sets.map((s) => `<tr><td>${h(s.name)}</td><td>${h(s.kind)}</td><td class="num">${h(num(s.personas))}</td><td>${h(s.label)}${s.notes.length ? ` <span class="muted">(${h(s.notes.join('; '))})</span>` : ''}</td></tr>`);
  const skipped = e.skippedSets.length ? `<p class="muted">Not scored: ${e.skippedSets.map((s) => `${h(s.file)} (${h(s.reason)})`).join('; ')}.</p>` : '';
  return `<h3>Sets compared</h3><table class="sets"><thead><tr><th>set</th><th>kind</th><th>personas</th><th>what</th></tr></thead><tbody>${rows.join('')}</tbody></table>${skipped}`;
}

export function renderTaxonomyReview(e: ReportEvaluation): string {
  const parts: string[] = [];
  const ref = e.taxonomyReference as { skipped?: string; file?: string; threshold?: number; oneToOne?: { matched: number; reference: Share; ours: Share; rootAgreement: Share } } | undefined;
  if (ref?.skipped) parts.push(`<p class="muted">Reference comparison skipped: ${h(ref.skipped)}</p>`);
  else if (ref?.oneToOne) {
    const o = ref.oneToOne;
    parts.push(`<p>Against <code>${h(ref.file ?? '')}</code>, one to one at similarity ≥ ${h(String(ref.threshold))}: ${h(num(o.matched))} matched pairs; ` +
      `reference leaves matched ${h(share(o.reference))}, ours ${h(share(o.ours))}, root agreement ${h(share(o.rootAgreement))}.</p>`);
  }
  const sample = e.labelSample;
  if (sample?.rows.length) {
    const rows = sample.rows.map((r, i) => `<tr><td class="num">${i + 1}</td><td>${h(r.path)} = <b>${h(r.value)}</b></td><td class="muted">“${h(r.quote)}” ${h(r.locator)}</td></tr>`);
    parts.push(`<details><summary>Label-quality sample: ${sample.rows.length} random leaf paths of ${h(num(sample.units))} (seed ${sample.seed}), to ${h(sample.how.replace(/^rate/, 'rate'))}</summary>` +
      `<table class="sample"><tbody>${rows.join('')}</tbody></table></details>`);
  }
  return parts.length ? `<h3>Taxonomy review</h3>${parts.join('')}` : '';
}

interface Share {
  matched: number;
  total: number;
  share: number;
}
const share = (s: Share) => `${(s.share * 100).toFixed(1)}% (${s.matched}/${s.total})`;
