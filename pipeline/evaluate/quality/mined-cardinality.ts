import { countDistinctThings } from './text.js';

/**
 * Single-valued attributes mined from the corpus: an attribute is single-valued when people who
 * mention it more than once keep naming the same thing (a religion, an employer), and
 * multi-valued when they name different things (hobbies, foods). Only speakers with at least two
 * mentions of the attribute are evidence either way: one mention says nothing about cardinality,
 * and counting those speakers would make every rarely-mentioned attribute look single-valued.
 * A node is single-valued when at least `minSpeakers` such speakers exist and at most
 * `maxMultiShare` of them name two or more different things (text.ts countDistinctThings).
 */

export interface MentionRow { node: string; speaker: string; value: string }
export interface CardinalityOptions {
  /** @default 5 */
  minSpeakers?: number;
  /** @default 0.1 */
  maxMultiShare?: number;
}
export interface NodeCardinality { node: string; repeatSpeakers: number; multiSpeakers: number; singleValued: boolean }

export function mineCardinality(rows: Iterable<MentionRow>, opts: CardinalityOptions = {}): NodeCardinality[] {
  const { minSpeakers = 5, maxMultiShare = 0.1 } = opts;
  const byNode = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    let speakers = byNode.get(r.node);
    if (!speakers) byNode.set(r.node, (speakers = new Map()));
    speakers.set(r.speaker, [...(speakers.get(r.speaker) ?? []), r.value]);
  }
  const out: NodeCardinality[] = [];
  for (const [node, speakers] of [...byNode].sort(([a], [b]) => a.localeCompare(b))) {
    let repeat = 0;
    let multi = 0;
    for (const values of speakers.values()) {
      if (values.length < 2) continue;
      repeat++;
      if (countDistinctThings(values).count >= 2) multi++;
    }
    out.push({ node, repeatSpeakers: repeat, multiSpeakers: multi, singleValued: repeat >= minSpeakers && multi / repeat <= maxMultiShare });
  }
  return out;
}

export const singleValuedNodes = (c: readonly NodeCardinality[]): Set<string> => new Set(c.filter((x) => x.singleValued).map((x) => x.node));
