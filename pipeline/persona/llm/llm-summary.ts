/**
 * LLM first-person summary, the paper's final step: a 150–400 word narrative grounded in the
 * anchors, the life-story core and the attributes. A reply outside the word range or not in
 * the first person is unusable; the check sits in the schema, so the client re-asks once with
 * the reason before giving up, and the caller then keeps the offline narrative.
 */
import { z } from 'zod';
import type { LlmClient } from '../../llm/client.js';
import { NARRATIVE_WORDS } from '../narrative.js';
import type { Persona } from '../types.js';
import { type LifeStoryCore, renderAnchors, renderCore, renderProfile, wordCount } from './prompts.js';

/** Bump when the prompt or schema changes: part of the cache key. */
export const SUMMARY_PROMPT = 'persona-summary@1';

export interface SummaryOptions {
  /** Default 150 (the offline narrative's bounds). */
  minWords?: number;
  /** Default 400. */
  maxWords?: number;
  core?: LifeStoryCore;
}

export interface LlmSummary {
  summary: string;
  words: number;
  callId: string;
  cached: boolean;
}

const FIRST_PERSON = /\b(?:I|my|me|I'm|I've)\b/;

/** Paragraphs kept, other whitespace runs collapsed: the offline narrative has the same layout. */
const tidy = (s: string) => s.trim().split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');

export function summarySchema(minWords: number, maxWords: number) {
  return z.object({ summary: z.string() }).superRefine((v, ctx) => {
    const words = wordCount(v.summary);
    if (words < minWords || words > maxWords) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: `the summary has ${words} words; it must have between ${minWords} and ${maxWords}` });
    } else if (!FIRST_PERSON.test(v.summary)) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: 'the summary must be written in the first person ("I", "my")' });
    }
  });
}

const system = (minWords: number, maxWords: number) => [
  `Write a believable first-person profile ("I", "my") of ${minWords}–${maxWords} words for the person described, as a flowing narrative in a few paragraphs, not a list of facts.`,
  'Use a voice that fits the person\'s age, background and outlook rather than copying the wording of the data.',
  'Stay grounded in the data: do not invent new core facts, though small bridging details that make it vivid are fine. If a fact looks implausible, frame it believably (a memory, an aspiration, an unusual circumstance) rather than dropping it silently.',
  'Cover the fixed facts, the life story and the most telling attributes; you need not mention every attribute.',
  'Reply with JSON only: {"summary": "..."}.',
].join('\n');

function userPrompt(persona: Pick<Persona, 'anchors' | 'attributes'>, core: LifeStoryCore | undefined): string {
  const parts = ['Fixed facts:', renderAnchors(persona.anchors), ''];
  if (core) parts.push('Life story:', renderCore(core), '');
  parts.push('Attributes:', persona.attributes.length ? renderProfile(persona.attributes) : '(none)');
  return parts.join('\n');
}

/** undefined when the call fails or the reply stays outside the rules after one re-ask. */
export async function summarizeWithLlm(
  client: LlmClient,
  persona: Pick<Persona, 'personaId' | 'anchors' | 'attributes'>,
  opts: SummaryOptions = {},
): Promise<LlmSummary | undefined> {
  const minWords = opts.minWords ?? NARRATIVE_WORDS.min;
  const maxWords = opts.maxWords ?? NARRATIVE_WORDS.max;
  if (!(minWords > 0 && maxWords >= minWords)) throw new Error(`summarizeWithLlm: invalid word range ${minWords}–${maxWords}`);
  const res = await client.completeJson({
    messages: [
      { role: 'system', content: system(minWords, maxWords) },
      { role: 'user', content: userPrompt(persona, opts.core) },
    ],
    schema: summarySchema(minWords, maxWords),
    schemaName: 'persona_summary',
    promptVersion: SUMMARY_PROMPT,
    itemKey: `${persona.personaId}#summary`,
  });
  if (!res) return undefined;
  const summary = tidy(res.value.summary);
  const words = wordCount(summary);
  // The schema already checked this; kept so the contract holds whatever the schema becomes.
  if (words < minWords || words > maxWords) return undefined;
  return { summary, words, callId: res.callId, cached: res.cached };
}
