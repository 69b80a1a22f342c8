import { conceptApplies } from './concept-match.js';
import type { FamilyLexicon } from './family-lexicon.js';
import type { QualityPersona } from './persona-set.js';
import { numberAt, singular, tokens } from './text.js';

/**
 * Ages written in text, as closed intervals in years: "83 years old" → [83, 83], "aged 45",
 * "4-year-old son" → [4, 4], "30-34 years" → [30, 34], "early thirties" / "30s" → [30, 33] / [30, 39],
 * "65+ years" / "65 years and older" → [65, 125].
 * A bare number ("32") is an age only where the caller knows the text is an age (`bare`).
 */

export interface AgeInterval { low: number; high: number }

const DECADES: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90 };
const YEAR_WORDS = new Set(['year', 'yr', 'yo']);
const OPEN_END = 125;

function decadeAt(toks: readonly string[], i: number): AgeInterval | null {
  const t = toks[i]!;
  const m = /^([1-9])0s$/.exec(t);
  const base = m ? Number(m[1]) * 10 : DECADES[t];
  if (base === undefined) return null;
  const q = toks[i - 1];
  if (q === 'early') return { low: base, high: base + 3 };
  if (q === 'mid') return { low: base + 3, high: base + 6 };
  if (q === 'late') return { low: base + 6, high: base + 9 };
  return { low: base, high: base + 9 };
}

/** Every age in the text, in order, each with the token index where it starts and ends. */
export function agesIn(text: string, bare = false): { age: AgeInterval; start: number; end: number }[] {
  // "65+" → "65 plus" (open-ended); decades read unsingularised: "thirties" must not become "thirty".
  const raw = tokens(text.replace(/(\d)\s*\+/g, '$1 plus '));
  const toks = raw.map(singular);
  const out: { age: AgeInterval; start: number; end: number }[] = [];
  if (bare && toks.length === 1 && !decadeAt(raw, 0)) {
    const n = numberAt(toks, 0);
    if (n && n.value <= 125) return [{ age: { low: n.value, high: n.value }, start: 0, end: 0 }];
  }
  for (let i = 0; i < toks.length; i++) {
    const decade = decadeAt(raw, i);
    if (decade) {
      out.push({ age: decade, start: i, end: i });
      continue;
    }
    const n = numberAt(toks, i);
    if (!n || n.value > 125) continue;
    let j = i + n.length;
    let high = n.value;
    if (toks[j] === 'plus') {
      high = OPEN_END;
      j++;
    }
    if (toks[j] === 'to') j++;
    const m = numberAt(toks, j);
    if (m && m.value > n.value && m.value <= 125) {
      high = m.value;
      j += m.length;
    }
    const afterAge = toks[i - 1] === 'age' || toks[i - 1] === 'aged';
    if (YEAR_WORDS.has(toks[j] ?? '') || afterAge || (toks[j] === 'y' && toks[j + 1] === 'o')) {
      const end = toks[j] === 'year' && toks[j + 1] === 'old' ? j + 1 : j;
      // "65 years and older", "18 or over": open-ended.
      if (['and', 'or'].includes(toks[end + 1] ?? '') && ['older', 'over', 'above', 'up'].includes(toks[end + 2] ?? '')) high = OPEN_END;
      out.push({ age: { low: n.value, high }, start: afterAge ? i - 1 : i, end });
      i = end;
    }
  }
  return out;
}

/**
 * The persona's own age: the anchor when there is one, else the narrowest age stated under an
 * age attribute about the persona (see concept-match.ts). Null when nothing says.
 */
export function personaAge(p: QualityPersona, lex: FamilyLexicon): AgeInterval | null {
  if (typeof p.anchors?.age === 'number' && Number.isFinite(p.anchors.age)) return { low: p.anchors.age, high: p.anchors.age };
  const concept = lex.concept('age');
  let best: AgeInterval | null = null;
  for (const a of p.attributes) {
    if (!conceptApplies(concept, a, lex)) continue;
    for (const { age } of agesIn(a.value, true)) if (!best || age.high - age.low < best.high - best.low) best = age;
  }
  return best;
}

export const overlaps = (a: AgeInterval, b: AgeInterval, tolerance = 0): boolean => a.low <= b.high + tolerance && b.low <= a.high + tolerance;
