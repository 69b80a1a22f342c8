/**
 * Versioned schema. A migration is applied once, in a transaction, when the store opens;
 * append new ones, never edit a released one (existing stores would not see the change).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ingest and run bookkeeping',
    sql: `
      CREATE TABLE sources (
        source_id VARCHAR PRIMARY KEY,
        adapter VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        bytes BIGINT NOT NULL,
        license VARCHAR NOT NULL,
        is_synthetic BOOLEAN NOT NULL,
        records_read INTEGER NOT NULL,
        records_stored INTEGER NOT NULL,
        records_rejected INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL
      );
      CREATE TABLE conversations (
        conversation_id VARCHAR PRIMARY KEY,
        source_id VARCHAR NOT NULL,
        external_id VARCHAR NOT NULL,
        -- where the record starts in the source file, and its ordinal (unique even in minified JSON)
        line INTEGER NOT NULL,
        record_index INTEGER NOT NULL,
        content_sha256 VARCHAR NOT NULL,
        turn_count INTEGER NOT NULL,
        meta JSON NOT NULL
      );
      CREATE TABLE turns (
        turn_id VARCHAR PRIMARY KEY,
        conversation_id VARCHAR NOT NULL,
        turn_index INTEGER NOT NULL,
        role VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        text_sha256 VARCHAR NOT NULL
      );
      CREATE INDEX turns_by_conversation ON turns (conversation_id);
      CREATE TABLE rejects (
        source_id VARCHAR NOT NULL,
        locator VARCHAR NOT NULL,
        line INTEGER NOT NULL,
        record_index INTEGER NOT NULL,
        reason VARCHAR NOT NULL,
        excerpt VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL
      );
      CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY,
        command VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        config JSON NOT NULL,
        versions JSON NOT NULL,
        manifest JSON
      );
      CREATE TABLE stage_runs (
        run_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        stage_key VARCHAR NOT NULL,
        stage_version VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        counts JSON,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        duration_ms BIGINT,
        error VARCHAR
      );
      CREATE TABLE failures (
        run_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        item_key VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL
      );
      CREATE TABLE llm_calls (
        call_id VARCHAR PRIMARY KEY,
        provider VARCHAR NOT NULL,
        base_url_host VARCHAR NOT NULL,
        model VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        request JSON NOT NULL,
        response JSON NOT NULL,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        latency_ms INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL
      );
      CREATE TABLE llm_batches (
        stage_key VARCHAR PRIMARY KEY,
        batch_id VARCHAR NOT NULL,
        request_keys JSON NOT NULL,
        created_at TIMESTAMP NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'mentions, slots and extraction bookkeeping',
    sql: `
      CREATE TABLE mentions (
        mention_id VARCHAR PRIMARY KEY,
        turn_id VARCHAR NOT NULL,
        conversation_id VARCHAR NOT NULL,
        attribute VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        polarity VARCHAR NOT NULL,
        -- JS string (UTF-16 code unit) offsets into turns.text: quote = text[span_start, span_end)
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        quote VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL,
        extractor_id VARCHAR NOT NULL,
        llm_call_id VARCHAR
      );
      CREATE INDEX mentions_by_conversation ON mentions (conversation_id);
      CREATE TABLE slots (
        slot_id VARCHAR PRIMARY KEY,
        conversation_id VARCHAR NOT NULL,
        turn_ids VARCHAR[] NOT NULL,
        classification VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        extractor_id VARCHAR NOT NULL,
        llm_call_id VARCHAR
      );
      -- One row per conversation whose extraction finished, with the content it saw: a changed
      -- conversation (new content_sha256) or another extractor means it is extracted again.
      CREATE TABLE extracted_conversations (
        conversation_id VARCHAR PRIMARY KEY,
        content_sha256 VARCHAR NOT NULL,
        extractor_id VARCHAR NOT NULL,
        mentions INTEGER NOT NULL,
        ungrounded INTEGER NOT NULL,
        run_id VARCHAR NOT NULL
      );
    `,
  },
];
