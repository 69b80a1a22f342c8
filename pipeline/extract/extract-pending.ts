import pLimit from 'p-limit';
import type { Conversation, Extractor, ExtractResult } from '../core/types.js';
import type { Reporter } from '../runner/reporter.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { createStoreFailureSink } from '../store/llm-tables.js';
import { openWriteBatch, type WriteBatch } from '../store/write-batch.js';
import { type ExtractionFailure, extractOrFailure, failureReason, isExtractionFailure } from './extraction-error.js';
import { loadConversations } from './load-conversations.js';
import { type DroppedValues, noDroppedValues, slotId, validMentions } from './mention-rows.js';

export interface ExtractOptions {
  store: Store;
  extractor: Extractor;
  runId: string;
  chunkSize: number;
  concurrency: number;
  reporter: Reporter;
  /**
   * Extract the next chunk while this one is written. Only for an extractor that never touches the
   * store (the offline worker pool): an LLM extractor's cache writes share the store's connection.
   */
  overlap?: boolean;
  /** Called before each chunk commits, e.g. to persist buffered LLM cache writes. */
  beforeCommit?: () => Promise<void>;
}

export interface ExtractCounts {
  conversations: number;
  mentions: number;
  slots: number;
  ungrounded: number;
  invalid: number;
  /** Grounded mentions dropped by the value gate (pipeline/extractors/value-gate.ts), per reason. */
  droppedValues: DroppedValues;
  failedConversations: number;
  /** Conversations the extractor threw on (each a `failures` row): not marked done, retried next run. */
  erroredConversations: number;
}

/** Conversations with no current extraction, in id order (call invalidateExtractions first). */
export function pendingConversations(store: Store): Promise<{ conversation_id: string; content_sha256: string }[]> {
  return store.all(
    `SELECT conversation_id, content_sha256 FROM conversations ANTI JOIN extracted_conversations USING (conversation_id)
     WHERE EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = conversations.conversation_id) ORDER BY conversation_id`,
  );
}

const TABLES = ['mentions', 'slots', 'extracted_conversations'] as const;

/**
 * Extracts every conversation not yet extracted with this extractor and this content, a chunk
 * per transaction, each conversation's mentions committed together with its "done" row. A killed
 * run therefore resumes where it stopped and ends with the same rows as an uninterrupted one.
 */
export async function extractPending(opts: ExtractOptions): Promise<ExtractCounts> {
  const { store, extractor } = opts;
  const counts: ExtractCounts = { conversations: 0, mentions: 0, slots: 0, ungrounded: 0, invalid: 0, droppedValues: noDroppedValues(), failedConversations: 0, erroredConversations: 0 };
  const pending = await createPendingTable(store);
  const progress = opts.reporter.progress('extract', pending);
  const limit = pLimit(opts.concurrency);
  const failures = createStoreFailureSink(store, opts.runId, 'extract');
  // With `overlap`, the next two chunks are read and handed to the extractor before this one is
  // written, so worker threads are never idle while DuckDB reads and writes. Results are still
  // written chunk by chunk, in order, one transaction each.
  const start = async (at: number): Promise<Started> => {
    const chunk = await store.all<PendingRow>('SELECT conversation_id, lo, hi, turns FROM extract_pending WHERE rn > $1 AND rn <= $2 ORDER BY rn', [at, at + opts.chunkSize]);
    // Content hashes come with the conversations: kept in the pending table they doubled its
    // memory (285 MB of DuckDB's default 512 MB at 2 M conversations).
    const shaOf = new Map<string, string>();
    const conversations = await loadChunk(store, chunk, shaOf);
    // One conversation's exception must not end the run: it becomes a failures row and stays pending.
    const settled = Promise.all(conversations.map((c) => limit(() => extractOrFailure(extractor, c))));
    settled.catch(() => {}); // awaited below; a chunk left behind by a failed write must not crash the process
    return { end: Math.min(at + opts.chunkSize, pending), shaOf, conversations, settled };
  };
  const queue: Started[] = [];
  let nextAt = 0;
  const topUp = async (depth: number) => {
    for (; queue.length < depth && nextAt < pending; nextAt += opts.chunkSize) queue.push(await start(nextAt));
  };
  await topUp(1);
  for (let current = queue.shift(); current; current = queue.shift()) {
    const { shaOf, conversations } = current;
    const settled = await current.settled;
    if (opts.overlap) await topUp(2);
    for (const f of settled.filter(isExtractionFailure)) {
      counts.erroredConversations++;
      await failures.record({ itemKey: f.itemKey, reason: failureReason(extractor.id, f) });
    }
    await opts.beforeCommit?.();
    const batch = await openWriteBatch(store, TABLES);
    try {
      conversations.forEach((conversation, i) => {
        const result = settled[i]!;
        if (!isExtractionFailure(result)) writeResult(batch.to, conversation, result, shaOf.get(conversation.conversationId)!, opts, counts);
      });
      await batch.commit();
    } catch (error) {
      await batch.rollback();
      throw error;
    }
    progress.update(current.end);
    await topUp(1);
  }
  progress.stop();
  await store.run('DROP TABLE IF EXISTS extract_pending');
  return counts;
}

