import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAnchors } from './anchors.bench.js';
import { benchCasual } from './casual.bench.js';
import { benchCluster } from './cluster.bench.js';
import { benchExtractLlm, benchExtractOffline } from './extract.bench.js';
import { benchEmbed } from './embed.bench.js';
import { benchFuzz } from './fuzz.bench.js';
import { benchIngest } from './ingest.bench.js';
import { benchPeer } from './peer.bench.js';
import { benchPersonas } from './personas.bench.js';
import { benchReference } from './reference.bench.js';
import { benchScale } from './scale.bench.js';
import { benchSelect } from './select.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchTaxonomy } from './taxonomy.bench.js';

// `npm run bench [name...]`: prints throughput, memory and quality numbers; nothing is asserted.
// `named` tells a bench it was asked for by name (personas runs its long memory part only then).
const benches: Record<string, (work: string, dataDir: string, opts: { named: boolean }) => unknown> = {
  ingest: benchIngest,
  extract: benchExtractOffline,
  'extract-llm': benchExtractLlm,
  embed: benchEmbed,
  cluster: benchCluster,
  taxonomy: benchTaxonomy,
  peer: benchPeer,
  reference: benchReference,
  anchors: benchAnchors,
  select: benchSelect,
  personas: benchPersonas,
  casual: benchCasual,
  fuzz: benchFuzz,
  scale: benchScale,
  startup: benchStartup,
};
const named = process.argv.slice(2);
const chosen = named.length ? named : Object.keys(benches);
const dataDir = fileURLToPath(new URL('../../data', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dp-bench-'));
try {
  for (const name of chosen) {
    const bench = benches[name];
    if (!bench) throw new Error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(', ')}`);
    await bench(work, dataDir, { named: named.includes(name) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
