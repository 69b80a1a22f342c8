import { join } from 'node:path';
import { embedderKeyFor, stageEmbedder } from '../pipeline/embed/stage-embedder.js';
import { hashJson } from '../pipeline/core/hash.js';
import { defineStage } from '../pipeline/runner/stage.js';
import { assignRoots, rootExemplars } from '../pipeline/taxonomy/assign-roots.js';
import { buildTaxonomy } from '../pipeline/taxonomy/build.js';
import { buildFacets } from '../pipeline/taxonomy/build-facets.js';
import { defaultClusterers } from '../pipeline/taxonomy/clusterers.js';
import { writeTaxonomyJson } from '../pipeline/taxonomy/export.js';
import { loadBuildInputs } from '../pipeline/taxonomy/load-inputs.js';
import { loadCurrentVersion } from '../pipeline/taxonomy/previous-version.js';
import { refreshTaxonomy } from '../pipeline/taxonomy/refresh.js';
import { shapeSettings } from '../pipeline/taxonomy/settings.js';
import { writeVersion } from '../pipeline/taxonomy/write-version.js';
import { relabelWithLlm } from '../pipeline/taxonomy/llm-labels.js';
import { judgeRoots } from '../pipeline/taxonomy/llm-root-judge.js';
import { createStageLlm } from '../pipeline/llm/for-stage.js';
import { resolveLlmSettings } from '../pipeline/llm/config.js';
import type { Config } from '../pipeline/config/schema.js';
import { TAXONOMY_FILE } from './output-files.js';

const usesLlm = (config: Config) => config.taxonomy.labeler === 'llm' || config.taxonomy.rootJudge;

/** Phrases + vectors → a new taxonomy version in the store and outputs/taxonomy.json (see pipeline/taxonomy/). */
export const clusterStage = defineStage({
  name: 'cluster',
  version: '5', // 4: values in the speaker's first person are screened from facets and personas; 5: statement leaves, categories only from used WordNet senses, echo values screened, rare unlike leaves to a generic leaf
  after: ['embed'],
  async keyParts(config) {
    const clusterers = defaultClusterers();
    return {
      embedder: embedderKeyFor(config),
      roots: config.roots,
      taxonomy: { ...config.taxonomy, rootDescriptions: hashJson(config.taxonomy.rootDescriptions) },
      clusterers: [clusterers.flat.id, clusterers.hierarchical.id],
      seed: config.seed,
      llm: usesLlm(config) ? { model: resolveLlmSettings(config.llm).model, temperature: config.llm.temperature } : undefined,
    };
  },
  async run({ store, config, runId, outputsDir }) {
    const { embedder } = stageEmbedder(store, config, runId, 'cluster');
    const { phrases, vectors } = await loadBuildInputs(store, embedder.id);
    if (phrases.length === 0) return { counts: { phrases: 0 }, summary: 'no phrases yet: no taxonomy built (extract found no mentions)' };
    const settings = shapeSettings(config.taxonomy, embedder);
    const exemplars = await rootExemplars(config.roots, config.taxonomy.rootDescriptions, embedder);
    const rootOf = assignRoots(phrases, vectors, config.roots, exemplars);
    const llm = usesLlm(config) ? createStageLlm(store, config, runId, 'cluster') : undefined;
    const judged = llm && config.taxonomy.rootJudge ? await judgeRoots(phrases, rootOf, config.roots, llm.client) : 0;
    const previous = await loadCurrentVersion(store);
    const comparable = previous?.embedderId === embedder.id ? previous : undefined;
    const input = { phrases, vectors, roots: config.roots, rootOf, settings, seed: config.seed };
    // Incremental only on top of a version from the same embedding space; otherwise rebuild (ids still carry over by overlap).
    // The lexical grouping places every phrase by its own WordNet concept, so its refresh is a rebuild with ids carried over.
    const mode = config.taxonomy.mode === 'incremental' && comparable && config.taxonomy.grouping === 'vectors' ? 'incremental' : 'full';
    const built = mode === 'incremental'
      ? refreshTaxonomy(input, defaultClusterers(), comparable!, embedder.thresholds.assign)
      : buildTaxonomy(input, defaultClusterers(), comparable?.nodes);
    const relabelled = llm && config.taxonomy.labeler === 'llm' ? await relabelWithLlm(built.roots, phrases, vectors, llm.client) : 0;
    await llm?.flush();
    llm?.checkFailureRate();
    const { minValues, maxClustered } = config.taxonomy.facets;
    const facets = await buildFacets(store, built, phrases, embedder, defaultClusterers().hierarchical, { minValues: minValues || Infinity, maxClustered });
    const versionId = await writeVersion(store, built, phrases, {
      runId, mode, embedderId: embedder.id, settings, parentVersion: previous?.versionId ?? null,
    }, facets);
    const file = join(outputsDir, TAXONOMY_FILE);
    const nodes = built.roots.reduce((n, r) => n + countNodes(r), 0);
    return {
      counts: { version: versionId, phrases: phrases.length, roots: built.roots.length, nodes, facets: facets.rows.length, merges: built.log.length, judged, relabelled, ...(llm?.counts() ?? {}) },
      summary: `taxonomy v${versionId} (${mode}): ${built.roots.length} roots, ${nodes} nodes, ${facets.rows.length} value facets from ${phrases.length} phrases (${built.log.length} merges logged); ${file}`,
    };
  },
  outputs: [TAXONOMY_FILE],
  // The version this run built (not merely the current one), rendered from its rows.
  async export({ store, outputsDir, computed }) {
    if (computed.counts.version === undefined) return [];
    await writeTaxonomyJson(store, computed.counts.version, outputsDir);
    return [TAXONOMY_FILE];
  },
});

const countNodes = (n: { children: { children: unknown[] }[] }): number => 1 + n.children.reduce((s, c) => s + countNodes(c as never), 0);
