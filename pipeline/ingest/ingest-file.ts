import { fingerprintFile } from '../core/hash.js';
import type { Reporter } from '../runner/reporter.js';
import type { Store } from '../store/store.js';
import { ConversationWriter, type WriteSizes } from './conversation-writer.js';
import { clip } from './line-reader.js';
import { openSource, type ParsedRecord } from './read-source.js';
import { recordContent, type RecordContent } from './record-content.js';
import { sourceIdFor, sourcePathKey } from './source-id.js';

export interface IngestOptions {
  format: 'auto' | 'puffin' | 'prefeval' | 'chat-jsonl';
  maxTurnBytes: number;
  runId: string;
  reporter: Reporter;
  /** Smaller write chunks and commits than the defaults, for tests that cross them. */
  writeSizes?: WriteSizes;
}

/** Per-file tally. Invariant: read = stored + rejected, and stored = added + replaced + kept. */
export interface FileReport {
  path: string;
  sourceId: string;
  adapter: string;
  /** The file's bytes match the last ingest, so it was not read again. */
  unchanged: boolean;
  read: number;
  stored: number;
  rejected: number;
  added: number;
  replaced: number;
  kept: number;
  turnsAdded: number;
  turnsRemoved: number;
  /** Lone surrogates in stored text replaced by U+FFFD (ids with one are rejected instead). */
  loneSurrogates: number;
}

/** external_id → content_sha256 of the file's stored conversations. */
type Known = Map<string, string>;

/**
 * Ingests one file. Records already stored with the same content are kept untouched, so
 * re-ingesting grows the store by exactly what is new or changed.
 */
export async function ingestFile(store: Store, path: string, opts: IngestOptions): Promise<FileReport> {
  const pathKey = sourcePathKey(path);
  const sourceId = sourceIdFor(pathKey);
  const fingerprint = await fingerprintFile(path);
  const previous = await store.one<{ file_sha256: string; adapter: string; records_read: number; records_stored: number; records_rejected: number }>(
    'SELECT file_sha256, adapter, records_read, records_stored, records_rejected FROM sources WHERE source_id = $1',
    [sourceId],
  );
  const report: FileReport = {
    path: pathKey, sourceId, adapter: previous?.adapter ?? '', unchanged: false,
    read: 0, stored: 0, rejected: 0, added: 0, replaced: 0, kept: 0, turnsAdded: 0, turnsRemoved: 0, loneSurrogates: 0,
  };
  if (previous?.file_sha256 === fingerprint.sha256) {
    return { ...report, unchanged: true, read: previous.records_read, stored: previous.records_stored, rejected: previous.records_rejected, kept: previous.records_stored };
  }
  const source = await openSource(path, { format: opts.format, maxTurnBytes: opts.maxTurnBytes });
  report.adapter = source.adapter;
  const known = await knownConversations(store, sourceId);
  const progress = opts.reporter.progress(`ingest ${pathKey}`, fingerprint.lines);

  // Chunks commit as they go (whole conversations with their turns); see ConversationWriter.
  const writer = await ConversationWriter.open(store, { sourceId, pathKey, runId: opts.runId }, report, opts.writeSizes);
  try {
    for await (const parsed of source.records()) {
      report.read++;
      if (report.read % 1000 === 0) progress.update(parsed.line);
      const record = parsed.ok ? digest(parsed) : parsed;
      if (!record.ok) {
        report.rejected++;
        writer.reject(record);
      } else {
        report.stored++;
        report.loneSurrogates += record.loneSurrogates ?? 0;
        storeRecord(writer, record, known, report);
      }
      if (writer.full) await writer.flush();
    }
    await writer.drain();
    // Written last: until this commits, the file counts as not ingested and is read again.
    await store.run('INSERT OR REPLACE INTO sources VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())', [
      sourceId, source.adapter, pathKey, fingerprint.sha256, fingerprint.bytes, source.license, source.isSynthetic,
      report.read, report.stored, report.rejected,
    ]);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  progress.stop();
  return report;
}

/** Same content as stored: kept untouched. Otherwise new, or a changed one that replaces its stored turns. */
function storeRecord(writer: ConversationWriter, record: Digested, known: Known, report: FileReport): void {
  const storedSha = known.get(record.externalId);
  if (storedSha === record.contentSha) {
    report.kept++;
    return;
  }
  if (storedSha === undefined) report.added++;
  else report.replaced++;
  writer.add(record, storedSha !== undefined);
}

type Digested = Extract<ParsedRecord, { ok: true }> & RecordContent;

/** Hashes a record before any row is written, so a record that cannot be hashed becomes a reject row, not a failed file. */
function digest(record: Extract<ParsedRecord, { ok: true }>): Digested | Extract<ParsedRecord, { ok: false }> {
  try {
    return { ...record, ...recordContent(record.turns, record.meta) };
  } catch (e) {
    return { ok: false, line: record.line, index: record.index, reason: `could not hash the record: ${(e as Error).message}`, excerpt: clip(record.turns[0]?.text ?? '') };
  }
}

async function knownConversations(store: Store, sourceId: string): Promise<Known> {
  const rows = await store.all<{ external_id: string; content_sha256: string }>(
    'SELECT external_id, content_sha256 FROM conversations WHERE source_id = $1',
    [sourceId],
  );
  return new Map(rows.map((r) => [r.external_id, r.content_sha256]));
}
