import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../pipeline/store/store.js';
import { runCli, startCli } from './helpers/cli.js';
import { tempDir } from './helpers/temp-dir.js';

const sql = async (db: string, query: string) => JSON.parse((await runCli(['--db', db, '--json', 'sql', query])).stdout);

/** A corpus big enough that ingesting it takes a few seconds, so a second process can meet the lock. */
function bigCorpus(dir: string, records = 150_000): string {
  const file = join(dir, 'big.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    lines.push(JSON.stringify({ id: i, messages: [{ role: 'user', content: `i have ${i % 7} dogs, message ${i}` }, { role: 'assistant', content: 'ok' }] }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// A condition wait returns as soon as it holds; the budget is the global test timeout's order, so a
// loaded machine (CLI start-up took over 20 s at load average 17) slows it without failing it.
async function waitFor(check: () => boolean, ms = 240_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('deeppersona CLI', () => {
  it('run ingests all bundled data; a second run reports nothing new and changes no row', async () => {
    const db = join(tempDir(), 'store.duckdb');
    const first = await runCli(['--db', db, 'run', '--until', 'ingest']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/ingest: 41 files .* 8994 records read: 8994 stored, 0 rejected/);
    const [turns] = await sql(db, `SELECT count(*) FILTER (WHERE s.adapter = 'puffin') AS puffin, count(*) FILTER (WHERE s.adapter = 'prefeval') AS prefeval
      FROM turns t JOIN conversations c USING (conversation_id) JOIN sources s USING (source_id)`);
    expect(turns).toEqual({ puffin: 6994, prefeval: 5310 * 2 + 1000 * 4 });
    const before = await sql(db, 'SELECT turn_id, text_sha256 FROM turns ORDER BY turn_id');
    const second = await runCli(['--db', db, 'run', '--until', 'ingest']);
    expect(second.stdout).toMatch(/ingest: up to date/);
    const again = await runCli(['--db', db, 'ingest', 'data']);
    expect(again.stdout).toMatch(/nothing new; 0 turns added/);
    expect(await sql(db, 'SELECT turn_id, text_sha256 FROM turns ORDER BY turn_id')).toEqual(before);
    const status = JSON.parse((await runCli(['--db', db, '--json', 'status'])).stdout);
    expect(status.tables.turns).toBe(21614);
    expect(status.stages[0]).toMatchObject({ stage: 'ingest', status: 'done' });
    expect(status.lastRun.command).toBe('ingest');
  });

  it('prints one-line errors with hints and documented exit codes', async () => {
    const dir = tempDir();
    const missing = await runCli(['--db', join(dir, 's.duckdb'), 'ingest', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\.jsonl: no such file or directory \(hint: /);
    writeFileSync(join(dir, 'notes.jsonl'), '{"hello": "world"}\n');
    const unknown = await runCli(['--db', join(dir, 's.duckdb'), 'ingest', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/nothing ingestible/);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ingest: { maxTurnByte: 5 } }));
    const config = await runCli(['--config', join(dir, 'c.json'), '--db', join(dir, 's.duckdb'), 'status']);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/unknown key "ingest.maxTurnByte"/);
    const badFlag = await runCli(['run', '--until', 'nonsense']);
    expect(badFlag.code).toBe(2);
    const noStore = await runCli(['--db', join(dir, 'absent.duckdb'), 'status']);
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toMatch(/no store at/);
  });

  it('sql is read-only', async () => {
    const db = join(tempDir(), 's.duckdb');
    (await Store.open(db)).close();
    const write = await runCli(['--db', db, 'sql', 'DELETE FROM turns']);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/read-only/);
  });

  it('a second process on the same store exits 3 at once; a killed run does not block the next', async () => {
    const dir = tempDir();
    const db = join(dir, 's.duckdb');
    const corpus = bigCorpus(dir);
    const first = startCli(['--db', db, 'ingest', corpus]);
    await waitFor(() => existsSync(db));
    const second = await runCli(['--db', db, 'run']);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/is in use by another deeppersona process \(PID \d+\)/);
    // Kill the first run mid-ingest (after at least one commit landed), then run again.
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBeNull(); // it was still running: killed, not finished
    const status = await runCli(['--db', db, 'status']);
    expect(status.stdout).toMatch(/^last run: \S+ \(ingest, killed while running\)$/m);
    const statusJson = JSON.parse((await runCli(['--db', db, '--json', 'status'])).stdout) as { lastRun: { status: string } };
    expect(statusJson.lastRun.status).toBe('killed');
    const next = await runCli(['--db', db, 'ingest', corpus]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/150000 records read: 150000 stored, 0 rejected/);
    const [counts] = await sql(db, 'SELECT (SELECT count(*) FROM conversations) AS c, (SELECT count(*) FROM turns) AS t');
    expect(counts).toEqual({ c: 150000, t: 300000 });
    const [abandoned] = await sql(db, "SELECT count(*) AS n FROM stage_runs WHERE status = 'abandoned'");
    expect(abandoned.n).toBe(1);
  });
});
