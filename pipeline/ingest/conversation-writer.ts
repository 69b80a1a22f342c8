import type { DuckDBDataChunk } from '@duckdb/node-api';
import { appendRow } from '../store/append-row.js';
import { ColumnBuffer } from '../store/column-buffer.js';
import type { Store } from '../store/store.js';
import { chunkSql, CONVERSATION_TYPES, DROP_STAGING, NEW_STAGING, STAGED_CONVERSATIONS, STAGED_TURNS, TURN_TYPES } from './chunk-sql.js';
import type { ParsedRecord } from './read-source.js';
import type { RecordContent } from './record-content.js';

/**
 * A chunk is staged and written at once: whole conversations with their turns. Small, so that
 * parsing the next chunk overlaps DuckDB writing this one.
 */
const CHUNK_RECORDS = 5_000;
const CHUNK_TEXT_CHARS = 8 * 1024 * 1024;
/**
 * A transaction commits after the chunk that brings it to a DuckDB row group of turns (122,880
 * rows) rather than after every chunk: each commit flushes the WAL to disk. (DuckDB's optimistic
 * writes, which would send such a transaction straight to the file, are off: see store.ts.)
 */
const COMMIT_TURNS = 122_880;
export interface WriteSizes {
  chunkRecords: number;
  commitTurns: number;
}

export interface TurnTally {
  turnsAdded: number;
  turnsRemoved: number;
}

/**
 * Writes one file's conversations, turns and rejects in chunks. JS parses the records and hashes
 * each record's content once; a chunk is staged in temp tables with whole data chunks, then DuckDB
 * computes the ids, keys and indexes set-wise in the background while the next chunk is parsed.
 * Commits hold whole conversations with their turns, so a killed ingest leaves consistent rows;
 * the caller writes the `sources` row last, in the final transaction.
 */
export class ConversationWriter {
  private readonly conversations = new ColumnBuffer(CONVERSATION_TYPES);
  private readonly turns = new ColumnBuffer(TURN_TYPES);
  private rejects: (string | number)[][] = [];
  private records = 0;
  private textChars = 0;
  private replacing = 0;
  private newTurns = 0;
  /** The previous chunk's writes; its failure surfaces at the next flush, drain or abort. */
  private pending: Promise<void> = Promise.resolve();
  private stagedTurns = 0;
  private turnsSinceCommit = 0;
  private readonly sql: ReturnType<typeof chunkSql>;

  private constructor(
    private readonly store: Store,
    private readonly sourceId: string,
    private readonly pathKey: string,
    private readonly runId: string,
    private readonly tally: TurnTally,
    private readonly sizes: WriteSizes,
  ) {
    this.sql = chunkSql(sourceId);
  }

  /** Opens the first transaction, where the file's old reject rows are dropped. */
  static async open(
    store: Store,
    source: { sourceId: string; pathKey: string; runId: string },
    tally: TurnTally,
    sizes: WriteSizes = { chunkRecords: CHUNK_RECORDS, commitTurns: COMMIT_TURNS },
  ): Promise<ConversationWriter> {
    const writer = new ConversationWriter(store, source.sourceId, source.pathKey, source.runId, tally, sizes);
    await store.run(`${NEW_STAGING} BEGIN TRANSACTION; ${writer.sql.deleteRejects}`);
    return writer;
  }

  /** A new conversation, or (`replaces`) a stored one whose content changed. */
  add(record: Extract<ParsedRecord, { ok: true }> & RecordContent, replaces: boolean): void {
    const at = this.conversations.rows;
    this.conversations.add(at, record.externalId, record.line, record.index, record.contentSha, record.turns.length, record.metaJson, replaces);
    for (let i = 0; i < record.turns.length; i++) {
      const turn = record.turns[i]!;
      this.turns.add(at, i, turn.role, turn.text);
      this.textChars += turn.text.length;
    }
    this.stagedTurns += record.turns.length;
    this.records++;
    if (replaces) this.replacing++;
    else this.newTurns += record.turns.length;
  }

  reject(record: Extract<ParsedRecord, { ok: false }>): void {
    this.rejects.push([this.sourceId, `${this.pathKey}:${record.line}`, record.line, record.index, record.reason, record.excerpt, this.runId]);
    this.records++;
  }

  get full(): boolean {
    return this.records >= this.sizes.chunkRecords || this.textChars >= CHUNK_TEXT_CHARS;
  }

  /** Waits for the previous chunk, stages this one and starts writing it; returns before DuckDB is done. */
  async flush(): Promise<void> {
    const conversations = this.conversations.take();
    const turns = this.turns.take();
    const { rejects, replacing, newTurns, stagedTurns } = this;
    this.rejects = [];
    this.records = this.textChars = this.replacing = this.newTurns = this.stagedTurns = 0;
    await this.pending;
    if (rejects.length > 0) {
      const appender = await this.store.appender('rejects');
      for (const row of rejects) appendRow(appender, row);
      appender.closeSync();
    }
    if (conversations.length === 0) return;
    await this.stage(STAGED_CONVERSATIONS, conversations);
    await this.stage(STAGED_TURNS, turns);
    this.pending = this.write(replacing, newTurns, stagedTurns);
    this.pending.catch(() => undefined); // handled when awaited; not an unhandled rejection meanwhile
  }

  /** Everything buffered is written; the last transaction stays open for the caller's `sources` row. */
  async drain(): Promise<void> {
    await this.flush();
    await this.pending;
  }

  /** Commits the last transaction (see `deferringCheckpoints` for when DuckDB checkpoints). */
  async commit(): Promise<void> {
    await this.store.run(`COMMIT; ${DROP_STAGING}`);
  }

  /** Rolls back the open chunk; chunks already committed stay (the file is read again next time). */
  async abort(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.store.run('ROLLBACK').catch(() => undefined);
    await this.store.run(DROP_STAGING).catch(() => undefined);
  }

  private async stage(table: string, chunks: DuckDBDataChunk[]): Promise<void> {
    const appender = await this.store.appender(table);
    for (const chunk of chunks) appender.appendDataChunk(chunk);
    appender.closeSync();
  }

  private async write(replacing: number, newTurns: number, stagedTurns: number): Promise<void> {
    await this.store.run(this.sql.insert);
    this.tally.turnsAdded += newTurns;
    for (const step of replacing > 0 ? this.sql.replaceSteps : []) {
      const changed = await this.store.changes(step.sql);
      if (step.counts) this.tally[step.counts] += changed;
    }
    this.turnsSinceCommit += stagedTurns;
    const commit = this.turnsSinceCommit >= this.sizes.commitTurns;
    if (commit) this.turnsSinceCommit = 0;
    await this.store.run(`${NEW_STAGING} ${commit ? 'COMMIT; BEGIN TRANSACTION;' : ''}`);
  }
}
