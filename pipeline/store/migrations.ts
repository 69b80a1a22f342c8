/**
 * Versioned schema. A migration is applied once, in a transaction, when the store opens;
 * append new ones, never edit a released one (existing stores would not see the change).
 */
import { OUTPUT_MIGRATIONS } from './migrations-outputs.js';
import { PERSONA_MIGRATIONS } from './migrations-personas.js';

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
  {
    version: 3,
    name: 'phrases and taxonomy versions',
    sql: `
      CREATE TABLE phrases (
        phrase_id VARCHAR PRIMARY KEY,
        phrase VARCHAR NOT NULL,
        root_hint VARCHAR,
        mentions INTEGER NOT NULL,
        conversations INTEGER NOT NULL,
        sources INTEGER NOT NULL
      );
      CREATE TABLE mention_phrases (
        mention_id VARCHAR PRIMARY KEY,
        phrase_id VARCHAR NOT NULL
      );
      CREATE INDEX mention_phrases_by_phrase ON mention_phrases (phrase_id);
      CREATE TABLE taxonomy_versions (
        version_id INTEGER PRIMARY KEY,
        parent_version INTEGER,
        run_id VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        is_current BOOLEAN NOT NULL,
        mode VARCHAR NOT NULL,
        embedder_id VARCHAR NOT NULL,
        settings JSON NOT NULL,
        stats JSON NOT NULL
      );
      CREATE TABLE taxonomy_nodes (
        version_id INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        parent_id VARCHAR,
        label VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        depth INTEGER NOT NULL,
        root VARCHAR NOT NULL,
        is_leaf BOOLEAN NOT NULL,
        value_type VARCHAR,
        support_mentions INTEGER NOT NULL,
        support_conversations INTEGER NOT NULL,
        support_sources INTEGER NOT NULL,
        centroid FLOAT[] NOT NULL,
        PRIMARY KEY (version_id, node_id)
      );
      -- Leaf membership; a node's phrases are those of the leaves under it (node_closure).
      CREATE TABLE node_members (
        version_id INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        phrase_id VARCHAR NOT NULL
      );
      CREATE TABLE node_closure (
        version_id INTEGER NOT NULL,
        ancestor_id VARCHAR NOT NULL,
        leaf_id VARCHAR NOT NULL
      );
      CREATE TABLE node_values (
        version_id INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        polarity VARCHAR NOT NULL,
        count INTEGER NOT NULL
      );
      CREATE TABLE merge_log (
        version_id INTEGER NOT NULL,
        node_key VARCHAR NOT NULL,
        into_key VARCHAR,
        level VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        similarity DOUBLE
      );
      -- Every node's evidence: its mentions, their exact quotes, turns, conversations and files.
      CREATE VIEW node_evidence AS
      SELECT c.version_id, c.ancestor_id AS node_id, c.leaf_id, nm.phrase_id, m.mention_id, m.attribute, m.value,
             m.polarity, m.quote, m.span_start, m.span_end, t.turn_id, t.turn_index, cv.conversation_id,
             cv.external_id, s.source_id, s.path AS source_path, cv.line, s.path || ':' || cv.line AS locator,
             s.is_synthetic
      FROM node_closure c
      JOIN node_members nm ON nm.version_id = c.version_id AND nm.node_id = c.leaf_id
      JOIN mention_phrases mp ON mp.phrase_id = nm.phrase_id
      JOIN mentions m ON m.mention_id = mp.mention_id
      JOIN turns t ON t.turn_id = m.turn_id
      JOIN conversations cv ON cv.conversation_id = m.conversation_id
      JOIN sources s ON s.source_id = cv.source_id;
    `,
  },
  ...PERSONA_MIGRATIONS,
  ...OUTPUT_MIGRATIONS,
];
