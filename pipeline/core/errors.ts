/** Expected failures the CLI reports without a stack trace; anything else is a bug (exit 1). */
export type PipelineErrorCode = 'USAGE' | 'INPUT' | 'CONFIG' | 'LOCKED' | 'STAGE_FAILED' | 'DISK_FULL';

export class PipelineError extends Error {
  constructor(
    public code: PipelineErrorCode,
    message: string,
    public hint?: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

export const EXIT_CODES = {
  OK: 0,
  BUG: 1,
  USAGE: 2,
  INPUT: 2,
  CONFIG: 2,
  LOCKED: 3,
  STAGE_FAILED: 4,
  /** No space left where the store or the outputs are written (see core/disk-full.ts). */
  DISK_FULL: 5,
} as const;
