import { personaAge } from './age-text.js';
import { aboutOtherPerson, elementTokens } from './concept-match.js';
import { compile, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityAttribute, QualityPersona } from './persona-set.js';
import { hasAny, singularTokens } from './text.js';

/**
 * Family "life-stage": retired, or at school, at an age where that is impossible ("retired" at
 * 25, "high school student" at 60). A value counts when it states the persona's own current
 * status: the attribute is not about someone else (path or value names another person), not a
 * plan, goal or past ("Aspiration", "when I was in high school", "early retirement plan"), not a
 * teaching role ("teaches high school students"), and not held against. Age bounds per stage are
 * in the lexicon; needs the persona's age.
 */

/** A stage with the words that, present in the same value, make it not the persona's status now. */
interface Stage { id: string; phrases: string[][]; minAge: number; maxAge: number; skip: string[][] }
const compiled = new WeakMap<FamilyLexicon, Stage[]>();
function stages(lex: FamilyLexicon): Stage[] {
  let s = compiled.get(lex);
  if (!s) {
    const ls = lex.raw.lifeStage;
    const schoolSkip = [...compile(ls.schoolSkipWhenAlso), ...lex.otherPerson];
    s = [
      { id: 'retired', phrases: compile(ls.retired.phrases), minAge: ls.retired.minAge, maxAge: Infinity, skip: [...compile(ls.retired.skipWhenAlso), ...lex.otherPerson] },
      ...ls.school.map((x) => ({ ...x, phrases: compile(x.phrases), skip: schoolSkip })),
    ];
    compiled.set(lex, s);
  }
  return s;
}

/** Life stages an attribute says the persona is in now. */
export function statedStages(a: QualityAttribute, lex: FamilyLexicon): Stage[] {
  if (a.polarity === 'negative' || aboutOtherPerson(a.path, lex)) return [];
  if (elementTokens(a.path).some((t, i) => i > 0 && hasAny(t, lex.notSelfNow))) return [];
  const toks = singularTokens(a.value);
  return stages(lex).filter((s) => hasAny(toks, s.phrases) && !hasAny(toks, s.skip));
}

export function lifeStageFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const own = personaAge(p, lex);
  if (!own) return [];
  const out: Finding[] = [];
  for (const a of p.attributes) {
    for (const s of statedStages(a, lex)) {
      if (own.high < s.minAge || own.low > s.maxAge) out.push({ family: 'life-stage', check: s.id, detail: `persona aged ${own.low}: ${a.path.join(' › ')} = "${a.value}"` });
    }
  }
  return out;
}
