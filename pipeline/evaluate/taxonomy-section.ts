import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PATH_SEPARATOR } from '../taxonomy/match-calibration.js';
import { sampleLeafPaths } from '../taxonomy/sample-paths.js';
import type { Embedder } from '../core/types.js';
import { containsPii } from '../privacy/pii-scrubber.js';
import type { Store } from '../store/store.js';
import { compareWithReference, parseNestedTaxonomy } from '../taxonomy/compare-reference.js';
import { toNested, versionNodes } from '../taxonomy/export.js';
import { measureExtractionQuality } from './extraction-quality.js';
import { duplicateSiblingLabels, labelPiiCheck, taxonomyStats } from './metrics/index.js';

/** The taxonomy and extraction parts of the evaluation (persona metrics are in persona-metrics.ts). */

export interface TaxonomySectionOptions {
  roots: readonly string[];
  /** The reference taxonomy to compare with one to one (`taxonomy compare`), or why there is none. */
  reference?: { file: string } | { skipped: string };
  /** Random leaf paths drawn for rating label quality by eye (`taxonomy sample`); 0 = none. */
  labelSample?: number;
  seed?: number;
}

export async function taxonomySection(store: Store, versionId: number, minSupport: number, embedder: Embedder, opts: TaxonomySectionOptions) {
  const nodes = (await versionNodes(store, versionId)).map((n) => ({ ...n, depth: Number(n.depth), support_conversations: Number(n.support_conversations) }));
  const facets = await store.all<{ split: boolean; n: number }>('SELECT is_split AS split, count(*)::INTEGER AS n FROM value_facets WHERE version_id = $1 GROUP BY ALL ORDER BY split', [versionId]);
  const pii = labelPiiCheck(nodes, containsPii);
  const section: Record<string, unknown> = {
    version: versionId,
    ...taxonomyStats(nodes, minSupport),
    minSupport,
    valueFacets: { units: facets.reduce((s, f) => s + Number(f.n), 0), fromSplitLeaves: Number(facets.find((f) => f.split)?.n ?? 0) },
    duplicateSiblingLabels: duplicateSiblingLabels(nodes).pairs,
    labelPii: { checked: pii.checked, flagged: pii.flagged.length },
  };
  const ref = opts.reference;
  if (ref && 'skipped' in ref) section.reference = { skipped: ref.skipped };
  else if (ref) {
    if (!existsSync(ref.file)) section.reference = { skipped: `no reference file at ${ref.file}` };
    else {
      const reference = parseNestedTaxonomy(JSON.parse(readFileSync(ref.file, 'utf8')), ref.file);
      const c = await compareWithReference(toNested(nodes), reference, embedder, { roots: opts.roots });
      section.reference = { file: relative(process.cwd(), ref.file), threshold: c.threshold, thresholdSource: c.thresholdSource, oneToOne: c.oneToOne, manyToOne: c.manyToOne, counts: c.counts };
    }
  }
  if (opts.labelSample) {
    const seed = opts.seed ?? 42;
    const { units, rows } = await sampleLeafPaths(store, versionId, opts.labelSample, seed);
    section.labelSample = {
      seed,
      units,
      how: 'rate each path by eye as good, misplaced or junk (docs/taxonomy.md); `deeppersona taxonomy sample` prints the same draw',
      rows: rows.map((r) => ({ path: r.path.join(PATH_SEPARATOR), value: r.value, quote: r.quote, locator: r.locator })),
    };
  }
  return section;
}

/** PrefEval ground-truth match rates (when PrefEval is ingested) and the share of LLM mentions rejected as ungrounded. */
export async function extractionSection(store: Store) {
  const q = await measureExtractionQuality(store);
  if (q.overall.conversations === 0) return { prefeval: null, extractors: q.extractors, ungroundedShare: q.ungroundedShare };
  const { personaMatch, preferenceMatch, conversations, mentionsPer100UserTurns } = q.overall;
  return { prefeval: { conversations, personaMatch, preferenceMatch, mentionsPer100UserTurns }, extractors: q.extractors, ungroundedShare: q.ungroundedShare };
}
