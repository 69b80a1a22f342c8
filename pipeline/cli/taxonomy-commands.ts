import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { PipelineError } from '../core/errors.js';
import type { ExportFormat, versionNodes } from '../taxonomy/export.js';
import { facetByIdOrPath, facetEvidence, quotesOf, splitFacetsByLeaf, versionFacets, type FacetRow } from '../taxonomy/facet-lookup.js';
import { EXPORT_FORMATS as TAXONOMY_EXPORT_FORMATS } from '../taxonomy/export-formats.js';
import { withReadOnlyStore } from './read-commands.js';
import { registerTaxonomyReviewCommands } from './taxonomy-review-commands.js';

// The export module and the printer load DuckDB and the scrubber: imported by the actions, not
// here, since the definitions load with `--help`.
const readers = async () => ({ ...(await import('../taxonomy/export.js')), ...(await import('./context.js')) });

type NodeRow = Awaited<ReturnType<typeof versionNodes>>[number];
type VersionOpt = { version?: string };

const positiveInt = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(v);
};

export function registerTaxonomyCommand(program: Command): void {
  const taxonomy = program.command('taxonomy').description('inspect, compare and export taxonomy versions (read-only)');
  taxonomy
    .command('show')
    .description('the taxonomy as an indented tree with support counts; PATH shows one subtree')
    .argument('[path]', 'a node path, e.g. "Career and Work Identity.Occupation" (middle levels may be left out)')
    .option('--depth <n>', 'levels to show, counting the first one shown (value facets are one level below their leaf)', positiveInt)
    .option('--facets', "also list each split leaf's value facets (label, support) under it")
    .option('--version <v>', 'taxonomy version (default: current)')
    .action((path: string | undefined, opts: VersionOpt & { depth?: number; facets?: boolean }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { resolveVersion, versionNodes, printJson } = await readers();
        const versionId = await resolveVersion(store, opts.version);
        const nodes = await versionNodes(store, versionId);
        const children = childrenOf(nodes);
        const facets = opts.facets ? splitFacetsByLeaf(await versionFacets(store, versionId)) : new Map<string, FacetRow[]>();
        const start = path === undefined ? children.get(null) ?? [] : [findNode(nodes, path)];
        const shown: (NodeRow & { level: number; facets?: FacetRow[] })[] = [];
        const within = (level: number) => opts.depth === undefined || level < opts.depth;
        const walk = (n: NodeRow, level: number) => {
          if (!within(level)) return;
          const own = facets.get(n.node_id);
          shown.push({ ...n, level, ...(own && within(level + 1) ? { facets: own } : {}) });
          for (const c of children.get(n.node_id) ?? []) walk(c, level + 1);
        };
        for (const n of start) walk(n, 0);
        if (ctx.json) return printJson({ version: versionId, nodes: shown });
        const facetNote = opts.facets ? `, ${[...facets.values()].reduce((k, f) => k + f.length, 0)} value facets under ${facets.size} split leaves` : '';
        const header = path === undefined ? `taxonomy v${versionId}: ${start.length} roots, ${nodes.length} nodes, ${nodes.filter((n) => n.is_leaf).length} leaves${facetNote}` : `taxonomy v${versionId}: ${start[0]!.path}`;
        const lines = shown.flatMap((n) => [
          `${'  '.repeat(n.level)}${n.label} (mentions ${n.support_mentions}, conversations ${n.support_conversations}, sources ${n.support_sources})${n.is_leaf ? ` [${n.value_type ?? 'untyped'}]` : ''}`,
          ...(n.facets ?? []).map((f) => `${'  '.repeat(n.level + 1)}· ${f.label} (value facet: mentions ${f.support_mentions}, conversations ${f.support_conversations})`),
        ]);
        ctx.reporter.line([header, ...lines].join('\n'));
      }),
    );
  taxonomy
    .command('evidence')
    .description("a node's or a value facet's evidence: exact quotes (PII-scrubbed) with file:line, conversation and value")
    .argument('<node>', 'node id or path, or a value facet id or path ("<leaf path>.<Facet>", see `taxonomy show --facets`)')
    .option('--limit <n>', 'quotes to show', positiveInt, 20)
    .option('--version <v>', 'taxonomy version (default: current)')
    .action((query: string, opts: VersionOpt & { limit: number }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { resolveVersion, versionNodes, printJson } = await readers();
        const versionId = await resolveVersion(store, opts.version);
        const { node, facet } = findNodeOrFacet(await versionNodes(store, versionId), await versionFacets(store, versionId), query);
        const { total, rows } = facet ? await facetEvidence(store, versionId, facet.facet_id, opts.limit) : await quotesOf(store, 'node_evidence', 'node_id', versionId, node.node_id, opts.limit);
        // Quotes are stored exact (they are the evidence); printJson and the reporter scrub every field on the way out.
        const facetJson = facet ? { facet: { id: facet.facet_id, path: facet.path, label: facet.label, isSplit: facet.is_split } } : {};
        if (ctx.json) return printJson({ version: versionId, node: { id: node.node_id, path: node.path }, ...facetJson, total, rows });
        const title = facet ? `${facet.path} (value facet ${facet.facet_id} of ${node.node_id}, v${versionId})` : `${node.path} (${node.node_id}, v${versionId})`;
        const lines = [`${title}: ${total} mentions, showing ${rows.length}`];
        for (const r of rows) {
          lines.push(`${r.locator}  ${r.external_id}  ${r.attribute} = ${r.value}${r.polarity === 'negative' ? ' (negative)' : ''}`, `    "${r.quote}"`);
        }
        ctx.reporter.line(lines.join('\n'));
      }),
    );
  taxonomy
    .command('diff')
    .description('what changed between two versions: added, retired, renamed, moved, merged, split')
    .argument('<v1>', 'older version id (or "current")')
    .argument('<v2>', 'newer version id (or "current")')
    .action((a: string, b: string, _opts: object, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { resolveVersion, printJson } = await readers();
        const { diffVersions } = await import('../taxonomy/diff.js');
        const diff = await diffVersions(store, await resolveVersion(store, a), await resolveVersion(store, b));
        if (ctx.json) return printJson(diff);
        const pct = (s: number) => `${Math.round(s * 100)}%`;
        const lines = [
          `taxonomy v${diff.v1} → v${diff.v2}: ${diff.unchanged} unchanged, ${diff.renamed.length} renamed, ${diff.moved.length} moved, ${diff.added.length} added, ${diff.retired.length} retired, ${diff.merged.length} merged, ${diff.split.length} split`,
          ...diff.renamed.map((r) => `renamed  ${r.from.path} → ${r.to.path}`),
          ...diff.moved.map((r) => `moved    ${r.from.path} → ${r.to.path}`),
          ...diff.merged.map((m) => `merged   ${m.from.map((f) => `${f.path} (${pct(f.share)})`).join(' + ')} → ${m.into.path}`),
          ...diff.split.map((s) => `split    ${s.from.path} → ${s.into.map((p) => `${p.path} (${pct(p.share)})`).join(', ')}`),
          ...diff.added.map((n) => `added    ${n.path}`),
          ...diff.retired.map((n) => `retired  ${n.path}`),
        ];
        ctx.reporter.line(lines.join('\n'));
      }),
    );
  taxonomy
    .command('export')
    .description(`write a version as ${TAXONOMY_EXPORT_FORMATS.join(', ')}`)
    .requiredOption('--format <format>', TAXONOMY_EXPORT_FORMATS.join('|'))
    .requiredOption('--out <file>', 'output file')
    .option('--version <v>', 'taxonomy version (default: current)')
    .action((opts: VersionOpt & { format: string; out: string }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { EXPORT_FORMATS, resolveVersion, exportVersion, printJson } = await readers();
        if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) {
          throw new PipelineError('USAGE', `unknown export format "${opts.format}"`, `use one of ${EXPORT_FORMATS.join(', ')}`);
        }
        const versionId = await resolveVersion(store, opts.version);
        const out = resolve(opts.out);
        mkdirSync(dirname(out), { recursive: true });
        await exportVersion(store, versionId, opts.format as ExportFormat, out);
        if (ctx.json) return printJson({ version: versionId, format: opts.format, out });
        ctx.reporter.line(`taxonomy v${versionId} exported as ${opts.format}: ${out}`);
      }),
    );
  registerTaxonomyReviewCommands(taxonomy);
}

