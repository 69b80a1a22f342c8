import { agesIn, overlaps, personaAge, type AgeInterval } from './age-text.js';
import { elementTokens } from './concept-match.js';
import type { FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityAttribute, QualityPersona } from './persona-set.js';
import { singularTokens } from './text.js';

/**
 * Family "child-age": a child or grandchild whose stated age is impossible for the persona's age.
 * A child's age is read (1) from the value: an age right before a child word ("4 year old son",
 * "my 30-year-old daughter", "four-year-old grandson") or right after one ("son, aged 4"); or (2)
 * from the path: an attribute under a child element whose value is only an age ("Child › Age =
 * 32", "Kids = 4 years old"). A child is impossible when the persona would have been younger than
 * `minParentGap` at the birth, or older than `maxParentGap`; a grandchild when younger than
 * `minGrandparentGap`. Needs the persona's age (anchor, else stated): without it, no finding. A
 * child-aged description that matches the persona's own age outside any child element ("Age
 * Group = Child (11 years old)") describes the persona, and is skipped.
 */

type Kind = 'child' | 'grandchild';
interface ChildAge { kind: Kind; age: AgeInterval }

function kindOf(token: string | undefined, lex: FamilyLexicon): Kind | null {
  if (token === undefined) return null;
  if (lex.raw.children.grandchildWords.includes(token)) return 'grandchild';
  if (lex.raw.children.childWords.includes(token)) return 'child';
  return null;
}

export function childAgesIn(a: QualityAttribute, lex: FamilyLexicon): ChildAge[] {
  const toks = singularTokens(a.value);
  const out: ChildAge[] = [];
  for (const { age, start, end } of agesIn(a.value)) {
    // "4 year old son", "4 year old twin son"; "son aged 4", "son is 4 years old", "son, 4".
    const after = kindOf(toks[end + 1], lex) ?? kindOf(toks[end + 2], lex);
    const before = kindOf(toks[start - 1], lex) ?? (['is', 'who', 'aged', 'age'].includes(toks[start - 1] ?? '') ? kindOf(toks[start - 2], lex) : null);
    const kind = after ?? before;
    if (kind) out.push({ kind, age });
  }
  if (out.length > 0) return out;
  const els = elementTokens(a.path);
  const kinds = new Set(els.slice(els.length > 1 ? 1 : 0).flat().map((t) => kindOf(t, lex)));
  const pathKind: Kind | null = kinds.has('grandchild') ? 'grandchild' : kinds.has('child') ? 'child' : null;
  if (!pathKind) return out;
  const lastIsAge = els[els.length - 1]!.includes('age');
  const ages = agesIn(a.value, lastIsAge);
  // Under a child element the value must be nothing but an age, or the number may count something else.
  const only = ages.find(({ start, end }) => start === 0 && end === toks.length - 1);
  if (only) out.push({ kind: pathKind, age: only.age });
  return out;
}

export function childAgeFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const own = personaAge(p, lex);
  if (!own) return [];
  const { minParentGap, maxParentGap, minGrandparentGap } = lex.raw.children;
  const out: Finding[] = [];
  for (const a of p.attributes) {
    const childPath = elementTokens(a.path).slice(1).some((t) => t.some((x) => kindOf(x, lex)));
    for (const { kind, age } of childAgesIn(a, lex)) {
      // "Child (11 years old)" under the persona's own age field is the persona, not a child of it.
      if (!childPath && overlaps(age, own)) continue;
      const tooOld = own.high - age.low < (kind === 'child' ? minParentGap : minGrandparentGap);
      const tooYoung = kind === 'child' && own.low - age.high > maxParentGap;
      if (tooOld || tooYoung) {
        out.push({ family: 'child-age', check: kind, detail: `persona aged ${own.low === own.high ? own.low : `${own.low}-${own.high}`}: ${a.path.join(' › ')} = "${a.value}"` });
      }
    }
  }
  return out;
}
