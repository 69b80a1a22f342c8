import { embedMissing } from '../pipeline/embed/embedding-table.js';
import { PHRASES_VERSION, rebuildPhrases } from '../pipeline/embed/phrase-table.js';
import { embedderKeyFor, stageEmbedder } from '../pipeline/embed/stage-embedder.js';
import { defineStage } from '../pipeline/runner/stage.js';

/** Mention attributes → normalised phrases → vectors (see pipeline/embed/). */
export const embedStage = defineStage({
  name: 'embed',
  version: '1',
  after: ['extract'],
  async keyParts(config) {
    return { embedder: embedderKeyFor(config), phrases: PHRASES_VERSION };
  },
  async run({ store, config, runId, reporter }) {
    const { phrases, mentions } = await rebuildPhrases(store);
    const { embedder, flush, counts } = stageEmbedder(store, config, runId, 'embed');
    const embedded = await embedMissing(store, embedder, config.embed.batchSize, reporter);
    await flush();
    return {
      counts: { phrases, mentions, embedded, ...counts() },
      summary: `${phrases} phrases from ${mentions} mentions; ${embedded} newly embedded with ${embedder.id}`,
    };
  },
});