/**
 * What `taxonomy evidence` shows: a node by exact id or path; else a value facet by id or full
 * path; else a node by findNode; else "<partial leaf path>.<Facet>" (the facet label caseless).
 */
export function findNodeOrFacet(nodes: readonly NodeRow[], facets: readonly FacetRow[], query: string): { node: NodeRow; facet: FacetRow | null } {
  const exact = nodes.find((n) => n.node_id === query || n.path === query);
  if (exact) return { node: exact, facet: null };
  const facet = facetByIdOrPath(facets, query);
  const leafOf = (f: FacetRow) => nodes.find((n) => n.node_id === f.node_id)!;
  if (facet) return { node: leafOf(facet), facet: facet.is_split ? facet : null };
  try {
    return { node: findNode(nodes, query), facet: null };
  } catch (error) {
    const cut = query.lastIndexOf('.');
    if (cut <= 0) throw error;
    let leaf: NodeRow;
    try {
      leaf = findNode(nodes, query.slice(0, cut));
    } catch {
      throw error;
    }
    const own = facets.filter((f) => f.is_split && f.node_id === leaf.node_id);
    if (own.length === 0) throw error;
    const label = query.slice(cut + 1).trim().toLowerCase();
    const match = own.find((f) => f.label.toLowerCase() === label);
    if (match) return { node: leaf, facet: match };
    throw new PipelineError('USAGE', `unknown value facet "${query.slice(cut + 1).trim()}" of ${leaf.path}`,
      `its facets: ${own.slice(0, 8).map((f) => `"${f.label}"`).join(', ')}${own.length > 8 ? ', …' : ''}; \`deeppersona taxonomy show --facets\` lists them`);
  }
}

