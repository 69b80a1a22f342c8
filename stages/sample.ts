import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMOGRAPHICS_DIR } from '../pipeline/anchors/tables.js';
import { fingerprintFile } from '../pipeline/core/hash.js';
import { currentTaxonomyVersion, personaKeyParts, personaSetup, personaThreads } from '../pipeline/persona/persona-context.js';
import { gatedValues } from '../pipeline/persona/corpus-values.js';
import { createPersonaPool } from '../pipeline/persona/workers/persona-pool.js';
import { runPersonas } from '../pipeline/persona/persona-run.js';
import { exportPersonas } from '../pipeline/persona/persona-export.js';
import { personaRange } from '../pipeline/persona/persona-store.js';
import { defineStage, type StageResult } from '../pipeline/runner/stage.js';
import { PERSONAS_FILE } from './output-files.js';

/** The population tables' identity: their file hashes (a data refresh changes anchors, so personas). */
async function anchorDataVersion(): Promise<Record<string, string>> {
  const files = readdirSync(DEMOGRAPHICS_DIR).filter((f) => f.endsWith('.csv')).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, (await fingerprintFile(join(DEMOGRAPHICS_DIR, f))).sha256] as const)));
}

/** Current taxonomy → personas 0…n−1 of the run seed in the store and outputs/personas.jsonl (see pipeline/persona/). */
export const sampleStage = defineStage({
  name: 'sample',
  version: '7', // 4: one person per persona (cardinality, conditioned values, popularity cap; pipeline/persona/person-*.ts); 5: summaries name topics as people do; 6: labels never borrow a WordNet parent; 7: verbs agree with plural values, kin, pets and possessions said as having
  after: ['cluster'],
  async keyParts(config, store) {
    return { ...personaKeyParts(config), taxonomyVersion: await currentTaxonomyVersion(store), anchorData: await anchorDataVersion() };
  },
  async run({ store, config, runId, outputsDir, reporter }): Promise<StageResult> {
    const setup = await personaSetup(store, config, runId, 'sample');
    if (!setup.ok) return { counts: { personas: 0 }, summary: `${setup.reason}: no personas sampled` };
    const { ctx, llm } = setup;
    const file = join(outputsDir, PERSONAS_FILE);
    const n = config.sample.personas;
    const threads = personaThreads(config, n);
    const pool = threads > 1 ? createPersonaPool(setup.poolContext, threads) : undefined;
    const bar = reporter.progress('sample', n);
    const c = await runPersonas({ store, ctx, start: 0, count: n, jsonlPath: file, clear: 'all', llm, pool, onChunk: (done) => bar.update(done) })
      .finally(() => pool?.close());
    bar.stop();
    llm?.checkFailureRate();
    const mean = c.personas ? c.attributes / c.personas : 0;
    // Vocabulary rows no persona can draw (value-gate.ts): junk stored before the extract gate, or no clean cut at maxValueChars.
    const gated = { valuesGated: 0, valuesUncut: 0 };
    for (const leaf of ctx.catalog.leaves) {
      const g = gatedValues(leaf, config.sample.maxValueChars);
      gated.valuesGated += g.rejected;
      gated.valuesUncut += g.uncut;
    }
    const llmCounts = llm?.counts() ?? {};
    // Depth comes from complete, distinct attributes only: say so when the catalog cannot give k of them.
    const k = config.sample.k;
    const short = c.personas > 0 && mean < k
      ? `; fewer than k = ${k}: the catalog opens too few complete, distinct attributes under the popularity cap and single-valued nodes`
      : '';
    return {
      // Streamed while generating: reading 100,000 personas back from the store would double the stage's time.
      outputs: [PERSONAS_FILE],
      // Failed LLM calls fell back to offline values: the next run retries them (answers are cached).
      incomplete: (llmCounts.llmFailures ?? 0) > 0,
      counts: { ...c, meanAttributes: Number(mean.toFixed(2)), version: ctx.taxonomyVersion, ...gated, ...llmCounts },
      summary: `${c.personas} personas from taxonomy v${ctx.taxonomyVersion}: ${mean.toFixed(1)} attributes each on average (min ${c.minAttributes}), ` +
        `${c.roots}/${config.roots.length} roots covered${short}; ${c.repairs} repairs, ${c.dropped} attributes dropped, ${c.personasWithViolations} personas with remaining violations; ` +
        `${gated.valuesGated + gated.valuesUncut} corpus values never drawn (gate ${gated.valuesGated}, no clean cut ${gated.valuesUncut}); ${file}`,
    };
  },
  outputs: [PERSONAS_FILE],
  // The same lines run streamed (persona i is stored exactly as generated), read back a page at a time.
  async export({ store, config, outputsDir, computed }) {
    const { version, personas } = computed.counts;
    if (version === undefined || personas === undefined) return [];
    // Indices ≥ n may come from `personas generate` (left out); a missing one below n means sample again.
    const set = { seed: config.seed, taxonomyVersion: version, below: personas };
    if ((await personaRange(store, set)).count !== personas) return null;
    await exportPersonas(store, set, 'jsonl', join(outputsDir, PERSONAS_FILE));
    return [PERSONAS_FILE];
  },
});
