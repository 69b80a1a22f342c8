/** Run counters for the manifest. `calls` counts every HTTP request sent, including retries and re-asks. */
export interface LlmStats {
  calls: number;
  cacheHits: number;
  retries: number;
  /** Items given up on (recorded in the failure sink). */
  failures: number;
  /** completeJson invocations, the denominator for the failure rate. */
  items: number;
  promptTokens: number;
  completionTokens: number;
  /** Present only when llm.prices is configured. */
  costUsd?: number;
}

export interface StatsCounter {
  readonly c: Omit<LlmStats, 'costUsd'>;
  addUsage(u: { promptTokens: number; completionTokens: number } | null): void;
  snapshot(): LlmStats;
}

export function createStatsCounter(prices?: { inputPerMTok: number; outputPerMTok: number }): StatsCounter {
  const c = { calls: 0, cacheHits: 0, retries: 0, failures: 0, items: 0, promptTokens: 0, completionTokens: 0 };
  return {
    c,
    addUsage(u) {
      if (!u) return;
      c.promptTokens += u.promptTokens;
      c.completionTokens += u.completionTokens;
    },
    snapshot() {
      const s: LlmStats = { ...c };
      if (prices) {
        s.costUsd = (c.promptTokens * prices.inputPerMTok + c.completionTokens * prices.outputPerMTok) / 1e6;
      }
      return s;
    },
  };
}

/** True when the stage should abort: more than `maxFailureRate` of its items failed. */
export function exceedsFailureRate(stats: LlmStats, maxFailureRate: number): boolean {
  return stats.items > 0 && stats.failures / stats.items > maxFailureRate;
}
