import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { createAnchorSampler } from '../pipeline/anchors/sample-anchors.js';
import { DEMOGRAPHICS_DIR } from '../pipeline/anchors/tables.js';
import { fingerprintFile } from '../pipeline/core/hash.js';
import { embedderKeyFor, stageEmbedder } from '../pipeline/embed/stage-embedder.js';
import { loadLexicon } from '../pipeline/persona/consistency.js';
import { generatePersona } from '../pipeline/persona/generate-persona.js';
import { loadCatalog } from '../pipeline/persona/load-catalog.js';
import { clearPersonas, personaLine, writePersonaChunk } from '../pipeline/persona/persona-output.js';
import type { Persona } from '../pipeline/persona/types.js';
import { defineStage, type StageResult } from '../pipeline/runner/stage.js';
import type { Store } from '../pipeline/store/store.js';

/** Personas per store transaction: a kill loses at most one chunk. */
const CHUNK = 100;

const currentVersion = async (store: Store): Promise<number | null> => {
  const id = await store.scalar<number>('SELECT version_id FROM taxonomy_versions WHERE is_current');
  return id === undefined || id === null ? null : Number(id);
};

/** The population tables' identity: their file hashes (a data refresh changes anchors, so personas). */
async function anchorDataVersion(): Promise<Record<string, string>> {
  const files = readdirSync(DEMOGRAPHICS_DIR).filter((f) => f.endsWith('.csv')).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, (await fingerprintFile(join(DEMOGRAPHICS_DIR, f))).sha256] as const)));
}

/** Current taxonomy → personas in the store and outputs/personas.jsonl (see pipeline/persona/). */
export const sampleStage = defineStage({
  name: 'sample',
  version: '1',
  after: ['cluster'],
  async keyParts(config, store) {
    return {
      sample: config.sample,
      seed: config.seed,
      taxonomyVersion: await currentVersion(store),
      // The duplicate threshold belongs to the embedding space.
      embedder: embedderKeyFor(config),
      anchorData: await anchorDataVersion(),
    };
  },
  async run({ store, config, runId, outputsDir }): Promise<StageResult> {
    const versionId = await currentVersion(store);
    if (versionId === null) return { counts: { personas: 0 }, summary: 'no taxonomy yet: no personas sampled' };
    const catalog = await loadCatalog(store, versionId);
    if (catalog.leaves.length === 0) return { counts: { personas: 0 }, summary: `taxonomy v${versionId} has no leaves: no personas sampled` };
    const { embedder } = stageEmbedder(store, config, runId, 'sample');
    const s = config.sample;
    const ctx = {
      catalog,
      sampler: createAnchorSampler({ mode: s.anchorMode, minAge: s.minAge, maxAge: s.maxAge }),
      seed: config.seed,
      taxonomyVersion: versionId,
      settings: s,
      duplicateThreshold: embedder.thresholds.duplicate,
      lexicon: loadLexicon(),
    };

    await clearPersonas(store, config.seed, versionId);
    const lines: string[] = [];
    const roots = new Set<string>();
    let [attributes, remaining, repairs, dropped, personasWithViolations] = [0, 0, 0, 0, 0];
    for (let start = 0; start < s.personas; start += CHUNK) {
      const chunk: Persona[] = [];
      for (let i = start; i < Math.min(start + CHUNK, s.personas); i++) {
        const generated = generatePersona(ctx, i);
        chunk.push(generated.persona);
        lines.push(personaLine(generated.persona));
        for (const a of generated.persona.attributes) roots.add(a.root);
        attributes += generated.persona.attributes.length;
        remaining += generated.remaining.length;
        repairs += generated.repairs.length;
        dropped += generated.dropped;
        personasWithViolations += generated.remaining.length > 0 ? 1 : 0;
      }
      await writePersonaChunk(store, chunk, versionId);
    }
    const file = join(outputsDir, 'personas.jsonl');
    await writeFileAtomic(file, lines.length ? `${lines.join('\n')}\n` : '');
    const mean = s.personas ? attributes / s.personas : 0;
    return {
      counts: { personas: s.personas, attributes, meanAttributes: Number(mean.toFixed(2)), roots: roots.size, repairs, dropped, violations: remaining, personasWithViolations, version: versionId },
      summary: `${s.personas} personas from taxonomy v${versionId}: ${mean.toFixed(1)} attributes each on average, ` +
        `${roots.size}/${config.roots.length} roots covered; ${repairs} repairs, ${dropped} attributes dropped, ${personasWithViolations} personas with remaining violations; ${file}`,
    };
  },
});
