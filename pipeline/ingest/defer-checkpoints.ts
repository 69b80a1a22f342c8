import type { Store } from '../store/store.js';

/**
 * While the ingest stage writes, DuckDB checkpoints only past this much WAL: a checkpoint rewrites
 * the growing key indexes, so checkpointing at the default 16 MB made ingest quadratic (in one
 * 500 MB run, 84 of 157 s went to commits; on a folder of 2,001 small files, a checkpoint every
 * ~60 files). Committed rows are in the WAL, so a killed ingest loses none of them.
 */
const INGEST_CHECKPOINT_THRESHOLD = '1GB';

/**
 * Runs `write` with checkpoints deferred, then restores the default and, when `write` succeeded,
 * checkpoints once, so the next open does not replay a long WAL.
 */
export async function deferringCheckpoints<T>(store: Store, write: () => Promise<T>): Promise<T> {
  await store.run(`SET checkpoint_threshold = '${INGEST_CHECKPOINT_THRESHOLD}'`);
  let result: T;
  try {
    result = await write();
  } finally {
    await store.run('RESET checkpoint_threshold');
  }
  await store.run('CHECKPOINT');
  return result;
}
