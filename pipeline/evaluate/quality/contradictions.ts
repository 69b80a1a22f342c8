import { personaAge } from './age-text.js';
import { childAgeFindings } from './child-ages.js';
import { dietClashFindings } from './diet-clash.js';
import type { FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import { genderedRoleFindings, personaSex } from './gendered-roles.js';
import { implausibleCountFindings } from './implausible-counts.js';
import { lifeStageFindings } from './life-stage.js';
import { partnerStatusFindings } from './partner-status.js';
import { type PersonaSet, type QualityMetric, type QualityPersona, notApplicable } from './persona-set.js';
import { singleValuedFindings } from './single-valued.js';

/**
 * The contradiction families, each reported as the share of personas with at least one finding,
 * the number of such personas, and the number of findings; per sub-check persona counts; and
 * "any" over all families. Shares are over every persona of the set. A family that needs the
 * persona's age or sex is not applicable when no persona in the set has one (it would report a
 * flattering 0 otherwise).
 */

interface Family {
  id: string;
  description: string;
  needs?: 'age' | 'sex';
  run: (p: QualityPersona, lex: FamilyLexicon, mined?: ReadonlySet<string>) => Finding[];
}

export const FAMILIES: readonly Family[] = [
  { id: 'single-valued', description: 'a single-valued attribute (religion, marital status, diet type, gender, age, nationality, hometown, occupation, employer; mined single-valued nodes) stated with incompatible values', run: singleValuedFindings },
  { id: 'child-age', description: "a child's or grandchild's age impossible for the persona's age", needs: 'age', run: childAgeFindings },
  { id: 'gendered-role', description: 'a family or gendered role of the other sex', needs: 'sex', run: genderedRoleFindings },
  { id: 'diet-clash', description: 'vegan or vegetarian while liking meat or fish (vegan: any animal product)', run: dietClashFindings },
  { id: 'implausible-count', description: 'more businesses owned, employers or occupations than the lexicon maximum (2)', run: implausibleCountFindings },
  { id: 'life-stage', description: 'retired or at school at an impossible age', needs: 'age', run: lifeStageFindings },
  { id: 'partner-status', description: 'married or engaged while having a boyfriend or girlfriend', run: partnerStatusFindings },
];

export function contradictionFindings(set: PersonaSet, lex: FamilyLexicon, mined?: ReadonlySet<string>): Map<string, Finding[][]> {
  const out = new Map<string, Finding[][]>();
  for (const f of FAMILIES) out.set(f.id, set.personas.map((p) => f.run(p, lex, mined)));
  return out;
}

export function contradictionMetrics(set: PersonaSet, lex: FamilyLexicon, mined?: ReadonlySet<string>): QualityMetric[] {
  const n = set.personas.length;
  if (n === 0) return [notApplicable('contradictions.any.personaShare', 'share of personas with any contradiction', 'the set has no personas')];
  const has = { age: set.personas.some((p) => personaAge(p, lex)), sex: set.personas.some((p) => personaSex(p, lex)) };
  const findings = contradictionFindings(set, lex, mined);
  const anyPersona = new Array<boolean>(n).fill(false);
  const metrics: QualityMetric[] = [];
  const applicableFamilies: string[] = [];
  for (const f of FAMILIES) {
    const key = `contradictions.${f.id}`;
    if (f.needs && !has[f.needs]) {
      metrics.push(notApplicable(`${key}.personaShare`, f.description, `no persona in the set states its ${f.needs}`));
      continue;
    }
    applicableFamilies.push(f.id);
    const perPersona = findings.get(f.id)!;
    const hit = perPersona.map((x) => x.length > 0);
    hit.forEach((h, i) => (anyPersona[i] ||= h));
    const personas = hit.filter(Boolean).length;
    const instances = perPersona.reduce((s, x) => s + x.length, 0);
    const examples = perPersona.flatMap((x, i) => x.slice(0, 1).map((y) => `${set.personas[i]!.id}: [${y.check}] ${y.detail}`)).slice(0, 5);
    metrics.push({ metric: `${key}.personaShare`, description: `share of personas with ≥1: ${f.description}`, value: personas / n, applicable: true, examples });
    metrics.push({ metric: `${key}.personas`, description: `personas with ≥1: ${f.description}`, value: personas, applicable: true });
    metrics.push({ metric: `${key}.instances`, description: `findings: ${f.description}`, value: instances, applicable: true });
    const checks = new Map<string, number>();
    for (const x of perPersona) for (const c of new Set(x.map((y) => y.check))) checks.set(c, (checks.get(c) ?? 0) + 1);
    for (const [c, count] of [...checks].sort(([a], [b]) => a.localeCompare(b))) {
      metrics.push({ metric: `${key}.${c}.personas`, description: `personas with ≥1 "${c}" finding of ${f.id}`, value: count, applicable: true });
    }
  }
  const any = anyPersona.filter(Boolean).length;
  metrics.push({ metric: 'contradictions.any.personaShare', description: 'share of personas with a finding in any applicable contradiction family', value: any / n, applicable: true, note: `families: ${applicableFamilies.join(', ')}` });
  metrics.push({ metric: 'contradictions.any.personas', description: 'personas with a finding in any applicable contradiction family', value: any, applicable: true });
  return metrics;
}
