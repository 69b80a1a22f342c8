import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchIngest } from './ingest.bench.js';

// `npm run bench`: prints throughput and peak memory; nothing here is asserted.
const dataDir = fileURLToPath(new URL('../../data', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dp-bench-'));
try {
  await benchIngest(work, dataDir);
} finally {
  rmSync(work, { recursive: true, force: true });
}
