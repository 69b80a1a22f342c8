import { listValue } from '@duckdb/node-api';
import type { Conversation, Role } from '../core/types.js';
import type { Store } from '../store/store.js';

type ConversationTurnRow = {
  conversation_id: string;
  content_sha256: string;
  source_id: string;
  external_id: string;
  meta: string;
  turn_id: string;
  turn_index: number;
  role: Role;
  text: string;
};

/**
 * Loads whole conversations (all turns, in order) for the given ids; a hash join, not a scan per id.
 * With `span` (turns' rowids), only that slice of `turns` is read: without it the join scans the
 * whole table, which per chunk grows with the corpus.
 */
export async function loadConversations(
  store: Store,
  ids: readonly string[],
  span?: { lo: bigint; hi: bigint },
  /** Filled with each loaded conversation's content hash (the extract stage records it). */
  hashes?: Map<string, string>,
): Promise<Conversation[]> {
  const rows = await store.all<ConversationTurnRow>(
    `SELECT c.conversation_id, c.content_sha256, c.source_id, c.external_id, c.meta::VARCHAR AS meta, t.turn_id, t.turn_index, t.role, t.text
     FROM (SELECT unnest($1::VARCHAR[]) AS conversation_id) wanted
     JOIN conversations c USING (conversation_id) JOIN turns t USING (conversation_id)
     ${span ? 'WHERE t.rowid BETWEEN $2 AND $3' : ''}
     ORDER BY c.conversation_id, t.turn_index`,
    span ? [listValue([...ids]), span.lo, span.hi] : [listValue([...ids])],
  );
  const byId = new Map<string, Conversation>();
  for (const r of rows) {
    let conversation = byId.get(r.conversation_id);
    if (!conversation) {
      conversation = { conversationId: r.conversation_id, sourceId: r.source_id, externalId: r.external_id, meta: JSON.parse(r.meta), turns: [] };
      byId.set(r.conversation_id, conversation);
      hashes?.set(r.conversation_id, r.content_sha256);
    }
    conversation.turns.push({ turnId: r.turn_id, conversationId: r.conversation_id, turnIndex: r.turn_index, role: r.role, text: r.text });
  }
  return [...byId.values()];
}
