import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../pipeline/report/client-script.js';
import { escapeHtml, jsonForScript } from '../../pipeline/report/escape.js';
import { renderHtml } from '../../pipeline/report/render-html.js';
import { layoutTreemap, squarify } from '../../pipeline/report/treemap.js';
import type { ReportNode } from '../../pipeline/report/types.js';
import { hostileReport } from './hostile.js';

const dataBlock = (html: string): string => {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data block');
  return m[1]!;
};

describe('escaping', () => {
  it('escapeHtml escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('jsonForScript cannot close the script element or open a comment, and parses back to the same value', () => {
    const value = { a: '</script><img src=x onerror=alert(1)>', b: '<!-- x -->', c: 'a\u2028b\u2029c & d', n: 3n };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|>|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual({ ...value, n: 3 });
  });

  it('a report full of hostile strings has no live markup from the data, and its JSON block round-trips', () => {
    const data = hostileReport();
    const html = renderHtml(data);
    // Only the page's own two script elements open and close.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=');
    expect(JSON.parse(dataBlock(html))).toEqual(data);
  });

  it('value facets travel in the data block only: no treemap cell or markup of their own', () => {
    const data = hostileReport();
    const html = renderHtml(data);
    expect(JSON.parse(dataBlock(html)).taxonomy.facets).toEqual(data.taxonomy!.facets);
    expect(html.match(/class="tm-cell"/g)).toHaveLength(data.taxonomy!.nodes.length);
    expect(html).toContain('2 value facets under 1 split leaf');
  });

  it('the CSP admits exactly the page script (by hash) and no network source', () => {
    const html = renderHtml(hostileReport());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const hash = createHash('sha256').update(CLIENT_SCRIPT, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script>${CLIENT_SCRIPT}</script>`);
    // Nothing is fetched: no external URLs in src/href attributes.
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('the client script builds the page with textContent only', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(CLIENT_SCRIPT).not.toMatch(/Math\.random/);
  });
});

describe('treemap', () => {
  it('squarify fills the rectangle with areas proportional to the sizes, in input order', () => {
    const sizes = [6, 6, 4, 3, 2, 2, 1, 0];
    const rect = { x: 10, y: 20, w: 600, h: 400 };
    const rects = squarify(sizes, rect);
    expect(rects).toHaveLength(sizes.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    sizes.forEach((s, i) => {
      const r = rects[i]!;
      expect(r.w * r.h).toBeCloseTo((s / total) * rect.w * rect.h, 6);
      expect(r.x).toBeGreaterThanOrEqual(rect.x - 1e-9);
      expect(r.y).toBeGreaterThanOrEqual(rect.y - 1e-9);
      expect(r.x + r.w).toBeLessThanOrEqual(rect.x + rect.w + 1e-9);
      expect(r.y + r.h).toBeLessThanOrEqual(rect.y + rect.h + 1e-9);
    });
    // Squarified: no cell is a sliver.
    for (const r of rects.filter((x) => x.w > 0)) expect(Math.max(r.w / r.h, r.h / r.w)).toBeLessThan(3);
    // No two cells overlap.
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i]!, rects[j]!];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      expect(ox <= 1e-6 || oy <= 1e-6).toBe(true);
    }
    expect(squarify([0, 0], rect).every((r) => r.w === 0)).toBe(true);
  });

  it('nests children inside their parent', () => {
    const node = (id: string, parentId: string | null, mentions: number, isLeaf: boolean): ReportNode => ({
      id, parentId, label: id, path: id, depth: 1, root: 'R', isLeaf, valueType: null,
      support: { mentions, conversations: 1, sources: 1 }, values: [], distinctValues: 0, evidence: [],
    });
    const nodes = [node('r', null, 10, false), node('a', 'r', 6, true), node('b', 'r', 4, true), node('s', null, 5, true)];
    const cells = layoutTreemap(nodes, 300, 200);
    const at = (id: string) => cells.find((c) => c.node.id === id)!;
    expect(at('r').size).toBe(10);
    for (const id of ['a', 'b']) {
      const [c, p] = [at(id).rect, at('r').rect];
      expect(c.x >= p.x && c.y >= p.y && c.x + c.w <= p.x + p.w && c.y + c.h <= p.y + p.h).toBe(true);
    }
    expect(at('r').rect.w * at('r').rect.h).toBeCloseTo(2 * at('s').rect.w * at('s').rect.h, 6);
  });
});
