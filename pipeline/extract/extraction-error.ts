/**
 * An extractor's exception is one conversation's failure, never the run's: the stage records it in
 * `failures`, leaves the conversation pending for the next run and goes on with the others.
 * Extractors that work turn by turn name the turn by wrapping it in `withTurn`.
 */
import { PipelineError } from '../core/errors.js';
import type { Conversation, Extractor, ExtractResult } from '../core/types.js';

/** An exception thrown while extracting one turn, with the turn it came from. */
export class TurnExtractionError extends Error {
  constructor(
    readonly conversationId: string,
    readonly turnId: string,
    readonly causeMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`turn ${turnId} of conversation ${conversationId}: ${causeMessage}`, options);
    this.name = 'TurnExtractionError';
  }
}

/** "TypeError: Cannot read …" (a plain Error's name adds nothing), for the failures table. */
const messageOf = (error: unknown): string =>
  error instanceof Error ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : String(error);

/** Where the original exception was thrown ("spanWords (…/span-text.ts:42:12)"), to find the bug. */
function whereOf(error: unknown): string | undefined {
  const origin = error instanceof TurnExtractionError ? error.cause : error;
  const frame = origin instanceof Error ? origin.stack?.split('\n').find((l) => /^\s+at /.test(l)) : undefined;
  return frame?.trim().replace(/^at /, '');
}

function rethrowForTurn(turn: { conversationId: string; turnId: string }, error: unknown): never {
  if (error instanceof TurnExtractionError) throw error;
  throw new TurnExtractionError(turn.conversationId, turn.turnId, messageOf(error), { cause: error });
}

/** Runs one turn's work (sync or async); an exception comes back as a TurnExtractionError naming the turn. */
export function withTurn<T>(turn: { conversationId: string; turnId: string }, work: () => T): T {
  try {
    const out = work();
    if (out instanceof Promise) return out.catch((error: unknown) => rethrowForTurn(turn, error)) as T;
    return out;
  } catch (error) {
    return rethrowForTurn(turn, error);
  }
}

/** One conversation the extractor threw on, as recorded in `failures`. */
export interface ExtractionFailure {
  conversationId: string;
  turnId?: string;
  message: string;
  /** The top stack frame of the original exception, when there is one. */
  at?: string;
  /** `failures.item_key`: the conversation id, or `conversationId/turnId` when the turn is known (ids never contain "/"). */
  itemKey: string;
}

export const isExtractionFailure = (r: ExtractResult | ExtractionFailure): r is ExtractionFailure => 'itemKey' in r;

/** `failures.reason`: who threw what, and where. */
export const failureReason = (extractorId: string, f: ExtractionFailure): string => `${extractorId} threw ${f.message}${f.at ? ` (at ${f.at})` : ''}`;

/** Extracts one conversation; an exception becomes an ExtractionFailure instead of ending the run. */
export async function extractOrFailure(extractor: Extractor, conversation: Conversation): Promise<ExtractResult | ExtractionFailure> {
  const { conversationId } = conversation;
  try {
    return await extractor.extract(conversation);
  } catch (error) {
    const at = whereOf(error);
    if (error instanceof TurnExtractionError) {
      return { conversationId, turnId: error.turnId, message: error.causeMessage, ...(at ? { at } : {}), itemKey: `${conversationId}/${error.turnId}` };
    }
    return { conversationId, message: messageOf(error), ...(at ? { at } : {}), itemKey: conversationId };
  }
}

/**
 * Throws STAGE_FAILED when more than `maxFailureRate` of the conversations attempted in this run
 * threw (`extract.maxFailureRate`; LLM call failures have their own `llm.maxFailureRate`).
 */
export function checkExtractFailureRate(counts: { conversations: number; failedConversations: number; erroredConversations: number }, maxFailureRate: number): void {
  const attempted = counts.conversations + counts.failedConversations + counts.erroredConversations;
  if (attempted === 0 || counts.erroredConversations / attempted <= maxFailureRate) return;
  throw new PipelineError(
    'STAGE_FAILED',
    `extract: the extractor threw on ${counts.erroredConversations} of ${attempted} conversations, above extract.maxFailureRate ${maxFailureRate}`,
    `see the failures table (deeppersona sql "select * from failures where stage = 'extract'"); the other conversations are stored and a rerun retries only the failed ones`,
  );
}
