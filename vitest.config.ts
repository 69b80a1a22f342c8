import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, chosen by what a test file does rather than by a hand-kept list, so a new test
 * lands in the right one: `integration` holds the files that start the CLI in a child process,
 * run whole stages, drive a browser, start worker threads or fuzz at volume; `unit` holds the
 * rest (in-process and fast). `npm test` runs both; `npx vitest run --project unit` the fast part.
 */
const INTEGRATION_MARKERS = /\b(?:runCli|startCli|runStages|spawn\w*|exec\w*Sync|execFile\w*|fork|chromium|createHeuristicPool|fuzzText)\b/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const integration = testFiles('test').filter((f) => INTEGRATION_MARKERS.test(readFileSync(f, 'utf8')));

export default defineConfig({
  test: {
    // DuckDB work and child-process CLI tests are IO-bound; keep two workers on a 2-core box.
    maxWorkers: 2,
    // Sized from a measured budget, not a hope: the slowest test (a full pipeline run in a child
    // process) takes about 25 s alone on these 2 cores and up to 3-4x that with another CPU-heavy
    // process running (60 s timeouts hit under load); 300 s leaves a wide margin and still stops a hang.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: integration } },
      { extends: true, test: { name: 'integration', include: integration } },
    ],
  },
});