function childrenOf(nodes: readonly NodeRow[]): Map<string | null, NodeRow[]> {
  const out = new Map<string | null, NodeRow[]>();
  for (const n of nodes) out.set(n.parent_id, [...(out.get(n.parent_id) ?? []), n]);
  // By label, not by path: "Work Arrangement" sorts between "Work" and "Work.Habit" as a string.
  for (const list of out.values()) list.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return out;
}

const segments = (path: string) => path.split('.').map((s) => s.trim().toLowerCase());

/** A node by id, exact path, case-insensitive path, or a unique partial path ending at its label. */
export function findNode(nodes: readonly NodeRow[], query: string): NodeRow {
  const exact = nodes.find((n) => n.node_id === query || n.path === query);
  if (exact) return exact;
  const q = segments(query);
  const caseless = nodes.filter((n) => segments(n.path).join('.') === q.join('.'));
  if (caseless.length === 1) return caseless[0]!;
  const partial = nodes.filter((n) => isPartialPath(segments(n.path), q));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) throw new PipelineError('USAGE', `ambiguous taxonomy path "${query}"`, `it matches ${partial.slice(0, 5).map((n) => `"${n.path}"`).join(', ')}`);
  const close = [...nodes].map((n) => ({ n, s: Math.max(dice(query, n.path), dice(q[q.length - 1]!, n.label)) })).filter((x) => x.s > 0.3)
    .sort((a, b) => b.s - a.s || (a.n.path < b.n.path ? -1 : 1)).slice(0, 5).map((x) => `"${x.n.path}"`);
  throw new PipelineError('USAGE', `unknown taxonomy node "${query}"`, `${close.length ? `close paths: ${close.join(', ')}; ` : ''}\`deeppersona taxonomy show\` lists every path`);
}

/** The query's segments appear in order in the path, the last one at the node ("Occupation", "Career….Occupation"). */
function isPartialPath(path: string[], q: string[]): boolean {
  if (q.length > path.length || q[q.length - 1] !== path[path.length - 1]) return false;
  let i = 0;
  for (const s of path) if (s === q[i]) i++;
  return i === q.length;
}

/** Sørensen–Dice over character bigrams, to suggest paths close to a mistyped one. */
function dice(a: string, b: string): number {
  const grams = (s: string) => { const l = s.toLowerCase(); return Array.from({ length: Math.max(0, l.length - 1) }, (_, i) => l.slice(i, i + 2)); };
  const A = grams(a);
  const B = new Map<string, number>();
  for (const g of grams(b)) B.set(g, (B.get(g) ?? 0) + 1);
  let inter = 0;
  for (const g of A) if ((B.get(g) ?? 0) > 0) { inter++; B.set(g, B.get(g)! - 1); }
  const total = A.length + grams(b).length;
  return total === 0 ? 0 : (2 * inter) / total;
}
