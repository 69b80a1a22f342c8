import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const sql = async (db: string, query: string) => JSON.parse((await runCli(['--db', db, '--json', 'sql', query])).stdout);
const MENTIONS = 'SELECT mention_id, turn_id, attribute, value, root, polarity, span_start, span_end, quote, confidence FROM mentions ORDER BY mention_id';

describe('extract survives kill -9', () => {
  it('a killed extraction, rerun, gives the same mentions as an uninterrupted run', async () => {
    const dir = tempDir();
    // Small chunks: many commits, so the kill lands between some of them.
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ extract: { chunkSize: 100 } }));
    const clean = join(dir, 'clean.duckdb');
    const killed = join(dir, 'killed.duckdb');
    const cleanRun = await runCli(['--config', config, '--db', clean, 'run', '--until', 'extract']);
    expect(cleanRun.code, cleanRun.stderr).toBe(0);
    // The default ingest paths are the bundled corpora: the lexicons beside them are not listed as skipped.
    expect(cleanRun.stdout).toMatch(/ingest: \d+ files \(0 unchanged\), 8994 records read: 8994 stored, 0 rejected/);
    expect(cleanRun.stdout).not.toMatch(/skipped/);

    const run = startCli(['--config', config, '--db', killed, 'run', '--until', 'extract']);
    await new Promise<void>((resolve) => {
      run.child.stdout!.on('data', (d: Buffer) => {
        // The ingest summary: ingest is done, extraction running.
        if (/ingest: \d+ files/.test(d.toString())) setTimeout(resolve, 900); // mid-extraction
      });
    });
    run.child.kill('SIGKILL');
    expect((await run.done).code).toBeNull();
    const [partial] = await sql(killed, 'SELECT count(*) AS n FROM extracted_conversations');
    expect(partial.n).toBeLessThan(8994);

    const resumed = await runCli(['--config', config, '--db', killed, 'run', '--until', 'extract']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/ingest: up to date/);
    expect(await sql(killed, MENTIONS)).toEqual(await sql(clean, MENTIONS));
  });
});
