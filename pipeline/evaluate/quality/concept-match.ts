import type { Concept, FamilyLexicon } from './family-lexicon.js';
import type { QualityAttribute } from './persona-set.js';
import { hasAny, phraseHits, singularTokens } from './text.js';

/**
 * Does an attribute state a fact about the persona *now* for a single-valued concept? Read from
 * its path, by these rules (the lexicon supplies the words):
 *  - some path element contains a concept keyword not directly preceded by a "not the self now"
 *    word ("Former Occupation", "Dream Job" do not count; "Occupation and Former Occupation" does,
 *    through its first word);
 *  - no element holds a word naming another person ("Child › Age", "Parent Religion"), and no
 *    element other than the hit and the root holds a "not the self now" word ("Religion ›
 *    Preference", "Occupation › Goal"). The root (a broad category such as "Hobbies, Interests,
 *    and Lifestyle") is not read;
 *  - no element holds one of the concept's excluded path words ("Retirement › Age"), and the value
 *    holds none of its skip words ("retired at age 65" states no current age);
 *  - for free-text concepts (compared by shared words, not by classes) the hit must be the last
 *    element or the one before it, and no element after the root may name another property of
 *    the thing ("Job Role › Responsibilities" is about duties, "Job Satisfaction" about a feeling,
 *    neither is the title).
 */

const pathTokens = new WeakMap<readonly string[], string[][]>();
export function elementTokens(path: readonly string[]): string[][] {
  let toks = pathTokens.get(path);
  if (!toks) pathTokens.set(path, (toks = path.map(singularTokens)));
  return toks;
}

/** Indices of path elements where one of `keywords` occurs, not preceded by a `blockers` word. */
export function keywordElements(path: readonly string[], keywords: readonly string[][], blockers: readonly string[][]): number[] {
  const els = elementTokens(path);
  const out: number[] = [];
  els.forEach((toks, i) => {
    const hit = keywords.some((kw) =>
      phraseHits(toks, kw).some((start) => !blockers.some((b) => b.length <= start && b.every((w, k) => toks[start - b.length + k] === w))),
    );
    if (hit) out.push(i);
  });
  return out;
}

/** True when an element after the root names another person (so the value is about them). */
export function aboutOtherPerson(path: readonly string[], lex: FamilyLexicon, from = 1): boolean {
  const els = elementTokens(path);
  const start = els.length > 1 ? from : 0;
  return els.slice(start).some((toks) => hasAny(toks, lex.otherPerson));
}

export function conceptApplies(concept: Concept, a: QualityAttribute, lex: FamilyLexicon): boolean {
  const hits = keywordElements(a.path, concept.keywords, lex.notSelfNow);
  if (hits.length === 0) return false;
  if (aboutOtherPerson(a.path, lex)) return false;
  const els = elementTokens(a.path);
  for (let i = 1; i < els.length; i++) if (!hits.includes(i) && hasAny(els[i]!, lex.notSelfNow)) return false;
  if (els.some((t) => hasAny(t, concept.excludePath))) return false;
  if (concept.skipValues.length > 0 && hasAny(singularTokens(a.value), concept.skipValues)) return false;
  if (concept.mode !== 'free') return true;
  const last = els.length - 1;
  if (!hits.includes(last) && !hits.includes(last - 1)) return false;
  return !els.some((t, i) => i > 0 && hasAny(t, lex.subProperty));
}
