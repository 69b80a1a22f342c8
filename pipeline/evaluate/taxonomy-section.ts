import { existsSync, readFileSync } from 'node:fs';
import type { Embedder } from '../core/types.js';
import { containsPii } from '../privacy/pii-scrubber.js';
import type { Store } from '../store/store.js';
import { compareWithReference, parseNestedTaxonomy } from '../taxonomy/compare-reference.js';
import { toNested, versionNodes } from '../taxonomy/export.js';
import { measureExtractionQuality } from './extraction-quality.js';
import { duplicateSiblingLabels, labelPiiCheck, taxonomyStats } from './metrics/index.js';

/** The taxonomy and extraction parts of the evaluation (persona metrics are in persona-metrics.ts). */

export async function taxonomySection(store: Store, versionId: number, minSupport: number, embedder: Embedder, opts: { roots: readonly string[]; reference?: string }) {
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
  if (opts.reference) {
    if (!existsSync(opts.reference)) section.reference = { skipped: `no reference file at ${opts.reference}` };
    else {
      const reference = parseNestedTaxonomy(JSON.parse(readFileSync(opts.reference, 'utf8')), opts.reference);
      const c = await compareWithReference(toNested(nodes), reference, embedder, { roots: opts.roots });
      section.reference = { file: opts.reference, threshold: c.threshold, thresholdSource: c.thresholdSource, oneToOne: c.oneToOne, manyToOne: c.manyToOne, counts: c.counts };
    }
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
