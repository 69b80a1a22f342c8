import { z } from 'zod';
import { mapToRoot } from '../extractors/root-mapping.js';
import type { LlmClient } from '../llm/client.js';
import type { PhraseInput } from './types.js';

export const ROOT_JUDGE_PROMPT_VERSION = 'r1';
const BATCH = 50;
const schema = z.object({ roots: z.array(z.object({ phrase: z.string(), root: z.string() })) });

/**
 * The optional LLM judge for phrases no extractor placed: batches of phrases, each answered with
 * one of the configured roots (mapped onto the list, never a new root). Returns the number placed.
 */
export async function judgeRoots(phrases: readonly PhraseInput[], rootOf: Int32Array, roots: readonly string[], client: LlmClient): Promise<number> {
  const open = phrases.map((p, i) => ({ p, i })).filter(({ p }) => p.rootHint === undefined || !roots.includes(p.rootHint));
  let placed = 0;
  for (let at = 0; at < open.length; at += BATCH) {
    const batch = open.slice(at, at + BATCH);
    const res = await client.completeJson({
      messages: [
        { role: 'system', content: `Assign each personal-attribute phrase to exactly one category from this list: ${roots.map((r) => JSON.stringify(r)).join(', ')}. Answer JSON {"roots": [{"phrase": ..., "root": ...}]}, one entry per phrase, in order.` },
        { role: 'user', content: batch.map(({ p }) => p.text).join('\n') },
      ],
      schema, schemaName: 'phrase_roots', promptVersion: ROOT_JUDGE_PROMPT_VERSION, itemKey: `roots:${batch[0]!.p.id}`,
    });
    if (!res) continue;
    const answer = new Map(res.value.roots.map((r) => [r.phrase.trim().toLowerCase(), r.root]));
    for (const { p, i } of batch) {
      const root = answer.get(p.text.toLowerCase());
      if (root === undefined) continue;
      rootOf[i] = roots.indexOf(mapToRoot(root, roots));
      placed++;
    }
  }
  return placed;
}
