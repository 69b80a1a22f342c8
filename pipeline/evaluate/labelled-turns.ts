/**
 * Scores an extractor on single turns labelled with the persona facts they disclose (for example
 * test/fixtures/casual-chat/dev-set.jsonl).
 *
 * Rule, per turn, with the fixed `valueMatches` of match-rule.ts:
 * - a fact is recalled when some mention extracted from the SAME turn has a value matching it;
 * - a mention is correct when its value matches some fact of its own turn.
 * Only value words are compared: facts are persona lines ("i have two dogs") that almost never
 * contain an extractor's attribute name ("pet ownership"), so attribute words would only dilute the
 * half-of-the-words test and make the score depend on how attributes are named. Polarity is not
 * checked ("red meat" matches "i do not eat red meat"). Pure: no IO, no randomness.
 */
import { valueMatches } from '../extractors/match-rule.js';

export interface LabelledTurn {
  id: string;
  text: string;
  facts: string[];
  /** Optional grouping (for example the kind of disclosure); scored separately in `byKind`. */
  kind?: string;
}

export interface ExtractedValue {
  attribute: string;
  value: string;
}

export interface LabelledCounts {
  turns: number;
  facts: number;
  mentions: number;
  /** Recalled facts / facts (1 when there are no facts). */
  recall: number;
  /** Correct mentions / mentions (1 when there are no mentions). */
  precision: number;
}

export interface LabelledScore extends LabelledCounts {
  misses: { id: string; text: string; fact: string }[];
  falsePositives: { id: string; text: string; attribute: string; value: string }[];
  /** Present when some item has a `kind`. */
  byKind?: Record<string, LabelledCounts>;
}

interface Tally {
  turns: number;
  facts: number;
  recalled: number;
  mentions: number;
  correct: number;
}

const share = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const counts = (t: Tally): LabelledCounts => ({
  turns: t.turns,
  facts: t.facts,
  mentions: t.mentions,
  recall: share(t.recalled, t.facts),
  precision: share(t.correct, t.mentions),
});

export function scoreLabelledTurns(items: readonly LabelledTurn[], extract: (text: string) => ExtractedValue[]): LabelledScore {
  const total: Tally = { turns: 0, facts: 0, recalled: 0, mentions: 0, correct: 0 };
  const kinds = new Map<string, Tally>();
  const misses: LabelledScore['misses'] = [];
  const falsePositives: LabelledScore['falsePositives'] = [];
  for (const item of items) {
    const mentions = extract(item.text);
    const tallies = [total];
    if (item.kind !== undefined) {
      if (!kinds.has(item.kind)) kinds.set(item.kind, { turns: 0, facts: 0, recalled: 0, mentions: 0, correct: 0 });
      tallies.push(kinds.get(item.kind)!);
    }
    let recalled = 0;
    let correct = 0;
    for (const fact of item.facts) {
      if (mentions.some((m) => valueMatches(m.value, fact))) recalled += 1;
      else misses.push({ id: item.id, text: item.text, fact });
    }
    for (const m of mentions) {
      if (item.facts.some((fact) => valueMatches(m.value, fact))) correct += 1;
      else falsePositives.push({ id: item.id, text: item.text, attribute: m.attribute, value: m.value });
    }
    for (const t of tallies) {
      t.turns += 1;
      t.facts += item.facts.length;
      t.recalled += recalled;
      t.mentions += mentions.length;
      t.correct += correct;
    }
  }
  const score: LabelledScore = { ...counts(total), misses, falsePositives };
  if (kinds.size > 0) score.byKind = Object.fromEntries([...kinds].map(([k, t]) => [k, counts(t)]));
  return score;
}
