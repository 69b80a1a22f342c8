import { escapeHtml } from './escape.js';
import type { ReportNode } from './types.js';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Worst aspect ratio of a row of areas laid along a side of length `side` (Bruls et al. 2000). */
function worst(row: readonly number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  if (sum <= 0 || min <= 0) return Infinity;
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

/** Lays one row along the shorter side of `rect`; returns the rects and what is left of `rect`. */
function layoutRow(row: readonly number[], rect: Rect): { rects: Rect[]; rest: Rect } {
  const sum = row.reduce((a, b) => a + b, 0);
  const rects: Rect[] = [];
  if (rect.w >= rect.h) {
    const w = rect.h > 0 ? sum / rect.h : 0;
    let y = rect.y;
    for (const a of row) {
      const h = w > 0 ? a / w : 0;
      rects.push({ x: rect.x, y, w, h });
      y += h;
    }
    return { rects, rest: { x: rect.x + w, y: rect.y, w: Math.max(0, rect.w - w), h: rect.h } };
  }
  const h = rect.w > 0 ? sum / rect.w : 0;
  let x = rect.x;
  for (const a of row) {
    const w = h > 0 ? a / h : 0;
    rects.push({ x, y: rect.y, w, h });
    x += w;
  }
  return { rects, rest: { x: rect.x, y: rect.y + h, w: rect.w, h: Math.max(0, rect.h - h) } };
}

/**
 * Squarified treemap: one rect per size, in the input order, filling `rect` with areas
 * proportional to the sizes. Sizes ≤ 0 get an empty rect at the corner.
 */
export function squarify(sizes: readonly number[], rect: Rect): Rect[] {
  const out: Rect[] = sizes.map(() => ({ x: rect.x, y: rect.y, w: 0, h: 0 }));
  const total = sizes.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  if (total <= 0 || rect.w <= 0 || rect.h <= 0) return out;
  const scale = (rect.w * rect.h) / total;
  // Largest first (ties by index, so the layout is stable), placed back at their input positions.
  const order = sizes.map((s, i) => ({ i, a: s * scale })).filter((x) => x.a > 0).sort((p, q) => q.a - p.a || p.i - q.i);
  let rest = rect;
  let row: { i: number; a: number }[] = [];
  const flush = () => {
    const laid = layoutRow(row.map((r) => r.a), rest);
    laid.rects.forEach((r, k) => (out[row[k]!.i] = r));
    rest = laid.rest;
    row = [];
  };
  for (const item of order) {
    const side = Math.min(rest.w, rest.h);
    const areas = row.map((r) => r.a);
    if (row.length === 0 || worst([...areas, item.a], side) <= worst(areas, side)) row.push(item);
    else {
      flush();
      row.push(item);
    }
  }
  if (row.length > 0) flush();
  return out;
}

export interface TreemapCell {
  node: ReportNode;
  rect: Rect;
  size: number;
}

const HEADER = 15;
const PAD = 2;

/**
 * Nested layout of a whole taxonomy: every root, inside it its children, down to the leaves.
 * A leaf's size is its mention support; an inner node's is the sum of its leaves.
 */
export function layoutTreemap(nodes: readonly ReportNode[], width: number, height: number): TreemapCell[] {
  const children = new Map<string | null, ReportNode[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const size = new Map<string, number>();
  const sizeOf = (n: ReportNode): number => {
    const kids = children.get(n.id) ?? [];
    const s = kids.length === 0 ? Math.max(0, n.support.mentions) : kids.reduce((a, k) => a + sizeOf(k), 0);
    size.set(n.id, s);
    return s;
  };
  const roots = children.get(null) ?? [];
  roots.forEach(sizeOf);
  const cells: TreemapCell[] = [];
  const place = (list: readonly ReportNode[], rect: Rect) => {
    const rects = squarify(list.map((n) => size.get(n.id) ?? 0), rect);
    list.forEach((n, i) => {
      const r = rects[i]!;
      if (r.w < 1 || r.h < 1) return;
      cells.push({ node: n, rect: r, size: size.get(n.id) ?? 0 });
      const kids = children.get(n.id) ?? [];
      // Room for a header with the label, then the children inside a small padding.
      const header = r.h > HEADER * 2.5 && r.w > 40 ? HEADER : 0;
      const inner = { x: r.x + PAD, y: r.y + header + PAD, w: r.w - 2 * PAD, h: r.h - header - 2 * PAD };
      if (kids.length > 0 && inner.w >= 4 && inner.h >= 4) place(kids, inner);
    });
  };
  place(roots, { x: 0, y: 0, w: width, h: height });
  return cells;
}

/** 12 distinguishable hues for roots; depth only lightens them. */
const HUES = [212, 28, 145, 350, 265, 48, 185, 5, 95, 300, 230, 120];

export function rootHue(roots: readonly string[], root: string): number {
  const i = roots.indexOf(root);
  return HUES[(i < 0 ? 0 : i) % HUES.length]!;
}

const f = (x: number) => String(Math.round(x * 10) / 10);

/** The treemap as inline SVG; each cell carries `data-node` for the page script to select it. */
export function treemapSvg(nodes: readonly ReportNode[], width = 1100, height = 520): string {
  const cells = layoutTreemap(nodes, width, height);
  const roots = nodes.filter((n) => n.parentId === null).map((n) => n.root);
  const parts = cells.map(({ node, rect }) => {
    const root = node.parentId === null;
    const light = node.isLeaf ? 82 : root ? 44 : 66;
    const fill = `hsl(${rootHue(roots, node.root)},${node.isLeaf ? 60 : 48}%,${light}%)`;
    const title = `${node.path}\n${node.support.mentions} mentions · ${node.support.conversations} conversations · ${node.support.sources} sources`;
    const fits = Math.floor((rect.w - 6) / (node.isLeaf ? 6.2 : 7.2));
    const showText = rect.h >= 13 && fits >= 3;
    const label = node.label.length > fits ? `${node.label.slice(0, Math.max(1, fits - 1))}…` : node.label;
    const cls = node.isLeaf ? 'tm-label' : root ? 'tm-label tm-inner tm-root' : 'tm-label tm-inner';
    const text = showText ? `<text x="${f(rect.x + 3)}" y="${f(rect.y + 11)}" class="${cls}">${escapeHtml(label)}</text>` : '';
    return `<g class="tm-cell" data-node="${escapeHtml(node.id)}"><rect x="${f(rect.x)}" y="${f(rect.y)}" width="${f(rect.w)}" height="${f(rect.h)}" fill="${fill}"><title>${escapeHtml(title)}</title></rect>${text}</g>`;
  });
  return `<svg class="treemap" viewBox="0 0 ${width} ${height}" role="img" aria-label="taxonomy treemap sized by mentions">${parts.join('')}</svg>`;
}
