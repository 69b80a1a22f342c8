import { escapeHtml } from './escape.js';
import { barChart, binCounts, histogram, pct, type ChartItem } from './svg-charts.js';
import type { AnchorsReference, PersonaStats, ReportPersonas } from './types.js';

/** The charts section: attribute counts and roots of the personas, and their anchors against the tables. */

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

function shares(counts: Record<string, number>): Record<string, number> {
  const total = sum(Object.values(counts));
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, total > 0 ? v / total : 0]));
}

const panel = (title: string, note: string, svg: string) =>
  `<figure class="panel chart-panel"><figcaption><strong>${escapeHtml(title)}</strong>${note ? ` <span class="muted">${escapeHtml(note)}</span>` : ''}</figcaption>${svg}</figure>`;

function attributesHistogram(stats: PersonaStats): string {
  const keys = Object.keys(stats.attributesPerPersona).map(Number);
  if (keys.length === 0) return '';
  const width = Math.max(1, Math.ceil((Math.max(...keys) - Math.min(...keys) + 1) / 24));
  const bins: ChartItem[] = binCounts(stats.attributesPerPersona, width).map((b) => ({ label: width === 1 ? String(b.start) : `${b.start}–${b.start + width - 1}`, value: b.count }));
  const n = sum(Object.values(stats.attributesPerPersona));
  const mean = sum(Object.entries(stats.attributesPerPersona).map(([k, v]) => Number(k) * v)) / Math.max(1, n);
  return panel('Attributes per persona', `${n} personas, mean ${mean.toFixed(1)}`, histogram(bins, { ariaLabel: 'attributes per persona histogram', format: (x) => String(Math.round(x)) }));
}

function countBars(title: string, counts: Record<string, number>, aria: string): string {
  const total = sum(Object.values(counts));
  if (total === 0) return '';
  const items = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([label, value]) => ({ label, value: value / total }));
  return panel(title, `${total} persona attributes`, barChart(items, { ariaLabel: aria, format: pct }));
}

/** Per-year reference weights as 5-year bins of shares, over [lo, hi]. */
function ageItems(stats: PersonaStats, ref: AnchorsReference['age']): ChartItem[] {
  const ours = stats.ages;
  const refCounts: Record<string, number> = {};
  ref?.weights.forEach((w, i) => (refCounts[String(ref.lo + i)] = w));
  const keys = [...Object.keys(ours), ...Object.keys(refCounts)].map(Number).filter(Number.isFinite);
  if (keys.length === 0) return [];
  const [lo, hi] = [Math.min(...keys), Math.max(...keys)];
  const oursBins = binCounts(ours, 5, lo, hi);
  const refBins = ref ? binCounts(refCounts, 5, lo, hi) : [];
  const oursTotal = sum(oursBins.map((b) => b.count));
  const refTotal = sum(refBins.map((b) => b.count));
  return oursBins.map((b, i) => ({
    label: `${b.start}`,
    value: oursTotal > 0 ? b.count / oursTotal : 0,
    ...(ref && refTotal > 0 ? { ref: refBins[i]!.count / refTotal } : {}),
  }));
}

function shareItems(ours: Record<string, number>, ref: Record<string, number> | undefined, label: (k: string) => string, top: number): ChartItem[] {
  const o = shares(ours);
  const r = ref ? shares(ref) : undefined;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(r ?? {})])]
    .sort((a, b) => Math.max(o[b] ?? 0, r?.[b] ?? 0) - Math.max(o[a] ?? 0, r?.[a] ?? 0) || (a < b ? -1 : 1))
    .slice(0, top);
  return keys.map((k) => ({ label: label(k), value: o[k] ?? 0, ...(r ? { ref: r[k] ?? 0 } : {}) }));
}

function anchorCharts(stats: PersonaStats, ref: AnchorsReference | undefined): string {
  const legend: [string, string] = ['personas', ref?.label ? 'reference' : 'reference tables'];
  const note = ref ? `shares: personas / ${ref.label ?? 'reference'}` : 'shares (no reference tables given)';
  const age = ageItems(stats, ref?.age);
  const sexes = shareItems(stats.sexes, ref?.sex, (k) => k, 4);
  const names = Object.fromEntries(Object.entries(stats.countries).map(([k, v]) => [k, v.name]));
  const countryCounts = Object.fromEntries(Object.entries(stats.countries).map(([k, v]) => [k, v.count]));
  const countries = shareItems(countryCounts, ref?.countries, (k) => (names[k] ? `${names[k]} (${k})` : k), 12);
  return [
    age.length ? panel('Age (5-year groups)', note, histogram(age, { ariaLabel: 'age histogram', format: pct, legend })) : '',
    sexes.length ? panel('Sex', note, barChart(sexes, { ariaLabel: 'sex shares', format: pct, legend })) : '',
    countries.length ? panel('Top countries', note, barChart(countries, { ariaLabel: 'country shares', format: pct, legend })) : '',
  ].join('');
}

export function renderCharts(personas: ReportPersonas, ref: AnchorsReference | undefined): string {
  if (personas.total === 0) return '<p class="empty">No personas yet: run <code>deeppersona run</code> through the sample stage.</p>';
  const s = personas.stats;
  return `<p class="muted">Over all ${personas.total} personas of taxonomy v${personas.taxonomyVersion}, seed ${personas.seed}.</p><div class="charts">${[
    attributesHistogram(s),
    countBars('Persona attributes by root', s.roots, 'persona attributes by root'),
    countBars('Attribute origin', s.origins, 'persona attributes by origin'),
    anchorCharts(s, ref),
  ].join('')}</div>`;
}
