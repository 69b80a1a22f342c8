import { agesIn, overlaps, type AgeInterval } from './age-text.js';
import { aboutOtherPerson, conceptApplies } from './concept-match.js';
import { pairKey, type Concept, type FamilyLexicon } from './family-lexicon.js';
import type { Finding } from './finding.js';
import type { QualityPersona } from './persona-set.js';
import { countDistinctThings, hasAny, phraseHits, singularTokens } from './text.js';

/**
 * Family "single-valued": a concept a person has one of (religion, marital status, diet type,
 * gender, age, nationality, hometown, current occupation, employer) stated with values that cannot
 * all be true. How values are compared depends on the concept's mode:
 *  - classes: each value is sorted into the lexicon's classes ("catholic" → christian); two
 *    classes that the lexicon lists as exclusive (or any two, for "all") conflict;
 *  - age: stated ages that do not overlap within the concept's tolerance conflict;
 *  - free: values that share no content word stem are different things (text.ts
 *    countDistinctThings); two or more different things conflict.
 * The persona's anchor for the concept, when it has one, is one more value. Mined single-valued
 * attributes (mined-cardinality.ts) add the same "two different things" check per taxonomy node.
 */

/** Classes a text names, skipping a class word right after a negation or "former"-type word, and hedged texts. */
export function classesIn(text: string, classes: Map<string, string[][]>, lex: FamilyLexicon): Set<string> {
  const toks = singularTokens(text);
  const found = new Set<string>();
  // A hedged value ("likely married or widowed") commits to no class.
  if (hasAny(toks, lex.hedges)) return found;
  const blockers = [...lex.negations, ...lex.notSelfNow];
  for (const [cls, phrases] of classes) {
    for (const phrase of phrases) {
      const ok = phraseHits(toks, phrase).some((start) => !blockers.some((b) => windowHas(toks, start, b)));
      if (ok) found.add(cls);
    }
  }
  return found;
}

/** Whether phrase `b` ends within the 3 tokens before `start`. */
function windowHas(toks: readonly string[], start: number, b: readonly string[]): boolean {
  for (let end = start; end >= Math.max(b.length, start - 2); end--) {
    if (b.every((w, k) => toks[end - b.length + k] === w)) return true;
  }
  return false;
}

const conflicting = (c: Concept, a: string, b: string) => a !== b && (c.conflicts === 'all' || c.conflicts.has(pairKey(a, b)));

function anchorText(p: QualityPersona, c: Concept): string | undefined {
  const v = c.anchor ? p.anchors?.[c.anchor] : undefined;
  return v === undefined ? undefined : String(v);
}

/** The classes a persona holds for a class concept, each with the first text that showed it. */
export function heldClasses(p: QualityPersona, c: Concept, lex: FamilyLexicon): Map<string, string> {
  const held = new Map<string, string>();
  const add = (classes: Set<string>, text: string) => classes.forEach((k) => held.has(k) || held.set(k, text));
  const anchor = anchorText(p, c);
  if (anchor) add(classesIn(anchor, c.classes, lex), `anchor ${anchor}`);
  for (const a of p.attributes) {
    if (a.polarity === 'negative') continue;
    if (conceptApplies(c, a, lex)) add(classesIn(a.value, c.classes, lex), a.value);
    if (c.valuePatterns.size > 0 && !aboutOtherPerson(a.path, lex)) add(classesIn(a.value, c.valuePatterns, lex), a.value);
  }
  return held;
}

function classConflicts(p: QualityPersona, c: Concept, lex: FamilyLexicon): string[] {
  if (c.exceptWhenAlso.length > 0 && p.attributes.some((a) => conceptApplies(c, a, lex) && hasAny(singularTokens(a.value), c.exceptWhenAlso))) return [];
  const held = [...heldClasses(p, c, lex)];
  const out: string[] = [];
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const [a, ta] = held[i]!;
      const [b, tb] = held[j]!;
      if (conflicting(c, a, b)) out.push(`${a} ("${ta}") vs ${b} ("${tb}")`);
    }
  }
  return out;
}

function ageConflicts(p: QualityPersona, c: Concept, lex: FamilyLexicon): string[] {
  const stated: { age: AgeInterval; text: string }[] = [];
  const anchor = anchorText(p, c);
  if (anchor !== undefined && Number.isFinite(Number(anchor))) stated.push({ age: { low: Number(anchor), high: Number(anchor) }, text: `anchor ${anchor}` });
  for (const a of p.attributes) {
    if (!conceptApplies(c, a, lex)) continue;
    const ages = agesIn(a.value, true);
    // The narrowest age a value states speaks for it ("early thirties (30-34)" is one claim).
    const best = ages.sort((x, y) => x.age.high - x.age.low - (y.age.high - y.age.low))[0];
    if (best) stated.push({ age: best.age, text: a.value });
  }
  const out: string[] = [];
  for (let i = 0; i < stated.length; i++) {
    for (let j = i + 1; j < stated.length; j++) {
      if (!overlaps(stated[i]!.age, stated[j]!.age, c.toleranceYears)) out.push(`"${stated[i]!.text}" vs "${stated[j]!.text}"`);
    }
  }
  return out;
}

function freeConflicts(p: QualityPersona, c: Concept, lex: FamilyLexicon): string[] {
  const values = p.attributes.filter((a) => a.polarity !== 'negative' && conceptApplies(c, a, lex)).map((a) => a.value);
  const anchor = anchorText(p, c);
  if (anchor) values.push(anchor);
  const { count, groups } = countDistinctThings([...new Set(values)], c.ignoreWords);
  return count >= 2 ? [groups.map((g) => `"${g[0]}"`).join(' vs ')] : [];
}

export function conceptConflicts(p: QualityPersona, c: Concept, lex: FamilyLexicon): string[] {
  if (c.mode === 'age') return ageConflicts(p, c, lex);
  if (c.mode === 'free') return freeConflicts(p, c, lex);
  return classConflicts(p, c, lex);
}

/** The family check: lexicon concepts, then mined single-valued nodes when given. */
export function singleValuedFindings(p: QualityPersona, lex: FamilyLexicon, minedNodes?: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const c of lex.concepts) for (const detail of conceptConflicts(p, c, lex)) out.push({ family: 'single-valued', check: c.id, detail });
  if (minedNodes && minedNodes.size > 0) {
    const byNode = new Map<string, string[]>();
    for (const a of p.attributes) if (a.node && minedNodes.has(a.node) && a.source !== 'anchor' && a.polarity !== 'negative') byNode.set(a.node, [...(byNode.get(a.node) ?? []), a.value]);
    for (const [node, values] of byNode) {
      const { count, groups } = countDistinctThings([...new Set(values)]);
      if (count >= 2) out.push({ family: 'single-valued', check: 'mined', detail: `${node}: ${groups.map((g) => `"${g[0]}"`).join(' vs ')}` });
    }
  }
  return out;
}
