/**
 * One share of the fuzz bench: seeded batches of generated turns through `extractFromText`.
 * Batch b is always the same inputs (seed + b), whichever thread runs it, so a failure found here
 * reproduces with `fc.sample(benchText, { seed: seed + b, numRuns: BATCH })`.
 */
import { parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import { extractFromText } from '../../pipeline/extractors/heuristic/index.js';
import { benchText, spanViolations } from '../helpers/fuzz-text.js';

export const FUZZ_BATCH = 1000;
export const FUZZ_SEED = 7_000_001;

export interface FuzzShare {
  /** Batches b with b % threads === index. */
  index: number;
  threads: number;
  batches: number;
}

export interface FuzzFailure {
  batch: number;
  input: string;
  problem: string;
}

export interface FuzzResult {
  inputs: number;
  chars: number;
  mentions: number;
  exceptions: number;
  violations: number;
  failures: FuzzFailure[];
}

const KEEP_FAILURES = 5;

export function runFuzzShare(share: FuzzShare): FuzzResult {
  const r: FuzzResult = { inputs: 0, chars: 0, mentions: 0, exceptions: 0, violations: 0, failures: [] };
  const keep = (f: FuzzFailure) => r.failures.length < KEEP_FAILURES && r.failures.push(f);
  for (let b = share.index; b < share.batches; b += share.threads) {
    for (const input of fc.sample(benchText, { seed: FUZZ_SEED + b, numRuns: FUZZ_BATCH })) {
      r.inputs += 1;
      r.chars += input.length;
      try {
        const mentions = extractFromText(input);
        r.mentions += mentions.length;
        const bad = spanViolations(input, mentions);
        if (bad.length > 0) {
          r.violations += bad.length;
          keep({ batch: b, input, problem: bad.join('; ') });
        }
      } catch (error) {
        r.exceptions += 1;
        keep({ batch: b, input, problem: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error) });
      }
    }
  }
  return r;
}

parentPort?.on('message', (share: FuzzShare) => {
  parentPort?.postMessage(runFuzzShare(share));
});
