import { canonicalJson, sha256 } from '../core/hash.js';
import type { SourceTurn } from './read-source.js';

export interface RecordContent {
  /** Canonical JSON of the record's meta: what `conversations.meta` stores. */
  metaJson: string;
  /** sha256 of canonical JSON of { turns, meta }: the incremental check compares it with the stored one. */
  contentSha: string;
}

/**
 * The one hash ingest computes per record, in JS. The text equals canonicalJson({ turns, meta })
 * (keys sorted: "meta" before "turns", "role" before "text"), built directly because a turn is
 * only a role and a text: walking every turn through the generic canonicalizer cost as much as
 * parsing the file. Stored hashes from earlier versions stay valid, so nothing re-ingests.
 */
export function recordContent(turns: readonly SourceTurn[], meta: Record<string, unknown>): RecordContent {
  const metaJson = canonicalJson(meta);
  let json = `{"meta":${metaJson},"turns":[`;
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    json += `${i ? ',' : ''}{"role":${JSON.stringify(turn.role)},"text":${JSON.stringify(turn.text)}}`;
  }
  return { metaJson, contentSha: sha256(`${json}]}`) };
}
