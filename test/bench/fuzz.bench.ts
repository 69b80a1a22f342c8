import { Worker } from 'node:worker_threads';
import { FUZZ_BATCH, FUZZ_SEED, runFuzzShare, type FuzzResult, type FuzzShare } from './fuzz-worker.js';
import { perSecond } from './measure.js';

const ENTRY = new URL('./fuzz-entry.mjs', import.meta.url);

function inWorker(share: FuzzShare): Promise<FuzzResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ENTRY);
    worker.once('message', (result: FuzzResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(share);
  });
}

/**
 * Fuzzes the offline extractor with at least a million seeded generated turns (the property
 * test's generators, plus one 10k+ character turn in a thousand) and prints inputs/s, exceptions
 * (must be 0), span violations (must be 0) and the first failing inputs. Deterministic: the same
 * inputs on every run and at any thread count. FUZZ_INPUTS / FUZZ_THREADS override the defaults.
 */
export async function benchFuzz(_work: string, _dataDir: string, opts: { named: boolean; inputs?: number; threads?: number } = { named: false }): Promise<FuzzResult> {
  const inputs = opts.inputs ?? Number(process.env.FUZZ_INPUTS ?? 1_000_000);
  const threads = Math.max(1, opts.threads ?? Number(process.env.FUZZ_THREADS ?? 2));
  const batches = Math.ceil(inputs / FUZZ_BATCH);
  const started = performance.now();
  const shares = Array.from({ length: threads }, (_, index) => ({ index, threads, batches }));
  const parts = threads === 1 ? [runFuzzShare(shares[0]!)] : await Promise.all(shares.map(inWorker));
  const ms = performance.now() - started;
  const total: FuzzResult = { inputs: 0, chars: 0, mentions: 0, exceptions: 0, violations: 0, failures: [] };
  for (const p of parts) {
    total.inputs += p.inputs;
    total.chars += p.chars;
    total.mentions += p.mentions;
    total.exceptions += p.exceptions;
    total.violations += p.violations;
    total.failures.push(...p.failures);
  }
  total.failures.sort((a, b) => a.batch - b.batch);
  console.log(
    `fuzz heuristic extractor: ${total.inputs.toLocaleString('en')} inputs (${(total.chars / 1e6).toFixed(1)} M chars, seed ${FUZZ_SEED}), ` +
      `${total.exceptions} exceptions, ${total.violations} span violations, ${total.mentions.toLocaleString('en')} mentions; ` +
      `${(ms / 1000).toFixed(1)} s = ${perSecond(total.inputs, ms).toLocaleString('en')} inputs/s on ${threads} thread${threads > 1 ? 's' : ''}`,
  );
  for (const f of total.failures.slice(0, 5)) {
    const input = JSON.stringify(f.input);
    console.log(`  batch ${f.batch}: ${input.length > 300 ? `${input.slice(0, 300)}…" (${f.input.length} chars)` : input}\n    ${f.problem}`);
  }
  return total;
}
