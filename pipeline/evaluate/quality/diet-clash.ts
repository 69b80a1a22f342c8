import { aboutOtherPerson, elementTokens } from './concept-match.js';
import { compile, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityPersona } from './persona-set.js';
import { heldClasses } from './single-valued.js';
import { hasAny, singularTokens } from './text.js';

/**
 * Family "diet-clash": a vegan or vegetarian persona (by its diet-type values, see
 * single-valued.ts) who likes meat or fish, or a vegan who likes cheese, eggs or other animal
 * products. A value counts as liked when it is not held against (polarity), sits under a food
 * attribute (path words such as "Food", "Cuisine", "Dish", "Diet") or says it is liked ("loves
 * salmon"), and carries no substitute ("vegan cheese", "plant-based burger"), negation ("no
 * meat", "avoids dairy") or non-food use ("pet fish", "fishing").
 */

interface DietWords { meat: string[][]; fish: string[][]; animal: string[][]; skip: string[][]; food: string[][]; liking: string[][] }
const compiled = new WeakMap<FamilyLexicon, DietWords>();
function dietWords(lex: FamilyLexicon): DietWords {
  let w = compiled.get(lex);
  if (!w) {
    const d = lex.raw.diet;
    w = { meat: compile(d.meat), fish: compile(d.fish), animal: compile(d.animalProducts), skip: [...compile(d.substitutes), ...compile(d.ignoreWhenAlso), ...lex.negations], food: compile(d.foodPathWords), liking: compile(d.likingWords) };
    compiled.set(lex, w);
  }
  return w;
}

export function dietClashFindings(p: QualityPersona, lex: FamilyLexicon): Finding[] {
  const held = heldClasses(p, lex.concept('diet-type'), lex);
  const diet = lex.raw.diet.plantBased.find((d) => held.has(d));
  if (!diet) return [];
  const w = dietWords(lex);
  const forbidden = diet === 'vegan' ? [...w.meat, ...w.fish, ...w.animal] : [...w.meat, ...w.fish];
  const out: Finding[] = [];
  for (const a of p.attributes) {
    if (a.polarity === 'negative' || aboutOtherPerson(a.path, lex)) continue;
    const toks = singularTokens(a.value);
    if (!hasAny(toks, forbidden) || hasAny(toks, w.skip)) continue;
    const foodPath = elementTokens(a.path).slice(1).some((el) => hasAny(el, w.food));
    if (foodPath || hasAny(toks, w.liking)) out.push({ family: 'diet-clash', check: diet, detail: `${diet} ("${held.get(diet)}") likes ${a.path.join(' › ')} = "${a.value}"` });
  }
  return out;
}
