import { escapeHtml } from './escape.js';

/** Small inline-SVG charts for the report: horizontal bars and a histogram, each with an optional reference. */

export interface ChartItem {
  label: string;
  value: number;
  /** A reference value on the same scale (drawn as a grey bar behind, or a line over a histogram). */
  ref?: number;
}

export interface ChartOptions {
  width?: number;
  /** How a value is printed (default: as is). */
  format?: (x: number) => string;
  /** Names of the two series for the legend, when there is a reference. */
  legend?: [string, string];
  ariaLabel: string;
}

const f = (x: number) => String(Math.round(x * 10) / 10);
export const pct = (x: number) => `${(x * 100).toFixed(x >= 0.1 || x === 0 ? 0 : 1)}%`;

function legend(opts: ChartOptions, items: readonly ChartItem[], y: number, x: number, refClass: string): string {
  if (!opts.legend || !items.some((i) => i.ref !== undefined)) return '';
  const [ours, ref] = opts.legend;
  return `<g class="legend" transform="translate(${f(x)},${f(y)})"><rect width="10" height="10" class="bar"/><text x="14" y="9">${escapeHtml(ours)}</text>` +
    `<rect x="${14 + ours.length * 6.5 + 12}" width="10" height="10" class="${refClass}"/><text x="${f(14 + ours.length * 6.5 + 26)}" y="9">${escapeHtml(ref)}</text></g>`;
}

/** One row per item: label, bar, value text. */
export function barChart(items: readonly ChartItem[], opts: ChartOptions): string {
  const width = opts.width ?? 520;
  const fmt = opts.format ?? ((x: number) => String(x));
  const labelW = Math.min(230, Math.max(60, ...items.map((i) => i.label.length * 6.4 + 8)));
  const valueW = 84;
  const barW = width - labelW - valueW;
  const rowH = 20;
  const top = opts.legend && items.some((i) => i.ref !== undefined) ? 20 : 4;
  const max = Math.max(1e-9, ...items.map((i) => Math.max(i.value, i.ref ?? 0)));
  const rows = items.map((item, k) => {
    const y = top + k * rowH;
    const label = item.label.length > 36 ? `${item.label.slice(0, 35)}…` : item.label;
    const ref = item.ref === undefined ? '' : `<rect class="ref" x="${f(labelW)}" y="${f(y + 2)}" width="${f((item.ref / max) * barW)}" height="${rowH - 4}"/>`;
    const bar = `<rect class="bar" x="${f(labelW)}" y="${f(y + (item.ref === undefined ? 3 : 6))}" width="${f((item.value / max) * barW)}" height="${item.ref === undefined ? rowH - 6 : rowH - 12}"/>`;
    const text = item.ref === undefined ? fmt(item.value) : `${fmt(item.value)} / ${fmt(item.ref)}`;
    return `<g><title>${escapeHtml(`${item.label}: ${text}`)}</title><text class="axis" x="${f(labelW - 6)}" y="${f(y + 14)}" text-anchor="end">${escapeHtml(label)}</text>${ref}${bar}` +
      `<text class="val" x="${f(labelW + barW + 4)}" y="${f(y + 14)}">${escapeHtml(text)}</text></g>`;
  });
  const height = top + items.length * rowH + 4;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(opts.ariaLabel)}">` +
    `${legend(opts, items, 2, labelW, 'ref')}${rows.join('')}</svg>`;
}

/** Vertical bars in order (bins), with the reference as a step line over them. */
export function histogram(bins: readonly ChartItem[], opts: ChartOptions): string {
  const width = opts.width ?? 520;
  const height = 200;
  const fmt = opts.format ?? ((x: number) => String(x));
  const left = 44;
  const top = opts.legend && bins.some((b) => b.ref !== undefined) ? 22 : 8;
  const bottom = 30;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(1e-9, ...bins.map((b) => Math.max(b.value, b.ref ?? 0)));
  const bw = bins.length > 0 ? plotW / bins.length : plotW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(bins.length / Math.floor(plotW / 42)));
  const bars = bins.map((b, k) => {
    const x = left + k * bw;
    const tick = k % every === 0 ? `<text class="axis" x="${f(x + bw / 2)}" y="${f(top + plotH + 14)}" text-anchor="middle">${escapeHtml(b.label)}</text>` : '';
    const tip = b.ref === undefined ? fmt(b.value) : `${fmt(b.value)} (reference ${fmt(b.ref)})`;
    return `<g><title>${escapeHtml(`${b.label}: ${tip}`)}</title><rect class="bar" x="${f(x + 1)}" y="${f(y(b.value))}" width="${f(Math.max(1, bw - 2))}" height="${f(top + plotH - y(b.value))}"/>${tick}</g>`;
  });
  let line = '';
  if (bins.some((b) => b.ref !== undefined)) {
    const pts: string[] = [];
    bins.forEach((b, k) => {
      const yy = y(b.ref ?? 0);
      pts.push(`${f(left + k * bw)},${f(yy)}`, `${f(left + (k + 1) * bw)},${f(yy)}`);
    });
    line = `<polyline class="ref-line" points="${pts.join(' ')}"/>`;
  }
  const axis = `<line class="axis-line" x1="${left}" y1="${f(top + plotH)}" x2="${f(left + plotW)}" y2="${f(top + plotH)}"/>` +
    `<text class="axis" x="${left - 4}" y="${f(top + 8)}" text-anchor="end">${escapeHtml(fmt(max))}</text>` +
    `<text class="axis" x="${left - 4}" y="${f(top + plotH)}" text-anchor="end">0</text>`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(opts.ariaLabel)}">` +
    `${legend(opts, bins, 4, left, 'ref-swatch')}${axis}${bars.join('')}${line}</svg>`;
}

/** Counts keyed by whole numbers, grouped into bins of `width` starting at a multiple of it. */
export function binCounts(counts: Record<string, number>, width: number, lo?: number, hi?: number): { start: number; count: number }[] {
  const keys = Object.keys(counts).map(Number).filter(Number.isFinite);
  const min = Math.min(lo ?? Infinity, ...keys);
  const max = Math.max(hi ?? -Infinity, ...keys);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const first = Math.floor(min / width) * width;
  const out: { start: number; count: number }[] = [];
  for (let s = first; s <= max; s += width) out.push({ start: s, count: 0 });
  for (const k of keys) out[Math.floor((k - first) / width)]!.count += counts[String(k)]!;
  return out;
}
