/** Where items that could not be processed by the LLM end up (the lead's DuckDB sink writes a table). */
export interface FailureRecord {
  stage?: string;
  itemKey: string;
  reason: string;
}

export interface FailureSink {
  record(f: FailureRecord): Promise<void>;
}

export interface MemoryFailureSink extends FailureSink {
  readonly failures: FailureRecord[];
}

export function createMemoryFailureSink(): MemoryFailureSink {
  const failures: FailureRecord[] = [];
  return {
    failures,
    async record(f) {
      failures.push({ ...f });
    },
  };
}
