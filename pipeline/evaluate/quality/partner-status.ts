import { elementTokens, keywordElements } from './concept-match.js';
import { compile, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityAttribute, QualityPersona } from './persona-set.js';
import { heldClasses } from './single-valued.js';
import { hasAny, singularTokens } from './text.js';

/**
 * Family "partner-status": married or engaged, and at the same time with a boyfriend or
 * girlfriend. Married/engaged comes from the marital-status values (single-valued.ts) or from a
 * spouse under a partner attribute ("Partner › Wife = wife"). A boyfriend/girlfriend counts when
 * it is the persona's own and current: under a partner attribute, or marked as theirs ("my
 * girlfriend", "dinner with boyfriend"), not past or wished for ("ex-boyfriend", "looking for a
 * girlfriend") and not someone else's ("my son's girlfriend").
 */

interface PartnerWords { spouse: string[][]; partnerPath: string[][]; dating: Set<string>; own: Set<string>; notCurrent: Set<string>; others: Set<string> }
const compiled = new WeakMap<FamilyLexicon, PartnerWords>();
function partnerWords(lex: FamilyLexicon): PartnerWords {
  let w = compiled.get(lex);
  if (!w) {
    const p = lex.raw.partner;
    const partnerish = new Set([...p.spouseWords, ...p.datingWords, 'partner', 'relative', 'significant', 'other']);
    w = {
      spouse: compile(p.spouseWords),
      partnerPath: compile(p.partnerPathWords),
      dating: new Set(p.datingWords),
      own: new Set(p.ownMarkers),
      notCurrent: new Set(p.notCurrent),
      others: new Set(lex.otherPerson.filter((x) => x.length === 1 && !partnerish.has(x[0]!)).map((x) => x[0]!)),
    };
    compiled.set(lex, w);
  }
  return w;
}

/** Is the attribute under the persona's own partner (no child, parent, friend… above it)? */
function underPartner(a: QualityAttribute, w: PartnerWords): boolean {
  const hit = keywordElements(a.path, w.partnerPath, [])[0];
  if (hit === undefined) return false;
  return !elementTokens(a.path).slice(1, hit + 1).some((t) => t.some((x) => w.others.has(x)));
}

/** The persona's own current boyfriend/girlfriend words in a value. */
export function ownDating(a: QualityAttribute, lex: FamilyLexicon): boolean {
  if (a.polarity === 'negative') return false;
  const w = partnerWords(lex);
  const partner = underPartner(a, w);
  const toks = singularTokens(a.value);
  return toks.some((t, i) => {
    if (!w.dating.has(t)) return false;
    const before = toks.slice(Math.max(0, i - 2), i);
    if (before.some((x) => w.notCurrent.has(x) || w.others.has(x))) return false;
    return partner || before.some((x) => w.own.has(x));
  });
}

export function partnerStatusFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const w = partnerWords(lex);
  const held = heldClasses(p, lex.concept('marital-status'), lex);
  let committed = lex.raw.partner.committed.find((c) => held.has(c));
  let because = committed ? held.get(committed)! : '';
  if (!committed) {
    const spouse = p.attributes.find((a) => a.polarity !== 'negative' && underPartner(a, w) && hasAny(singularTokens(a.value), w.spouse));
    if (spouse) [committed, because] = ['married', `${spouse.path.join(' › ')} = ${spouse.value}`];
  }
  if (!committed) return [];
  return p.attributes
    .filter((a) => ownDating(a, lex))
    .map((a) => ({ family: 'partner-status', check: `${committed}-with-dating`, detail: `${committed} ("${because}") and ${a.path.join(' › ')} = "${a.value}"` }));
}
