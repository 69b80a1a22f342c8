import { type PersonaSet, type QualityMetric, notApplicable } from './persona-set.js';
import { STOPWORDS, tokens } from './text.js';

/**
 * Value completeness: is a value a complete phrase, or a fragment? The rules, in order (the first
 * that fires names the reason):
 *  1. `empty`: no letter or digit at all.
 *  2. `unbalanced`: brackets ( ) [ ] { } that do not pair up, an odd number of straight double
 *     quotes, or unequal counts of “ and ”.
 *  3. `cut-punctuation`: ends in , ; : - – — / & + or an ellipsis ("..." / "…"), the marks a
 *     truncated phrase leaves.
 *  4. `bare-function-word`: every word is a function word or a filler ("the", "seems", "things").
 *  5. `dangling-end`: the last word is one that needs a following word: a preposition, article,
 *     possessive or conjunction ("connecting with professionals who work in"), unless the ending
 *     is a phrasal verb that completes a phrase ("log in").
 *  6. `starts-with-conjunction`: begins with a conjunction that joins to something missing
 *     ("and a dog", "because it is cheap").
 * Rules 1–3 hold for any script; 4–6 use English word lists, so a value in another language is
 * judged by 1–3 only (its words never match the lists).
 */

export type IncompleteReason = 'empty' | 'unbalanced' | 'cut-punctuation' | 'bare-function-word' | 'dangling-end' | 'starts-with-conjunction';
export const INCOMPLETE_REASONS: readonly IncompleteReason[] = ['empty', 'unbalanced', 'cut-punctuation', 'bare-function-word', 'dangling-end', 'starts-with-conjunction'];

/** Words that say nothing on their own; a value made only of these is a filler. */
const FILLERS = new Set(
  ('thing things stuff something anything everything nothing someone somebody etc other others kind sort lot lots way ways ' +
    'seem seems seemed get gets got go goes make makes made take takes put set use used want wants need needs like likes ' +
    'yes yeah ok okay well maybe sure one ones bit part stuff none all both either neither n na nil null').split(' '),
);

const DANGLING_END = new Set(
  ('of to in at for with from by about into onto toward towards than through upon without within between among across via per ' +
    'a an the my your our their its every each and or but nor because although whereas if such').split(' '),
);

const JOINING_START = new Set(['and', 'or', 'but', 'nor', 'because', 'although', 'whereas', 'though']);

/** English phrasal verbs whose particle ends a complete phrase. */
const PHRASAL_ENDS = new Set(
  ['log in', 'sign in', 'fit in', 'check in', 'plug in', 'built in', 'opt in', 'all in', 'drop in', 'walk in', 'move in', 'stay in', 'tune in', 'fill in', 'sleep in', 'eat in', 'dine in', 'take in', 'work with', 'deal with', 'come with', 'play with', 'live with', 'stick with', 'put up with'],
);

const PAIRS: [string, string][] = [['(', ')'], ['[', ']'], ['{', '}']];

function unbalanced(value: string): boolean {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of value) {
      if (ch === open) depth++;
      else if (ch === close && --depth < 0) return true;
    }
    if (depth !== 0) return true;
  }
  const count = (c: string) => value.split(c).length - 1;
  return count('"') % 2 === 1 || count('“') !== count('”');
}

/** Why a value is not a complete phrase, or null when it is. */
export function incompleteReason(value: string): IncompleteReason | null {
  const text = value.normalize('NFKC').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return 'empty';
  if (unbalanced(text)) return 'unbalanced';
  if (/([,;:\-–—/&+]|\.\.\.|…)$/u.test(text)) return 'cut-punctuation';
  const toks = tokens(text);
  if (toks.every((t) => STOPWORDS.has(t) || FILLERS.has(t))) return 'bare-function-word';
  const last = toks[toks.length - 1]!;
  const tail = (n: number) => toks.slice(-n).join(' ');
  if (DANGLING_END.has(last) && !PHRASAL_ENDS.has(tail(2)) && !PHRASAL_ENDS.has(tail(3))) return 'dangling-end';
  if (JOINING_START.has(toks[0]!)) return 'starts-with-conjunction';
  return null;
}

/** Share of all values that are incomplete, with one count per reason. */
export function valueCompleteness(set: PersonaSet): QualityMetric[] {
  const description = 'share of attribute values that are fragments, bare function/filler words or cut mid-phrase (lower is better)';
  const counts = new Map<IncompleteReason, number>(INCOMPLETE_REASONS.map((r) => [r, 0]));
  const examples: string[] = [];
  let total = 0;
  for (const p of set.personas) {
    for (const a of p.attributes) {
      total++;
      const reason = incompleteReason(a.value);
      if (!reason) continue;
      counts.set(reason, counts.get(reason)! + 1);
      if (examples.length < 8) examples.push(`${reason}: ${a.path.join(' › ')} = ${JSON.stringify(a.value)}`);
    }
  }
  if (total === 0) return [notApplicable('values.incompleteShare', description, 'the set has no attribute values')];
  const bad = [...counts.values()].reduce((s, n) => s + n, 0);
  return [
    { metric: 'values.incompleteShare', description, value: bad / total, applicable: true, note: `${bad} of ${total} values`, examples },
    ...INCOMPLETE_REASONS.map((r) => ({ metric: `values.incomplete.${r}`, description: `values judged incomplete by the "${r}" rule`, value: counts.get(r)!, applicable: true })),
  ];
}
