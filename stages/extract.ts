import { prefillViaBatch } from '../pipeline/extract/batch-prefill.js';
import { extractPending, invalidateExtractions, pendingConversations } from '../pipeline/extract/extract-pending.js';
import type { DroppedValues } from '../pipeline/extract/mention-rows.js';
import { checkExtractFailureRate } from '../pipeline/extract/extraction-error.js';
import { extractorIdFor, extractThreads, needsLlm, resolveExtractor } from '../pipeline/extract/resolve-extractor.js';
import { resolveLlmSettings } from '../pipeline/llm/config.js';
import { createStageLlm } from '../pipeline/llm/for-stage.js';
import { defineStage } from '../pipeline/runner/stage.js';

/** User turns → grounded attribute mentions (see pipeline/extract/ and pipeline/extractors/). */
export const extractStage = defineStage({
  name: 'extract',
  version: '1',
  after: ['ingest'],
  async keyParts(config, store) {
    const llm = needsLlm(config) ? resolveLlmSettings(config.llm) : undefined;
    return {
      extractor: extractorIdFor(config),
      roots: config.roots,
      windowChars: config.extract.extractor === 'llm' ? config.extract.windowChars : undefined,
      llm: llm && { provider: llm.provider, host: llm.baseUrlHost, temperature: llm.temperature },
      // What is in the store now, whoever ingested it (run or a separate `ingest` command).
      corpus: await store.one("SELECT count(*)::VARCHAR AS n, coalesce(bit_xor(hash(conversation_id || content_sha256)), 0)::VARCHAR AS h FROM conversations"),
    };
  },
  async run({ store, config, runId, stageKey, reporter }) {
    const llm = needsLlm(config) ? createStageLlm(store, config, runId, 'extract') : undefined;
    const invalidated = await invalidateExtractions(store, extractorIdFor(config));
    const pendingTurns = Number(await store.scalar(
      "SELECT count(*) FROM turns t WHERE t.role = 'user' AND NOT EXISTS (SELECT 1 FROM extracted_conversations e WHERE e.conversation_id = t.conversation_id)",
    ));
    const threads = llm ? 1 : extractThreads(config, pendingTurns);
    const extractor = resolveExtractor(config, llm?.client, threads);
    let batched = 0;
    if (llm && config.extract.llmBatch) {
      const pendingIds = (await pendingConversations(store)).map((p) => p.conversation_id);
      batched = (await prefillViaBatch({ store, config, client: llm.client, stageKey, pendingIds })).cached;
      await llm.flush();
    }
    const counts = await extractPending({
      store, extractor, runId, reporter,
      chunkSize: config.extract.chunkSize,
      concurrency: llm ? config.llm.maxConcurrency : extractor.parallelism ?? 1,
      overlap: !llm,
      beforeCommit: llm?.flush,
    }).finally(() => extractor.close?.());
    llm?.checkFailureRate();
    checkExtractFailureRate(counts, config.extract.maxFailureRate);
    const totals = await store.one<{ mentions: number; turns: number }>(
      "SELECT (SELECT count(*) FROM mentions)::INTEGER AS mentions, (SELECT count(*) FROM turns WHERE role = 'user')::INTEGER AS turns",
    );
    const perHundred = totals && totals.turns > 0 ? ((100 * totals.mentions) / totals.turns).toFixed(1) : '0';
    const summary =
      `${extractor.id}: ${counts.conversations} conversations extracted (${invalidated} invalidated), ${counts.mentions} new mentions; ` +
      `${totals?.mentions ?? 0} in store (${perHundred} per 100 user turns)` +
      (llm ? `; ${counts.ungrounded} ungrounded dropped, ${counts.failedConversations} conversations to retry` : '') +
      (counts.erroredConversations > 0 ? `; ${counts.erroredConversations} conversations failed in the extractor (see failures) and will be retried next run` : '') +
      droppedSummary(counts.droppedValues, counts.invalid);
    const { droppedValues, ...flat } = counts;
    return {
      // The manifest takes flat numbers: the value gate's drops as droppedValues (total) and droppedValues.<reason>.
      counts: { ...flat, ...droppedCounts(droppedValues), invalidated, batched, mentionsInStore: totals?.mentions ?? 0, ...(llm?.counts() ?? {}) },
      summary,
      incomplete: counts.failedConversations > 0 || counts.erroredConversations > 0,
    };
  },
});

/** Flat counts for the manifest: the total and one key per reason (zeros included, so a run says what it checked). */
function droppedCounts(dropped: DroppedValues): Record<string, number> {
  const total = Object.values(dropped).reduce((a, b) => a + b, 0);
  return { droppedValues: total, ...Object.fromEntries(Object.entries(dropped).map(([reason, n]) => [`droppedValues.${reason}`, n])) };
}

/** "; 123 values dropped (cut-phrase 80, filler 30, function-word 13); 2 invalid mentions dropped", largest reason first; '' when none. */
function droppedSummary(dropped: DroppedValues, invalid: number): string {
  const reasons = Object.entries(dropped).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = reasons.reduce((a, [, n]) => a + n, 0);
  return (total > 0 ? `; ${total} values dropped (${reasons.map(([r, n]) => `${r} ${n}`).join(', ')})` : '') +
    (invalid > 0 ? `; ${invalid} invalid mentions dropped` : '');
}
