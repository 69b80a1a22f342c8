import { fingerprintFile } from '../pipeline/core/hash.js';
import { collectInputs } from '../pipeline/ingest/collect-inputs.js';
import { deferringCheckpoints } from '../pipeline/ingest/defer-checkpoints.js';
import { ingestFile, type FileReport } from '../pipeline/ingest/ingest-file.js';
import { sourcePathKey } from '../pipeline/ingest/source-id.js';
import { defineStage } from '../pipeline/runner/stage.js';

/** Reads corpora into sources, conversations, turns and rejects (see pipeline/ingest/). */
export const ingestStage = defineStage({
  name: 'ingest',
  version: '1',
  after: [],
  async keyParts(config) {
    const { files } = await collectInputs(config.ingest.paths, config.ingest.format);
    const inputs = [];
    for (const file of files) inputs.push({ path: sourcePathKey(file), sha256: (await fingerprintFile(file)).sha256 });
    return { inputs, format: config.ingest.format, maxTurnBytes: config.ingest.maxTurnBytes };
  },
  async run({ store, config, runId, reporter }) {
    const { files, skipped } = await collectInputs(config.ingest.paths, config.ingest.format);
    // Listed here as well as counted, so a file left out of a folder is never a silent loss.
    for (const s of skipped) reporter.line(`ingest: skipped ${sourcePathKey(s.path)} (${s.reason})`);
    const reports: FileReport[] = [];
    await deferringCheckpoints(store, async () => {
      for (const file of files) {
        reports.push(await ingestFile(store, file, { format: config.ingest.format, maxTurnBytes: config.ingest.maxTurnBytes, runId, reporter }));
      }
    });
    const sum = (pick: (r: FileReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
    const counts = {
      files: reports.length,
      filesUnchanged: reports.filter((r) => r.unchanged).length,
      filesSkipped: skipped.length,
      read: sum((r) => r.read),
      stored: sum((r) => r.stored),
      rejected: sum((r) => r.rejected),
      added: sum((r) => r.added),
      replaced: sum((r) => r.replaced),
      kept: sum((r) => r.kept),
      turnsAdded: sum((r) => r.turnsAdded),
      turnsRemoved: sum((r) => r.turnsRemoved),
      loneSurrogates: sum((r) => r.loneSurrogates),
    };
    const news = counts.added + counts.replaced === 0 ? 'nothing new' : `${counts.added} new, ${counts.replaced} changed`;
    const summary =
      `${counts.files} files (${counts.filesUnchanged} unchanged), ${counts.read} records read: ` +
      `${counts.stored} stored, ${counts.rejected} rejected; ${news}; ${counts.turnsAdded} turns added` +
      (counts.filesSkipped > 0 ? `; ${counts.filesSkipped} files skipped` : '') +
      (counts.loneSurrogates > 0 ? `; ${counts.loneSurrogates} lone surrogates in text replaced by U+FFFD` : '');
    return { counts, summary, details: reports };
  },
});
