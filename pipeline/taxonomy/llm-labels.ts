import { z } from 'zod';
import type { Matrix } from '../cluster/types.js';
import type { LlmClient } from '../llm/client.js';
import { isCleanLabel, titleCase } from './labels.js';
import { phrasesOf } from './support.js';
import type { PhraseInput, TaxNode } from './types.js';
import { dot, row } from './vectors.js';

export const LABEL_PROMPT_VERSION = 'l1';
const SAMPLES = 3;
const schema = z.object({ label: z.string() });

const SYSTEM = [
  'You name groups in a taxonomy of personal attributes (what people disclose about themselves).',
  'Given phrases INSIDE a group and phrases from NEARBY groups, reply with a short, generic name (1-4 words, singular, Title Case) that fits the inside phrases and not the nearby ones.',
  'Never include a person, place or brand name, a number, or punctuation other than spaces. Answer JSON: {"label": "..."}',
].join('\n');

/**
 * Clio-style LLM labels: for each node, its most central member phrases against the nearest
 * phrases of its siblings, asked three times (each sample a distinct, cached request) with the
 * majority answer winning. A clean, sibling-unique answer replaces the offline label; anything
 * else keeps it, so the tree's rules hold whatever the model says.
 */
export async function relabelWithLlm(roots: TaxNode[], phrases: readonly PhraseInput[], vectors: Matrix, client: LlmClient): Promise<number> {
  let changed = 0;
  const visit = async (node: TaxNode): Promise<void> => {
    const proposals = await Promise.all(node.children.map((child) => propose(child, node.children, phrases, vectors, client)));
    const taken = new Set(node.children.map((c) => c.label.toLowerCase()));
    node.children.forEach((child, i) => {
      const label = proposals[i];
      if (!label || label === child.label || taken.has(label.toLowerCase()) || label.toLowerCase() === node.label.toLowerCase()) return;
      taken.delete(child.label.toLowerCase());
      taken.add(label.toLowerCase());
      child.label = label;
      changed++;
    });
    for (const child of node.children) await visit(child);
  };
  for (const root of roots) await visit(root);
  return changed;
}

async function propose(node: TaxNode, siblings: TaxNode[], phrases: readonly PhraseInput[], vectors: Matrix, client: LlmClient): Promise<string | undefined> {
  const inside = central(phrasesOf(node), node.centroid, phrases, vectors, 12);
  const outside = central(siblings.filter((s) => s !== node).flatMap(phrasesOf), node.centroid, phrases, vectors, 6);
  const votes = new Map<string, number>();
  for (let sample = 1; sample <= SAMPLES; sample++) {
    const res = await client.completeJson({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `Sample ${sample} of ${SAMPLES}.\nInside: ${inside.join('; ')}\nNearby: ${outside.join('; ') || '(none)'}` },
      ],
      schema, schemaName: 'group_label', promptVersion: LABEL_PROMPT_VERSION, itemKey: `label:${node.key}:${sample}`,
    });
    const label = res && titleCase(res.value.label.trim().replace(/\s+/g, ' '));
    if (label && isCleanLabel(label)) votes.set(label, (votes.get(label) ?? 0) + 1);
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

function central(members: number[], centroid: Float32Array, phrases: readonly PhraseInput[], vectors: Matrix, k: number): string[] {
  return members
    .map((i) => ({ text: phrases[i]!.text, score: dot(row(vectors, i), centroid) }))
    .sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1))
    .slice(0, k)
    .map((m) => m.text);
}
