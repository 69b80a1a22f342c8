import { PipelineError } from '../core/errors.js';
import type { Extractor } from '../core/types.js';
import type { Config } from '../config/schema.js';
import { availableParallelism } from 'node:os';
import { createHeuristicExtractor, HEURISTIC_EXTRACTOR_ID } from '../extractors/heuristic/index.js';
import { createHeuristicPool } from '../extractors/heuristic/workers/heuristic-pool.js';
import { createLlmExtractor, PROMPT_VERSION } from '../extractors/llm-extractor.js';
import { createSlotExtractor, SLOT_PROMPT_VERSION } from '../extractors/slot-extractor.js';
import { resolveLlmSettings } from '../llm/config.js';
import type { LlmClient } from '../llm/client.js';

export const EXTRACTORS = ['heuristic', 'llm', 'slot'] as const;

export const needsLlm = (config: Config): boolean => config.extract.extractor !== 'heuristic';

/** The id the configured extractor will have, known without building it (for stage keys). */
export function extractorIdFor(config: Config): string {
  const { extractor } = config.extract;
  if (extractor === 'heuristic') return HEURISTIC_EXTRACTOR_ID;
  const model = resolveLlmSettings(config.llm).model ?? 'unknown';
  return extractor === 'llm' ? `llm:${model}@${PROMPT_VERSION}` : `slot:${model}@${SLOT_PROMPT_VERSION}`;
}

/**
 * Threads the offline extractor uses for `pendingTurns` user turns: `extract.threads`, or with 0
 * one per core (at most 4) for a large backlog and none for a small one.
 */
export function extractThreads(config: Config, pendingTurns: number): number {
  const { threads, parallelFrom } = config.extract;
  if (threads > 0) return threads;
  return pendingTurns >= parallelFrom ? Math.min(4, availableParallelism()) : 1;
}

/** Turns `extract.extractor` into an instance; the LLM kinds need a client. Close it when done. */
export function resolveExtractor(config: Config, client?: LlmClient, threads = 1): Extractor & { parallelism?: number; close?: () => Promise<void> } {
  const roots = config.roots;
  switch (config.extract.extractor) {
    case 'heuristic':
      return threads > 1 ? createHeuristicPool({ roots, threads }) : createHeuristicExtractor({ roots });
    case 'llm':
    case 'slot': {
      if (!client) throw new PipelineError('CONFIG', `extractor "${config.extract.extractor}" needs an LLM`, 'configure llm.baseURL and llm.model');
      return config.extract.extractor === 'llm'
        ? createLlmExtractor({ client, roots, windowChars: config.extract.windowChars })
        : createSlotExtractor({ client, roots });
    }
    default:
      throw new PipelineError('CONFIG', `unknown extractor "${String(config.extract.extractor)}"`, `choose one of: ${EXTRACTORS.join(', ')}`);
  }
}
