import { aboutOtherPerson, conceptApplies, elementTokens, keywordElements } from './concept-match.js';
import { compile, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityAttribute, QualityPersona } from './persona-set.js';
import { countDistinctThings, hasAny, phraseHits, singularTokens } from './text.js';

/**
 * Family "implausible-count": more businesses owned, current employers or current occupations
 * than one person plausibly has at once (the lexicon's `max`, 2 by default). Values naming the
 * same thing are one (text.ts countDistinctThings: shared content stems, generic words such as
 * "business" or "small" ignored). Businesses are the values under a business-ownership attribute
 * plus any value saying the persona owns, runs or founded one ("owns a bakery"), unless it is a
 * plan or wish ("wants to open a cafe") or negated. Employers and occupations are the values of
 * those single-valued concepts (concept-match.ts), the occupation anchor included.
 */

interface BusinessWords { path: string[][]; verbs: string[][]; nouns: string[][]; notYet: string[][]; ignore: Set<string> }
const compiled = new WeakMap<FamilyLexicon, BusinessWords>();
function businessWords(lex: FamilyLexicon): BusinessWords {
  let w = compiled.get(lex);
  if (!w) {
    const b = lex.raw.counts.business;
    w = { path: compile(b.pathKeywords), verbs: compile(b.ownVerbs), nouns: compile(b.businessNouns), notYet: [...compile(b.notYetWords), ...lex.negations], ignore: new Set(compile(b.ignoreWords).flat()) };
    compiled.set(lex, w);
  }
  return w;
}

/** Whether an attribute states a business the persona owns now. */
export function ownsBusiness(a: QualityAttribute, lex: FamilyLexicon): boolean {
  if (a.polarity === 'negative' || aboutOtherPerson(a.path, lex)) return false;
  const w = businessWords(lex);
  const hits = keywordElements(a.path, w.path, lex.notSelfNow);
  const els = elementTokens(a.path);
  if (hits.length > 0 && !els.some((t, i) => i > 0 && !hits.includes(i) && hasAny(t, lex.notSelfNow))) return true;
  const toks = singularTokens(a.value);
  if (hasAny(toks, w.notYet)) return false;
  return w.verbs.some((v) =>
    phraseHits(toks, v).some((i) => {
      const after = toks.slice(i + v.length, i + v.length + 5);
      return w.nouns.some((n) => phraseHits(after, n).length > 0);
    }),
  );
}

function overMax(check: string, values: string[], max: number, ignore: ReadonlySet<string>): Finding[] {
  const { count, groups } = countDistinctThings([...new Set(values)], ignore);
  if (count <= max) return [];
  return [{ family: 'implausible-count', check, detail: `${count} ${check}s: ${groups.map((g) => `"${g[0]}"`).join(', ')}` }];
}

export function implausibleCountFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const { counts } = lex.raw;
  const businesses = p.attributes.filter((a) => ownsBusiness(a, lex)).map((a) => a.value);
  const out = overMax('business', businesses, counts.business.max, businessWords(lex).ignore);
  for (const [check, spec] of [['employer', counts.employer], ['occupation', counts.occupation]] as const) {
    const concept = lex.concept(spec.concept);
    const values = p.attributes.filter((a) => a.polarity !== 'negative' && conceptApplies(concept, a, lex)).map((a) => a.value);
    const anchor = concept.anchor ? p.anchors?.[concept.anchor] : undefined;
    if (anchor !== undefined) values.push(String(anchor));
    out.push(...overMax(check, values, spec.max, concept.ignoreWords));
  }
  return out;
}
