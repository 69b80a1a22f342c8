/**
 * Where a stage remembers the batch it submitted, so a restarted process polls that batch
 * instead of paying for a second one. The lead's DuckDB store implements the same interface.
 */
export interface BatchState {
  batchId: string;
  requestKeys: string[];
}

export interface BatchStateStore {
  getPending(stageKey: string): Promise<BatchState | undefined>;
  setPending(stageKey: string, state: BatchState): Promise<void>;
  clearPending(stageKey: string): Promise<void>;
}

export interface MemoryBatchStateStore extends BatchStateStore {
  readonly states: Map<string, BatchState>;
}

export function createMemoryBatchStateStore(): MemoryBatchStateStore {
  const states = new Map<string, BatchState>();
  return {
    states,
    async getPending(stageKey) {
      const s = states.get(stageKey);
      return s && { batchId: s.batchId, requestKeys: [...s.requestKeys] };
    },
    async setPending(stageKey, state) {
      states.set(stageKey, { batchId: state.batchId, requestKeys: [...state.requestKeys] });
    },
    async clearPending(stageKey) {
      states.delete(stageKey);
    },
  };
}
