import { listValue, type DuckDBAppender } from '@duckdb/node-api';
import { canonicalJson, fingerprintFile, hashJson, sha256 } from '../core/hash.js';
import type { Reporter } from '../runner/reporter.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { openWriteBatch } from '../store/write-batch.js';
import { openSource, type ParsedRecord } from './read-source.js';
import { conversationIdFor, sourceIdFor, sourcePathKey, turnIdFor } from './source-id.js';

export interface IngestOptions {
  format: 'auto' | 'puffin' | 'prefeval' | 'chat-jsonl';
  maxTurnBytes: number;
  runId: string;
  reporter: Reporter;
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
}

type Known = Map<string, { conversationId: string; contentSha: string }>;

/**
 * Commit size. Each commit holds whole conversations with their turns, and the source row is
 * written only in the last one, so a killed ingest leaves consistent rows and the next run
 * reads the file again, keeping what is already stored: memory stays bounded on huge files.
 */
const COMMIT_EVERY = 20_000;
const TABLES = ['conversations', 'turns', 'rejects'] as const;

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
    read: 0, stored: 0, rejected: 0, added: 0, replaced: 0, kept: 0, turnsAdded: 0, turnsRemoved: 0,
  };
  if (previous?.file_sha256 === fingerprint.sha256) {
    return { ...report, unchanged: true, read: previous.records_read, stored: previous.records_stored, rejected: previous.records_rejected, kept: previous.records_stored };
  }
  const source = await openSource(path, { format: opts.format, maxTurnBytes: opts.maxTurnBytes });
  report.adapter = source.adapter;
  const known = await knownConversations(store, sourceId);
  const progress = opts.reporter.progress(`ingest ${pathKey}`, fingerprint.lines);

  let batch = await openWriteBatch(store, TABLES);
  try {
    await store.run('DELETE FROM rejects WHERE source_id = $1', [sourceId]);
    for await (const record of source.records()) {
      report.read++;
      if (report.read % 1000 === 0) progress.update(record.line);
      if (report.read % COMMIT_EVERY === 0) {
        await batch.commit();
        batch = await openWriteBatch(store, TABLES);
      }
      if (!record.ok) {
        report.rejected++;
        appendRow(batch.to.rejects, [sourceId, `${pathKey}:${record.line}`, record.line, record.index, record.reason, record.excerpt, opts.runId]);
        continue;
      }
      report.stored++;
      await storeRecord(store, batch.to, sourceId, record, known, report);
    }
    // Written last: until this commits, the file counts as not ingested and is read again.
    await store.run('INSERT OR REPLACE INTO sources VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())', [
      sourceId, source.adapter, pathKey, fingerprint.sha256, fingerprint.bytes, source.license, source.isSynthetic,
      report.read, report.stored, report.rejected,
    ]);
    await batch.commit();
  } catch (error) {
    await batch.rollback();
    throw error;
  }
  progress.stop();
  return report;
}

async function storeRecord(
  store: Store,
  out: { conversations: DuckDBAppender; turns: DuckDBAppender },
  sourceId: string,
  record: Extract<ParsedRecord, { ok: true }>,
  known: Known,
  report: FileReport,
): Promise<void> {
  const conversationId = conversationIdFor(sourceId, record.externalId);
  const contentSha = hashJson({ turns: record.turns, meta: record.meta });
  const existing = known.get(record.externalId);
  if (existing?.contentSha === contentSha) {
    report.kept++;
    return;
  }
  const rows = record.turns.map((turn, index) => {
    const textSha = sha256(turn.text);
    return { turnId: turnIdFor(conversationId, index, turn.role, textSha), index, role: turn.role, text: turn.text, textSha };
  });
  let keep = new Set<string>();
  if (existing) {
    // Changed content: keep the turns that did not change (their downstream rows stay valid).
    report.replaced++;
    const wanted = new Set(rows.map((r) => r.turnId));
    const old = await store.all<{ turn_id: string }>('SELECT turn_id FROM turns WHERE conversation_id = $1', [conversationId]);
    const stale = old.map((r) => r.turn_id).filter((id) => !wanted.has(id));
    keep = new Set(old.map((r) => r.turn_id).filter((id) => wanted.has(id)));
    if (stale.length > 0) await store.run('DELETE FROM turns WHERE list_contains($1::VARCHAR[], turn_id)', [listValue(stale)]);
    report.turnsRemoved += stale.length;
    await store.run(
      'UPDATE conversations SET line = $2, record_index = $6, content_sha256 = $3, turn_count = $4, meta = $5::JSON WHERE conversation_id = $1',
      [conversationId, record.line, contentSha, rows.length, canonicalJson(record.meta), record.index],
    );
  } else {
    report.added++;
    appendRow(out.conversations, [conversationId, sourceId, record.externalId, record.line, record.index, contentSha, rows.length, canonicalJson(record.meta)]);
  }
  known.set(record.externalId, { conversationId, contentSha });
  for (const row of rows) {
    if (keep.has(row.turnId)) continue;
    appendRow(out.turns, [row.turnId, conversationId, row.index, row.role, row.text, row.textSha]);
    report.turnsAdded++;
  }
}

async function knownConversations(store: Store, sourceId: string): Promise<Known> {
  const rows = await store.all<{ external_id: string; conversation_id: string; content_sha256: string }>(
    'SELECT external_id, conversation_id, content_sha256 FROM conversations WHERE source_id = $1',
    [sourceId],
  );
  return new Map(rows.map((r) => [r.external_id, { conversationId: r.conversation_id, contentSha: r.content_sha256 }]));
}
