/**
 * The single retry policy for every LLM request (the openai client's own retries are off).
 * Only transient failures are retried: 408/409/429/5xx, connection errors and timeouts.
 * Other 4xx mean the request itself is wrong, so repeating it only burns quota.
 */
import { randomInt } from 'node:crypto';
import pRetry from 'p-retry';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles each retry (with full jitter) up to maxDelayMs. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a server-requested Retry-After, so a hostile header cannot stall a run. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryOptions, 'retries'> = {
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export function isRetryableError(err: unknown): boolean {
  if (err instanceof APIUserAbortError) return false;
  // Covers APIConnectionTimeoutError (our per-call timeout) and network failures.
  if (err instanceof APIConnectionError) return true;
  if (err instanceof APIError) {
    const s = err.status;
    return s === 408 || s === 409 || s === 429 || (s !== undefined && s >= 500);
  }
  return false;
}

/** Server-requested wait in ms from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  if (!(err instanceof APIError) || !err.headers) return undefined;
  const ms = err.headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = err.headers.get('retry-after');
  if (ra === null || ra.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(retryIndex: number, o: Pick<RetryOptions, 'minDelayMs' | 'maxDelayMs'>): number {
  const cap = Math.min(o.maxDelayMs, o.minDelayMs * 2 ** retryIndex);
  // Jitter so callers that failed together do not retry together. Not from the pipeline's seeded
  // PRNG on purpose: retry timing never reaches an output, and it must differ between processes.
  return cap / 2 + (randomInt(0, 1_000_000) / 1_000_000) * (cap / 2);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` with the policy. p-retry does the bookkeeping with zero built-in delay; the wait is
 * computed here because it must be max(backoff, Retry-After), which p-retry cannot express.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
  onRetry: (err: unknown) => void,
): Promise<T> {
  return pRetry(fn, {
    retries: opts.retries,
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    shouldRetry: ({ error }) => isRetryableError(error),
    onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
      if (retriesLeft <= 0 || !isRetryableError(error)) return;
      onRetry(error);
      const requested = retryAfterMs(error);
      const wait = Math.max(
        backoffMs(retriesConsumed, opts),
        requested === undefined ? 0 : Math.min(requested, opts.maxRetryAfterMs),
      );
      await sleep(wait);
    },
  });
}
