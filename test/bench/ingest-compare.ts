import { rmSync } from 'node:fs';
import { fingerprintFile } from '../../pipeline/core/hash.js';
import { deferringCheckpoints } from '../../pipeline/ingest/defer-checkpoints.js';
import { ingestFile } from '../../pipeline/ingest/ingest-file.js';
import { conversationIdSql, sourceIdFor, turnIdSql } from '../../pipeline/ingest/source-id.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { Store } from '../../pipeline/store/store.js';

export interface Timing {
  ms: number;
  /** CPU of this process (all threads: JS and DuckDB's) during the load: steadier than wall time on a shared machine. */
  cpuMs: number;
  turns: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Both loads run in this process on a fresh store, timed the same way: from the first statement to the data checkpointed. */
async function timed(db: string, load: (store: Store) => Promise<void>): Promise<Timing> {
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const store = await Store.open(db);
  try {
    const [started, cpu] = [Date.now(), cpuMs()];
    await load(store);
    const timing = { ms: Date.now() - started, cpuMs: cpuMs() - cpu };
    return { ...timing, turns: Number(await store.scalar('SELECT count(*) FROM turns')) };
  } finally {
    store.close();
  }
}

/**
 * Our ingest of one chat-jsonl file as the CLI's ingest stage times it (the file's fingerprint is
 * taken before the clock starts: the stage key needs it first), with checkpoints deferred and one
 * at the end, as the stage does.
 */
export async function oursMs(file: string, db: string): Promise<Timing> {
  await fingerprintFile(file);
  const opts = { format: 'chat-jsonl' as const, maxTurnBytes: 100_000, runId: 'bench', reporter: createMemoryReporter() };
  return timed(db, async (store) => {
    await deferringCheckpoints(store, () => ingestFile(store, file, opts));
  });
}

/**
 * What DuckDB alone takes to load a chat-jsonl file with the work our ingest does: `read_json`,
 * then the same tables (primary keys, the turns-by-conversation index), the same id expressions
 * and a sha256 of every text and of every record's content, in one transaction, then a
 * checkpoint. No validation, rejects or incremental check: the floor ours is measured against.
 */
export function duckdbMs(file: string, db: string): Promise<Timing> {
  const source = [sourceIdFor(file)];
  const conversationId = conversationIdSql('$1', 'id');
  return timed(db, async (store) => {
    await store.run('BEGIN TRANSACTION');
    await store.run(`CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS n, * FROM read_json($1, format = 'newline_delimited',
      columns = {id: 'VARCHAR', messages: 'STRUCT(role VARCHAR, content VARCHAR)[]', meta: 'JSON'})`, [file]);
    await store.run(`INSERT INTO conversations
      SELECT ${conversationId}, $1, id, n, n - 1, sha256(to_json({meta: coalesce(meta, '{}'), turns: messages})), len(messages), coalesce(meta, '{}')
      FROM raw`, source);
    await store.run(`INSERT INTO turns
      SELECT ${turnIdSql('conversation_id', 'turn_index', 'm.role', 'sha256(m.content)')}, conversation_id, turn_index, m.role, m.content, sha256(m.content)
      FROM (SELECT ${conversationId} AS conversation_id, unnest(messages) AS m, generate_subscripts(messages, 1) - 1 AS turn_index FROM raw)`, source);
    await store.run('DROP TABLE raw');
    await store.run('COMMIT');
    await store.run('CHECKPOINT');
  });
}
