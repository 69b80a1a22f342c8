import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { PipelineError } from '../core/errors.js';
import { writeArrowFile, type ArrowColumn } from '../export/arrow-writer.js';
import { registerScrubFunction, scrubDeep, scrubText, SCRUB_SQL_FUNCTION as SCRUB } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';

import type { ExportFormat } from './export-formats.js';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats.js';
type TextFormat = Exclude<ExportFormat, 'parquet' | 'arrow'>;

/** The authors' nested shape: every key a label, `{}` marks a leaf. */
export type NestedTaxonomy = { [label: string]: NestedTaxonomy };

type NodeRow = {
  node_id: string;
  parent_id: string | null;
  label: string;
  path: string;
  depth: number;
  root: string;
  is_leaf: boolean;
  value_type: string | null;
  support_mentions: number;
  support_conversations: number;
  support_sources: number;
};

export async function resolveVersion(store: Store, version?: string | number): Promise<number> {
  const id = version === undefined || version === 'current'
    ? await store.scalar<number>('SELECT version_id FROM taxonomy_versions WHERE is_current')
    : await store.scalar<number>('SELECT version_id FROM taxonomy_versions WHERE version_id = $1', [Number(version)]);
  if (id === undefined) throw new PipelineError('INPUT', version === undefined ? 'no taxonomy yet' : `no taxonomy version ${version}`, 'run `npm start` (or `deeppersona run --until cluster`) first; `deeppersona sql "select * from taxonomy_versions"` lists versions');
  return Number(id);
}

export async function versionNodes(store: Store, versionId: number): Promise<NodeRow[]> {
  return store.all<NodeRow>(
    `SELECT node_id, parent_id, label, path, depth, root, is_leaf, value_type, support_mentions, support_conversations, support_sources
     FROM taxonomy_nodes WHERE version_id = $1 ORDER BY path`,
    [versionId],
  );
}

export function toNested(nodes: readonly { path: string }[]): NestedTaxonomy {
  const out: NestedTaxonomy = {};
  for (const { path } of [...nodes].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    let at = out;
    for (const label of path.split('.')) at = at[label] ??= {};
  }
  return out;
}

/** Leaf paths of a nested taxonomy, `Root.Category.Attribute`. */
export function leafPaths(tree: NestedTaxonomy, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([label, sub]) => {
    const path = prefix ? `${prefix}.${label}` : label;
    return Object.keys(sub).length === 0 ? [path] : leafPaths(sub, path);
  });
}

/** The arrow export's columns: the jsonl record's fields in its key order, with Arrow types. */
export const TAXONOMY_ARROW_COLUMNS: ArrowColumn[] = [
  { name: 'node_id', type: 'utf8' }, { name: 'parent_id', type: 'utf8', nullable: true }, { name: 'label', type: 'utf8' }, { name: 'path', type: 'utf8' },
  { name: 'depth', type: 'int32' }, { name: 'root', type: 'utf8' }, { name: 'is_leaf', type: 'bool' }, { name: 'value_type', type: 'utf8', nullable: true },
  ...['support_mentions', 'support_conversations', 'support_sources', 'version_id'].map((name): ArrowColumn => ({ name, type: 'int32' })),
  { name: 'values', type: { list: { struct: [{ name: 'value', type: 'utf8' }, { name: 'polarity', type: 'utf8' }, { name: 'count', type: 'int32' }] } } },
];

/** Renders a version in one format, labels, paths and values PII-scrubbed; parquet is written by DuckDB itself, arrow from the jsonl records. */
export async function exportVersion(store: Store, versionId: number, format: ExportFormat, outFile: string): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true }); // --out may name a folder not made yet
  if (format === 'parquet') {
    registerScrubFunction(store.connection);
    await store.run(
      `COPY (SELECT n.* REPLACE (${SCRUB}(n.label) AS label, ${SCRUB}(n.path) AS path, ${SCRUB}(n.root) AS root),
              (SELECT list({'value': ${SCRUB}(v.value), 'polarity': v.polarity, 'count': v.count} ORDER BY v.count DESC, v.value) FROM node_values v
              WHERE v.version_id = n.version_id AND v.node_id = n.node_id) AS node_values
            FROM taxonomy_nodes n WHERE n.version_id = ${Number(versionId)} ORDER BY n.path) TO '${outFile.replace(/'/g, "''")}' (FORMAT parquet)`,
    );
    return;
  }
  if (format === 'arrow') {
    await writeArrowFile(outFile, TAXONOMY_ARROW_COLUMNS, [await versionRecords(store, versionId)]);
    return;
  }
  await writeFileAtomic(outFile, await renderVersion(store, versionId, format));
}

export async function renderVersion(store: Store, versionId: number, format: TextFormat): Promise<string> {
  if (format === 'jsonl') return (await versionRecords(store, versionId)).map((r) => JSON.stringify(r)).join('\n') + '\n';
  const nodes = scrubDeep(await versionNodes(store, versionId));
  if (format === 'deeppersona') return `${JSON.stringify(toNested(nodes), null, 2)}\n`;
  return `${JSON.stringify({ paths: nodes.filter((n) => n.is_leaf).map((n) => n.path) }, null, 2)}\n`;
}

/** One scrubbed record per node with its mined values: a jsonl line, an arrow row. */
async function versionRecords(store: Store, versionId: number): Promise<(NodeRow & { version_id: number; values: { value: string; polarity: string; count: number }[] })[]> {
  const nodes = scrubDeep(await versionNodes(store, versionId));
  const values = await store.all<{ node_id: string; value: string; polarity: string; count: number }>(
    'SELECT node_id, value, polarity, count FROM node_values WHERE version_id = $1 ORDER BY node_id, count DESC, value, polarity',
    [versionId],
  );
  const byNode = new Map<string, { value: string; polarity: string; count: number }[]>();
  for (const v of values) byNode.set(v.node_id, [...(byNode.get(v.node_id) ?? []), { value: scrubText(v.value), polarity: v.polarity, count: v.count }]);
  return nodes.map((n) => ({ ...n, version_id: versionId, values: byNode.get(n.node_id) ?? [] }));
}

/** `outputs/taxonomy.json`, the current version in the authors' format, beside the store. */
export async function writeTaxonomyJson(store: Store, versionId: number, outputsDir: string): Promise<string> {
  const file = join(outputsDir, 'taxonomy.json');
  await exportVersion(store, versionId, 'deeppersona', file);
  return file;
}
