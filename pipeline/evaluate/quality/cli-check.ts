import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Store } from '../../store/store.js';
import { readDeepPersonaProfiles } from '../readers/deeppersona-profiles.js';
import { mineCardinality, singleValuedNodes } from './mined-cardinality.js';
import type { PersonaSet, QualityMetric } from './persona-set.js';
import { readPersonaJsonl, type CorpusKinds } from './persona-jsonl.js';
import { qualityMetrics } from './quality-metrics.js';
import { loadCorpusKinds, loadLeafMentions } from './store-evidence.js';

/**
 * Prints the quality metrics of one persona file, until `evaluate` calls qualityMetrics itself:
 *   npx tsx pipeline/evaluate/quality/cli-check.ts FILE [--db STORE] [--json] [--examples]
 * FILE is a personas JSONL (ours, or neutral lines) or the DeepPersona authors' profile JSON.
 * --db STORE (opened read-only) adds the source kind of corpus values and mined cardinality.
 */

function readSet(file: string, kinds?: CorpusKinds): PersonaSet {
  const text = readFileSync(file, 'utf8');
  const name = basename(file);
  if (/\.json$/i.test(file)) return readDeepPersonaProfiles(JSON.parse(text), name);
  return readPersonaJsonl(text, name, kinds);
}

const fmt = (m: QualityMetric) => (!m.applicable ? `n/a (${m.note})` : Number.isInteger(m.value) ? String(m.value) : m.value!.toFixed(4));

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--db');
  const dbAt = argv.indexOf('--db');
  const db = dbAt >= 0 ? argv[dbAt + 1] : undefined;
  if (!file || !existsSync(file) || (dbAt >= 0 && (!db || !existsSync(db)))) {
    process.stderr.write('usage: npx tsx pipeline/evaluate/quality/cli-check.ts FILE [--db STORE] [--json] [--examples]\n');
    process.exit(2);
  }
  let kinds: CorpusKinds | undefined;
  let mined: Set<string> | undefined;
  let minedNote = '';
  if (db) {
    const store = await Store.open(db, { readOnly: true });
    try {
      kinds = await loadCorpusKinds(store);
      const card = mineCardinality(await loadLeafMentions(store));
      mined = singleValuedNodes(card);
      minedNote = `mined cardinality: ${card.filter((c) => c.repeatSpeakers >= 5).length} leaves with ≥5 repeat speakers, ${mined.size} single-valued`;
    } finally {
      store.close();
    }
  }
  const metrics = qualityMetrics(readSet(file, kinds), { ...(mined ? { singleValuedNodes: mined } : {}) });
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return;
  }
  if (minedNote) process.stdout.write(`${minedNote}\n`);
  for (const m of metrics) {
    process.stdout.write(`${m.metric.padEnd(52)} ${fmt(m)}\n`);
    if (argv.includes('--examples')) for (const e of m.examples ?? []) process.stdout.write(`    ${e}\n`);
  }
}

await main(process.argv.slice(2));
