import { createAnchorSampler } from '../anchors/sample-anchors.js';
import type { Config } from '../config/schema.js';
import { embedderKeyFor, stageEmbedder } from '../embed/stage-embedder.js';
import { createStageLlm, type StageLlm } from '../llm/for-stage.js';
import { resolveLlmSettings } from '../llm/config.js';
import type { Store } from '../store/store.js';
import { loadLexicon } from './consistency.js';
import type { GenerateContext } from './generate-persona.js';
import { buildCatalog } from './leaf-catalog.js';
import { loadCatalogRows } from './load-catalog.js';
import type { PoolContext } from './workers/pool-messages.js';
import { availableParallelism } from 'node:os';

/** Everything persona generation needs from the store and config, shared by the sample stage and `personas generate`. */

export const currentTaxonomyVersion = async (store: Store): Promise<number | null> => {
  const id = await store.scalar<number>('SELECT version_id FROM taxonomy_versions WHERE is_current');
  return id === undefined || id === null ? null : Number(id);
};

export type PersonaSetup =
  | { ok: true; ctx: GenerateContext; llm: (StageLlm & { personasAtOnce: number }) | undefined; poolContext: PoolContext }
  | { ok: false; reason: string };

export async function personaSetup(store: Store, config: Config, runId: string, stage: string): Promise<PersonaSetup> {
  const versionId = await currentTaxonomyVersion(store);
  if (versionId === null) return { ok: false, reason: 'no taxonomy yet' };
  const rows = await loadCatalogRows(store, versionId);
  const catalog = buildCatalog(rows.leaves, rows.pairs);
  if (catalog.leaves.length === 0) return { ok: false, reason: `taxonomy v${versionId} has no leaves` };
  const { embedder } = stageEmbedder(store, config, runId, stage);
  const s = config.sample;
  const samplerOptions = { mode: s.anchorMode, minAge: s.minAge, maxAge: s.maxAge, overrides: s.anchors };
  const shared = { seed: config.seed, taxonomyVersion: versionId, settings: s, duplicateThreshold: embedder.thresholds.duplicate, lexicon: loadLexicon() };
  const ctx: GenerateContext = { ...shared, catalog, sampler: createAnchorSampler(samplerOptions), ...(rows.evidence ? { evidence: rows.evidence } : {}) };
  return { ok: true, ctx, llm: s.llm ? { ...createStageLlm(store, config, runId, stage), personasAtOnce: s.llmPersonas } : undefined, poolContext: { ...shared, rows, samplerOptions } };
}

/** Threads for `count` offline personas: none below 200 (starting a thread costs more than it saves). */
export function personaThreads(config: Config, count: number): number {
  const wanted = config.sample.threads || Math.min(4, availableParallelism());
  return count >= 200 && !config.sample.llm ? wanted : 1;
}

/** What changes personas besides the taxonomy and the anchor tables: for stage keys. */
export const personaKeyParts = (config: Config) => ({
  sample: { ...config.sample, threads: undefined, llmPersonas: undefined }, // throughput knobs never change the output
  seed: config.seed,
  // The duplicate threshold belongs to the embedding space.
  embedder: embedderKeyFor(config),
  llm: config.sample.llm ? { model: resolveLlmSettings(config.llm).model, temperature: config.llm.temperature } : undefined,
});
