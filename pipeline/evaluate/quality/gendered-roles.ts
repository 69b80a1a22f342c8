import { elementTokens, keywordElements } from './concept-match.js';
import { compile, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityAttribute, QualityPersona } from './persona-set.js';
import { hasAny, numberAt, singularTokens } from './text.js';
import { heldClasses } from './single-valued.js';

/**
 * Family "gendered-role": the persona holds a family or gendered role of the other sex (a male
 * persona who is a "single mother", a female "stay-at-home dad"). A role word counts as the
 * persona's own role when
 *  (1) the attribute is a role of the persona (its path has a role keyword such as "Family Role",
 *      "Parental Status", with no other person named above it) and the word is not preceded,
 *      within three words, by a word that points at someone else ("my mother", "caring for aging
 *      father"); or
 *  (2) anywhere, in a self-describing phrase: a qualifier then the role ("single mother",
 *      "stay at home dad") or the role then "of" and a number ("father of two").
 * The persona's sex is its anchor, else the one gender class its values state; without either, no
 * finding.
 */

export type Sex = 'female' | 'male';

export function personaSex(p: QualityPersona, lex: FamilyLexicon): Sex | null {
  const anchor = String(p.anchors?.sex ?? '').toLowerCase();
  if (anchor === 'female' || anchor === 'male') return anchor;
  const held = heldClasses(p, lex.concept('gender'), lex);
  if (held.has('female') === held.has('male')) return null;
  return held.has('female') ? 'female' : 'male';
}

interface RoleWords { female: Set<string>; male: Set<string>; qualifiers: string[][]; other: Set<string>; roleKeys: string[][] }
const compiled = new WeakMap<FamilyLexicon, RoleWords>();
function roleWords(lex: FamilyLexicon): RoleWords {
  let w = compiled.get(lex);
  if (!w) {
    const g = lex.raw.genderedRoles;
    w = { female: new Set(g.female), male: new Set(g.male), qualifiers: compile(g.selfQualifiers), other: new Set(g.otherReference), roleKeys: compile(g.rolePathKeywords) };
    compiled.set(lex, w);
  }
  return w;
}

const endsAt = (toks: readonly string[], i: number, phrase: readonly string[]) => phrase.every((t, k) => toks[i - phrase.length + k] === t);

/** Role words of `sex` in an attribute that describe the persona itself. */
export function ownRoles(a: QualityAttribute, sex: Sex, lex: FamilyLexicon): string[] {
  const w = roleWords(lex);
  const words = sex === 'female' ? w.female : w.male;
  const toks = singularTokens(a.value);
  const els = elementTokens(a.path);
  const roleHit = keywordElements(a.path, w.roleKeys, [])[0];
  const isRolePath = roleHit !== undefined && !els.slice(1, roleHit).some((t) => hasAny(t, lex.otherPerson));
  const found: string[] = [];
  toks.forEach((t, i) => {
    if (!words.has(t)) return;
    const qualified = w.qualifiers.some((q) => endsAt(toks, i, q)) || (toks[i + 1] === 'of' && numberAt(toks, i + 2) !== null);
    const pointsAway = toks.slice(Math.max(0, i - 3), i).some((x) => w.other.has(x));
    if ((qualified || isRolePath) && !pointsAway) found.push(t);
  });
  return found;
}

export function genderedRoleFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const sex = personaSex(p, lex);
  if (!sex) return [];
  const other: Sex = sex === 'female' ? 'male' : 'female';
  const out: Finding[] = [];
  for (const a of p.attributes) {
    if (a.polarity === 'negative') continue;
    const roles = ownRoles(a, other, lex);
    if (roles.length > 0) out.push({ family: 'gendered-role', check: `${sex}-with-${other}-role`, detail: `${sex} persona: ${a.path.join(' › ')} = "${a.value}"` });
  }
  return out;
}
