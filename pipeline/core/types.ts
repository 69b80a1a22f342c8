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
