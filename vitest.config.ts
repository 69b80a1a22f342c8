import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB work and child-process CLI tests are IO-bound; keep two workers on a 2-core box.
    maxWorkers: 2,
    // Sized from a measured budget, not a hope: the slowest test (a full pipeline run in a child
    // process) takes about 25 s alone on these 2 cores and up to 3-4x that with another CPU-heavy
    // process running (60 s timeouts hit under load); 300 s leaves a wide margin and still stops a hang.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
