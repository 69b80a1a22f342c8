import { BOOLEAN, INTEGER, VARCHAR } from '@duckdb/node-api';
import { conversationIdSql, turnIdSql } from './source-id.js';

/** The ingest writer's SQL: staging tables for one chunk, and the set-wise writes from them. */
export const STAGED_CONVERSATIONS = 'ingest_staged_conversations';
export const STAGED_TURNS = 'ingest_staged_turns';
// Recreated for every chunk rather than emptied, so that the previous chunk's text is freed at once.
export const NEW_STAGING = `
  CREATE OR REPLACE TEMP TABLE ${STAGED_CONVERSATIONS} (
    record INTEGER, external_id VARCHAR, line INTEGER, record_index INTEGER,
    content_sha256 VARCHAR, turn_count INTEGER, meta VARCHAR, replaces BOOLEAN);
  CREATE OR REPLACE TEMP TABLE ${STAGED_TURNS} (record INTEGER, turn_index INTEGER, role VARCHAR, text VARCHAR);`;
export const DROP_STAGING = `DROP TABLE IF EXISTS ${STAGED_CONVERSATIONS}; DROP TABLE IF EXISTS ${STAGED_TURNS};`;
export const CONVERSATION_TYPES = [INTEGER, VARCHAR, INTEGER, INTEGER, VARCHAR, INTEGER, VARCHAR, BOOLEAN];
export const TURN_TYPES = [INTEGER, INTEGER, VARCHAR, VARCHAR];

/**
 * The chunk's SQL for one source. The source id is inlined as a literal (it is `src_` and hex)
 * so that several statements go in one call: on a loaded machine every round trip costs.
 * Ids and text hashes are computed here, set-wise, by DuckDB's threads.
 */
export function chunkSql(sourceId: string) {
  const source = `'${sourceId.replaceAll("'", "''")}'`;
  const stagedIds = `SELECT record, ${conversationIdSql(source, 'external_id')} AS conversation_id, * EXCLUDE (record) FROM ${STAGED_CONVERSATIONS}`;
  const turnRows = (replaces: boolean) => `
    SELECT ${turnIdSql('c.conversation_id', 't.turn_index', 't.role', 't.text_sha256')} AS turn_id,
           c.conversation_id, t.turn_index, t.role, t.text, t.text_sha256
    FROM (SELECT *, sha256(text) AS text_sha256 FROM ${STAGED_TURNS}) t
    JOIN (SELECT record, conversation_id, replaces FROM (${stagedIds})) c USING (record)
    WHERE ${replaces ? '' : 'NOT '}c.replaces`;
  const turnColumns = '(turn_id, conversation_id, turn_index, role, text, text_sha256)';
  // A changed conversation keeps its unchanged turns (their ids, and so their downstream rows, stay valid).
  const [replaced, old] = ['ingest_replaced_turns', 'ingest_old_turns'];
  const replaceSteps: { sql: string; counts?: 'turnsRemoved' | 'turnsAdded' }[] = [
    { sql: `CREATE OR REPLACE TEMP TABLE ${replaced} AS ${turnRows(true)}` },
    { sql: `CREATE OR REPLACE TEMP TABLE ${old} AS SELECT turn_id FROM turns WHERE conversation_id IN (SELECT conversation_id FROM ${replaced})` },
    { sql: `DELETE FROM turns WHERE turn_id IN (SELECT turn_id FROM ${old} EXCEPT SELECT turn_id FROM ${replaced})`, counts: 'turnsRemoved' },
    {
      sql: `UPDATE conversations SET line = s.line, record_index = s.record_index, content_sha256 = s.content_sha256,
        turn_count = s.turn_count, meta = s.meta
        FROM (${stagedIds}) s WHERE s.replaces AND conversations.conversation_id = s.conversation_id`,
    },
    { sql: `INSERT INTO turns ${turnColumns} SELECT * FROM ${replaced} WHERE turn_id NOT IN (SELECT turn_id FROM ${old})`, counts: 'turnsAdded' },
    { sql: `DROP TABLE ${replaced}; DROP TABLE ${old}` },
  ];
  return {
    deleteRejects: `DELETE FROM rejects WHERE source_id = ${source};`,
    insert: `
      INSERT INTO conversations (conversation_id, source_id, external_id, line, record_index, content_sha256, turn_count, meta)
      SELECT conversation_id, ${source}, external_id, line, record_index, content_sha256, turn_count, meta FROM (${stagedIds}) WHERE NOT replaces;
      INSERT INTO turns ${turnColumns} ${turnRows(false)};`,
    replaceSteps,
  };
}
