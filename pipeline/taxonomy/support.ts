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

/** Mentions under a node (no distinct counts: cheap enough to rank siblings by). */
export function mentionsOf(node: TaxNode, phrases: readonly PhraseInput[]): number {
  let mentions = 0;
  for (const i of phrasesOf(node)) mentions += phrases[i]!.mentions;
  return mentions;
}

/** Nodes best supported first (mentions, then `tie`); each node's mentions counted once, not per comparison. */
export function byMentions<T extends TaxNode>(nodes: readonly T[], phrases: readonly PhraseInput[], tie: (a: T, b: T) => number): T[] {
  const weight = new Map(nodes.map((n) => [n, mentionsOf(n, phrases)]));
  return [...nodes].sort((a, b) => weight.get(b)! - weight.get(a)! || tie(a, b));
}

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
