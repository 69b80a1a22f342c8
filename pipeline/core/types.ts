/**
 * Domain types shared by stages and components. Row shapes mirror the store's tables
 * (see pipeline/store/migrations.ts); offsets are JS string (UTF-16 code unit) offsets.
 */

export type Role = 'user' | 'assistant' | 'system';

export interface Turn {
  turnId: string;
  conversationId: string;
  turnIndex: number;
  role: Role;
  text: string;
}

export interface Conversation {
  conversationId: string;
  sourceId: string;
  externalId: string;
  meta: Record<string, unknown>;
  turns: Turn[];
}

export type Polarity = 'positive' | 'negative' | 'neutral';

/** One self-disclosure found in a user turn: `quote === turn.text.slice(spanStart, spanEnd)`. */
export interface Mention {
  turnId: string;
  conversationId: string;
  attribute: string;
  value: string;
  root: string;
  polarity: Polarity;
  spanStart: number;
  spanEnd: number;
  quote: string;
  confidence: number;
  extractorId: string;
  llmCallId: string | null;
}

/** The paper's 12 top-level categories, the default `roots` setting. */
export const DEFAULT_ROOTS = [
  'Demographic Information',
  'Physical and Health Characteristics',
  'Psychological and Cognitive Aspects',
  'Cultural and Social Context',
  'Relationships and Social Networks',
  'Career and Work Identity',
  'Education and Learning',
  'Hobbies, Interests, and Lifestyle',
  'Lifestyle and Daily Routine',
  'Core Values, Beliefs, and Philosophy',
  'Emotional and Relational Skills',
  'Media Consumption and Engagement',
] as const;

/** A paper-faithful `Root.attribute.sub_attribute` slot, kept with the turns it came from. */
export interface Slot {
  conversationId: string;
  turnIds: string[];
  classification: 'Non-Personalizable' | 'Partially Personalizable' | 'Personalizable';
  reason: string;
  path: string;
  llmCallId: string | null;
}

export interface ExtractResult {
  mentions: Mention[];
  /** LLM mentions dropped because their quote is not verbatim in a user turn. */
  ungrounded: number;
  /** Calls that failed for good (already recorded as failures): the conversation is retried next run. */
  failed?: number;
  slots?: Slot[];
}

/** Reads one conversation (assistant turns as context only) and returns grounded mentions. */
export interface Extractor {
  readonly id: string;
  extract(conversation: Conversation): Promise<ExtractResult>;
}

/** Cosine thresholds belong to an embedding space, so each embedder carries its own. */
export interface EmbedderThresholds {
  /** Above this, two phrases are near-duplicates (never both chosen for one persona). */
  duplicate: number;
  /** At or above this, a node of ours "covers" a reference leaf (taxonomy compare). */
  match: number;
  /** At or above this, incremental refresh assigns a new phrase to an existing node. */
  assign: number;
}

/** Text → unit vectors. `id` names everything that changes the vectors (model, dimensions, version). */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly thresholds: EmbedderThresholds;
  embed(texts: string[]): Promise<Float32Array[]>;
}
