/**
 * LLM extractor: one structured-output call per conversation window, asking for self-disclosures
 * with a verbatim quote. The quote is the evidence: a mention whose quote is not literally in a
 * user turn is dropped (and counted), so hallucinated or assistant-sourced attributes never
 * reach the taxonomy.
 */
import { z } from 'zod';
import type { Conversation, Extractor, Mention } from '../core/types.js';
import type { LlmClient } from '../llm/client.js';
import { mapToRoot } from './root-mapping.js';
import { groundQuote, renderWindow, windowTurns } from './llm-windows.js';

/** Bump when the prompt or schema changes: it is part of the extractor id and the cache key. */
export const PROMPT_VERSION = 'p1';

export const mentionsSchema = z.object({
  mentions: z.array(
    z.object({
      attribute: z.string(),
      value: z.string(),
      root: z.string(),
      quote: z.string(),
      polarity: z.enum(['positive', 'negative', 'neutral']),
      // No min/max here: strict structured outputs reject some numeric keywords; clamped below.
      confidence: z.number(),
    }),
  ),
});

export interface LlmExtractorOptions {
  client: LlmClient;
  roots: readonly string[];
  promptVersion?: string;
  /** Character budget per window of user + (shortened) assistant text. */
  windowChars?: number;
}

export function systemPrompt(roots: readonly string[]): string {
  return [
    'You extract personal attributes that the USER discloses about themself in a conversation with an AI assistant.',
    'Report only facts about the user (identity, health, personality, culture, relationships, work, education, interests, routines, values, skills, media habits), stated or clearly implied by the user.',
    'Never extract from ASSISTANT turns; they are context only. Ignore facts about other people unless they describe the user\'s relationship to them.',
    'For each attribute give:',
    '- attribute: a short, general, lower-case attribute name (e.g. "occupation", "dietary preference", "number of children")',
    '- value: the user\'s value for it, concise (e.g. "nurse", "vegetarian", "2")',
    `- root: exactly one of: ${roots.map((r) => JSON.stringify(r)).join(', ')}`,
    '- quote: a short span copied CHARACTER FOR CHARACTER from a single USER turn that shows the attribute (no paraphrase, no ellipsis, no added quotes)',
    '- polarity: "positive" if the user has/likes it, "negative" if the user lacks/dislikes/rejects it, else "neutral"',
    '- confidence: 0..1, how sure you are this is true of the user',
    'If nothing is disclosed, return {"mentions": []}. Answer with JSON only.',
  ].join('\n');
}

export function createLlmExtractor(opts: LlmExtractorOptions): Extractor {
  const { client, roots } = opts;
  const promptVersion = opts.promptVersion ?? PROMPT_VERSION;
  const windowChars = opts.windowChars ?? 12_000;
  const system = systemPrompt(roots);
  const id = `llm:${client.model ?? 'unknown'}@${promptVersion}`;

  return {
    id,
    async extract(conversation: Conversation) {
      const windows = windowTurns(conversation, windowChars);
      const results = await Promise.all(
        windows.map((w) =>
          client.completeJson({
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: `Conversation:\n\n${renderWindow(w)}` },
            ],
            schema: mentionsSchema,
            schemaName: 'mentions',
            promptVersion,
            itemKey: windows.length > 1 ? `${conversation.conversationId}#w${w.index}` : conversation.conversationId,
          }),
        ),
      );

      const mentions: Mention[] = [];
      const seen = new Set<string>();
      let ungrounded = 0;
      let failed = 0;
      for (const [i, res] of results.entries()) {
        if (!res) {
          failed++; // already recorded by the client; the stage retries the conversation next run
          continue;
        }
        for (const m of res.value.mentions) {
          const quote = m.quote.trim();
          const hit = groundQuote(quote, windows[i]!.turns, conversation);
          if (!hit) {
            ungrounded++;
            continue;
          }
          const attribute = m.attribute.trim().toLowerCase();
          const value = m.value.trim();
          if (!attribute || !value) continue;
          const mention: Mention = {
            turnId: hit.turn.turnId,
            conversationId: conversation.conversationId,
            attribute,
            value,
            root: mapToRoot(m.root, roots),
            polarity: m.polarity,
            spanStart: hit.start,
            spanEnd: hit.end,
            quote,
            confidence: Math.min(1, Math.max(0, Number.isFinite(m.confidence) ? m.confidence : 0)),
            extractorId: id,
            llmCallId: res.callId,
          };
          const k = `${mention.turnId}|${attribute}|${value}|${mention.spanStart}`;
          if (seen.has(k)) continue;
          seen.add(k);
          mentions.push(mention);
        }
      }
      return { mentions, ungrounded, failed };
    },
  };
}
