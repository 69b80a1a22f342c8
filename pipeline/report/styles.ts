/** The report's stylesheet, inlined in the page (no external requests). */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #667085; --line: #e3e6ec; --bg: #f5f6f8; --card: #fff; --accent: #2f6fdf;
  --anchor: #7048c8; --corpus: #1f8a55; --llm: #c26a12; --neg: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 18px 28px 10px; background: #18223a; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 650; letter-spacing: .2px; }
header p { margin: 0; color: #c7cfdf; font-size: 13px; }
nav { position: sticky; top: 0; z-index: 5; display: flex; gap: 4px; padding: 6px 24px; background: #223052; }
nav a { color: #dfe6f5; text-decoration: none; padding: 4px 10px; border-radius: 6px; font-size: 13px; }
nav a:hover { background: #34467a; }
main { padding: 8px 28px 40px; max-width: 1500px; margin: 0 auto; }
section { margin-top: 22px; scroll-margin-top: 44px; }
h2 { font-size: 19px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
h4 { font-size: 13px; margin: 12px 0 4px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f0f2f6; padding: 10px; border-radius: 6px; overflow: auto; max-height: 420px; }
.muted { color: var(--muted); }
.hint, .empty { padding: 12px 14px; border: 1px dashed #b9c2d3; border-radius: 8px; background: #fbfcfe; color: #3b4456; }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.tax-grid { display: grid; grid-template-columns: minmax(300px, 2fr) 3fr; gap: 14px; align-items: start; }
.tree-panel { max-height: 560px; overflow: auto; }
.tree-tools { display: flex; gap: 6px; margin-bottom: 6px; }
.tree-tools button, .persona-tools button { font: inherit; font-size: 12px; border: 1px solid var(--line); background: #f7f8fa; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
ul.tree, ul.tree-children { list-style: none; margin: 0; padding-left: 0; }
ul.tree-children { padding-left: 18px; border-left: 1px dotted #d0d5dd; margin-left: 9px; }
.tree-row { display: flex; align-items: center; gap: 4px; padding: 1px 0; }
.tree-row .toggle { width: 20px; height: 20px; border: 0; background: none; cursor: pointer; color: #475467; font-size: 12px; padding: 0; }
.tree-row .toggle.leaf { cursor: default; color: #b0b7c3; }
.node-label { border: 0; background: none; font: inherit; text-align: left; padding: 1px 5px; border-radius: 5px; cursor: pointer; color: var(--fg); }
.node-label:hover { background: #eef3fd; }
.tree-item.selected > .tree-row .node-label { background: var(--accent); color: #fff; }
.facet-badge { font-size: 10px; line-height: 1.5; border-radius: 7px; padding: 0 6px; background: #e6f0ff; color: #24509c; border: 1px solid #c4d7f7; font-weight: 500; white-space: nowrap; }
.facet-count { font-size: 11px; color: #24509c; white-space: nowrap; }
.facet-item .facet-label { font-style: italic; }
.facet-chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 6px; }
.facet-chip { font: inherit; font-size: 12px; border: 1px solid #c4d7f7; background: #f3f7ff; color: #24509c; border-radius: 10px; padding: 1px 8px; cursor: pointer; display: inline-flex; gap: 6px; }
.facet-chip:hover { background: #e2ecfd; }
.facet-chip .count { color: var(--muted); font-variant-numeric: tabular-nums; }
.crumb-here { color: #24509c; font-weight: 600; }
.tree-row .count { margin-left: auto; color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.detail h3 { margin-top: 0; font-size: 18px; }
.crumbs { display: flex; flex-wrap: wrap; gap: 2px; align-items: center; font-size: 12px; color: var(--muted); margin-bottom: 8px; }
.crumbs button { border: 0; background: #eef1f6; border-radius: 4px; padding: 1px 6px; font: inherit; cursor: pointer; color: #344054; }
.stats { display: flex; gap: 10px; margin: 8px 0; }
.stat { flex: 1; background: #f6f8fb; border-radius: 8px; padding: 6px 10px; }
.stat b { display: block; font-size: 18px; font-variant-numeric: tabular-nums; }
.stat span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ours { font-weight: 650; }
table.metrics { width: auto; min-width: 50%; }
table.metrics th:not(:first-child) { text-align: right; }
table.metrics td, table.metrics th { padding: 5px 14px; }
table.values td { padding: 2px 8px; border-bottom-color: #f0f2f5; }
.vbar { height: 4px; background: #9db8ee; border-radius: 3px; margin-top: 3px; }
ol.evidence { padding-left: 18px; margin: 4px 0; }
ol.evidence li { margin-bottom: 8px; }
blockquote.quote { margin: 0; padding: 4px 10px; border-left: 3px solid var(--corpus); background: #f3faf6; border-radius: 0 6px 6px 0; white-space: pre-wrap; }
.loc { font-size: 12px; color: var(--muted); margin-top: 2px; }
.loc code { color: #344054; background: #f0f2f6; padding: 0 4px; border-radius: 3px; }
.treemap-panel { margin-top: 14px; }
svg.treemap { width: 100%; height: auto; display: block; }
.tm-cell rect { stroke: #fff; stroke-width: .8; cursor: pointer; }
.tm-cell:hover > rect { filter: brightness(1.08); }
.tm-cell.tm-selected > rect { stroke: #111; stroke-width: 2.5; }
.tm-label { font-size: 10.5px; fill: #101828; pointer-events: none; }
.tm-inner { font-weight: 650; }
.tm-root { fill: #fff; }
.persona-tools { display: flex; gap: 8px; align-items: center; margin-bottom: 10px; }
.persona-tools input { font: inherit; padding: 4px 8px; border: 1px solid #cfd4dc; border-radius: 6px; width: 280px; }
.persona-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; align-items: start; }
details.persona { background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
details.persona[open] { grid-column: 1 / -1; }
details.persona > summary { list-style: none; cursor: pointer; padding: 10px 14px; display: grid; grid-template-columns: auto 1fr auto; gap: 2px 10px; }
details.persona > summary::-webkit-details-marker { display: none; }
.pidx { color: var(--muted); font-variant-numeric: tabular-nums; }
.pname { font-weight: 650; }
.pcount { color: var(--muted); font-size: 12px; text-align: right; }
.ploc, .pocc { grid-column: 2 / 4; color: #475467; font-size: 13px; }
.persona-body { padding: 0 14px 14px; border-top: 1px solid var(--line); }
.anchors { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0; }
.chip { background: #f1ecfc; color: #3e2a78; border-radius: 12px; padding: 2px 10px; font-size: 12px; }
.chip b { font-weight: 650; }
.summary-text { white-space: pre-wrap; background: #fafbfc; border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.roots { columns: 2 420px; column-gap: 18px; }
.root-group { break-inside: avoid; margin-bottom: 10px; }
.root-group h4 { color: #344054; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
.root-group ul { list-style: none; margin: 0; padding: 0; }
.attr { display: flex; gap: 6px; align-items: baseline; width: 100%; border: 0; background: none; font: inherit; text-align: left; padding: 2px 4px; border-radius: 5px; cursor: pointer; color: inherit; }
.attr:hover { background: #f2f5fa; }
.attr-label { color: #475467; }
.attr-value { font-weight: 600; }
.badge { margin-left: auto; font-size: 10.5px; border-radius: 8px; padding: 0 7px; color: #fff; white-space: nowrap; }
.badge-anchor { background: var(--anchor); } .badge-corpus { background: var(--corpus); } .badge-llm { background: var(--llm); }
.neg { color: var(--neg); font-size: 11px; }
.prov { margin: 4px 0 8px 8px; padding: 6px 10px; border-left: 2px solid #cfd4dc; font-size: 13px; }
.prov .path { font-size: 12px; color: #344054; }
.prov button { font: inherit; font-size: 12px; border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 12px; align-items: start; }
.chart-panel { margin: 0; }
.chart-panel figcaption { margin-bottom: 6px; }
svg.chart { max-width: 100%; height: auto; }
svg.chart .bar { fill: #5b8def; }
svg.chart .ref { fill: #d9dde5; }
svg.chart .ref-line { fill: none; stroke: #d9480f; stroke-width: 2; }
svg.chart .ref-swatch { fill: #d9480f; }
svg.chart .legend .ref { stroke: #b8bfcc; }
svg.chart text { font-size: 11px; fill: #344054; }
svg.chart .axis-line { stroke: #98a2b3; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.kv { display: inline-block; background: #f0f2f6; border-radius: 4px; padding: 0 6px; margin: 1px 0; font-size: 12px; }
.status { border-radius: 8px; padding: 0 7px; font-size: 12px; background: #eef0f4; }
.status-done { background: #dcf5e6; color: #11643a; } .status-failed { background: #fde4e1; color: #9b1c12; }
.status-partial, .status-abandoned { background: #fff1d6; color: #8a5300; }
details > summary { cursor: pointer; margin: 8px 0 4px; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 30px; max-width: 1500px; margin: 0 auto; }
@media (max-width: 900px) { .tax-grid { grid-template-columns: 1fr; } .charts { grid-template-columns: 1fr; } }
`;
