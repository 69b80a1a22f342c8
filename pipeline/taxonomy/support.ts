import type { PhraseInput, TaxNode } from './types.js';

export interface Support {
  mentions: number;
  conversations: number;
  sources: number;
}

export function leavesOf(node: TaxNode): TaxNode[] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leavesOf);
}

export const phrasesOf = (node: TaxNode): number[] => leavesOf(node).flatMap((l) => l.phrases);

/** Distinct conversations and sources under a node: the evidence a node stands on. */
export function supportOf(node: TaxNode, phrases: readonly PhraseInput[]): Support {
  const conversations = new Set<number>();
  const sources = new Set<number>();
  let mentions = 0;
  for (const i of phrasesOf(node)) {
    const p = phrases[i]!;
    mentions += p.mentions;
    for (const c of p.conversations) conversations.add(c);
    for (const s of p.sources) sources.add(s);
  }
  return { mentions, conversations: conversations.size, sources: sources.size };
}
