/**
 * LLM consistency check: the model reads the anchors and every attribute (numbered) and names
 * the attributes that contradict the anchors or each other. It complements the offline rules
 * (age bounds, lexicon), which only catch contradictions someone wrote down in advance.
 *
 * The answer is only a list of indices to resample: the caller resamples those values (as the
 * offline repair does) and may ask again. Indices the persona does not have are ignored, since a
 * model can miscount on a long list; nothing here ever edits the persona.
 */
import { z } from 'zod';
import type { LlmClient } from '../../llm/client.js';
import type { Persona } from '../types.js';
import { type LifeStoryCore, oneLine, renderAnchors, renderCore, renderPath } from './prompts.js';

/** Bump when the prompt or schema changes: part of the cache key. */
export const CONSISTENCY_PROMPT = 'persona-consistency@1';

export interface LlmViolation {
  /** Index into the persona's attributes as given. */
  attributeIndex: number;
  reason: string;
}

export interface LlmConsistencyResult {
  /** At most one per attribute (the first reason given), ascending by index. */
  violations: LlmViolation[];
  callId: string;
  cached: boolean;
}

/** Plain number, not integer bounds: strict structured outputs reject some numeric keywords. */
export const consistencySchema = z.object({
  contradictions: z.array(z.object({ attributeIndex: z.number(), reason: z.string() })),
});

const SYSTEM = [
  'You check one synthetic person\'s profile for contradictions.',
  'Report only clear contradictions: two attributes that cannot both be true of one person, or an attribute impossible given the fixed facts (age, sex, place, occupation). Unusual, surprising or merely unlikely combinations are not contradictions.',
  'For each contradiction give the index of the attribute to change (of two conflicting attributes, the less central one) and a short reason naming what it conflicts with. The fixed facts are true and never reported.',
  'Reply with JSON only: {"contradictions": [{"attributeIndex": 12, "reason": "..."}]}, or {"contradictions": []} when there are none.',
].join('\n');

export interface ConsistencyInput extends Pick<Persona, 'personaId' | 'anchors' | 'attributes'> {
  /** The life-story core, when there is one: stories can contradict attributes too. */
  core?: LifeStoryCore;
}

function userPrompt(p: ConsistencyInput): string {
  const parts = ['Fixed facts:', renderAnchors(p.anchors), ''];
  if (p.core) parts.push('Life story:', renderCore(p.core), '');
  parts.push('Attributes:');
  p.attributes.forEach((a, i) => parts.push(`[${i}] ${renderPath(a.path, a.root)}: ${oneLine(a.value)}`));
  return parts.join('\n');
}

/** undefined when the call fails or the answer is unusable: the caller keeps the offline verdict. */
export async function checkConsistencyWithLlm(client: LlmClient, persona: ConsistencyInput): Promise<LlmConsistencyResult | undefined> {
  if (persona.attributes.length === 0) return undefined; // nothing to check, and no call worth paying for
  const res = await client.completeJson({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: userPrompt(persona) },
    ],
    schema: consistencySchema,
    schemaName: 'persona_contradictions',
    promptVersion: CONSISTENCY_PROMPT,
    itemKey: `${persona.personaId}#consistency`,
  });
  if (!res) return undefined;
  const n = persona.attributes.length;
  const seen = new Map<number, string>();
  for (const c of res.value.contradictions) {
    const i = c.attributeIndex;
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) continue;
    seen.set(i, oneLine(c.reason) || 'reported as contradictory');
  }
  const violations = [...seen].sort(([a], [b]) => a - b).map(([attributeIndex, reason]) => ({ attributeIndex, reason }));
  return { violations, callId: res.callId, cached: res.cached };
}