type Started = { end: number; shaOf: Map<string, string>; conversations: Conversation[]; settled: Promise<(ExtractResult | ExtractionFailure)[]> };
type PendingRow = { conversation_id: string; lo: bigint; hi: bigint; turns: number };

/**
 * The pending conversations as a temp table, numbered in the order their turns lie in the store
 * (each with the rowid span and count of its turns), so a chunk reads one narrow slice of `turns`
 * instead of scanning the whole table once per chunk (quadratic: 0.24 s a chunk at 200,000 turns).
 * Nothing here grows in JS with the corpus. Returns how many are pending.
 */
async function createPendingTable(store: Store): Promise<number> {
  await store.run(
    `CREATE OR REPLACE TEMP TABLE extract_pending AS
     SELECT row_number() OVER (ORDER BY lo, conversation_id) AS rn, * FROM (
       SELECT c.conversation_id, min(t.rowid) AS lo, max(t.rowid) AS hi, count(*)::INTEGER AS turns
       FROM conversations c ANTI JOIN extracted_conversations USING (conversation_id) JOIN turns t USING (conversation_id)
       GROUP BY ALL
     ) ORDER BY rn`,
  );
  return Number(await store.scalar('SELECT count(*) FROM extract_pending'));
}

/** A chunk's conversations through its rowid span; the whole table only if that span missed a turn (rowids moved). */
async function loadChunk(store: Store, chunk: readonly PendingRow[], hashes: Map<string, string>): Promise<Conversation[]> {
  if (chunk.length === 0) return [];
  const ids = chunk.map((p) => p.conversation_id);
  const span = { lo: chunk.reduce((m, p) => (p.lo < m ? p.lo : m), chunk[0]!.lo), hi: chunk.reduce((m, p) => (p.hi > m ? p.hi : m), chunk[0]!.hi) };
  const conversations = await loadConversations(store, ids, span, hashes);
  const expected = new Map(chunk.map((p) => [p.conversation_id, Number(p.turns)]));
  const complete = conversations.length === chunk.length && conversations.every((c) => c.turns.length === expected.get(c.conversationId));
  return complete ? conversations : loadConversations(store, ids, undefined, hashes);
}

function writeResult(
  to: WriteBatch<(typeof TABLES)[number]>['to'],
  conversation: Conversation,
  result: ExtractResult,
  contentSha: string,
  opts: ExtractOptions,
  counts: ExtractCounts,
): void {
  if ((result.failed ?? 0) > 0) {
    counts.failedConversations++; // not marked done: the next run retries it (LLM answers that did arrive are cached)
    return;
  }
  const { rows, invalid, dropped } = validMentions(conversation, result.mentions);
  for (const m of rows) {
    appendRow(to.mentions, [m.mentionId, m.turnId, m.conversationId, m.attribute, m.value, m.root, m.polarity, m.spanStart, m.spanEnd, m.quote, m.confidence, m.extractorId, m.llmCallId]);
  }
  const slots = new Map((result.slots ?? []).map((s) => [slotId(s, opts.extractor.id), s]));
  for (const [id, s] of slots) appendRow(to.slots, [id, s.conversationId, s.turnIds, s.classification, s.reason, s.path, opts.extractor.id, s.llmCallId]);
  appendRow(to.extracted_conversations, [conversation.conversationId, contentSha, opts.extractor.id, rows.length, result.ungrounded, opts.runId]);
  counts.conversations++;
  counts.mentions += rows.length;
  counts.slots += slots.size;
  counts.ungrounded += result.ungrounded;
  counts.invalid += invalid;
  for (const [reason, n] of Object.entries(dropped) as [keyof DroppedValues, number][]) counts.droppedValues[reason] += n;
}

/**
 * Drops extraction results that no longer describe the store: another extractor's, or those of
 * conversations whose content changed or vanished. Returns how many conversations were affected.
 */
export async function invalidateExtractions(store: Store, extractorId: string): Promise<number> {
  return store.transaction(async () => {
    await store.run(
      `CREATE OR REPLACE TEMP TABLE stale_extractions AS
       SELECT e.conversation_id FROM extracted_conversations e LEFT JOIN conversations c USING (conversation_id)
       WHERE c.conversation_id IS NULL OR c.content_sha256 <> e.content_sha256 OR e.extractor_id <> $1`,
      [extractorId],
    );
    const stale = Number(await store.scalar('SELECT count(*) FROM stale_extractions'));
    for (const table of ['mentions', 'slots', 'extracted_conversations']) {
      await store.run(`DELETE FROM ${table} WHERE conversation_id IN (SELECT conversation_id FROM stale_extractions)`);
    }
    await store.run('DELETE FROM mentions WHERE extractor_id <> $1', [extractorId]);
    await store.run('DELETE FROM slots WHERE extractor_id <> $1', [extractorId]);
    return stale;
  });
}
