import { type PersonaSet, type QualityMetric, notApplicable } from './persona-set.js';

/**
 * The size and breadth of a set: attributes per persona (mean, min, max) and roots covered, where
 * a root is the first path element ("Demographic Information"). Roots are counted as written, so
 * two sets with different top-level names are not forced onto one list.
 */
export function setShapeMetrics(set: PersonaSet): QualityMetric[] {
  const n = set.personas.length;
  if (n === 0) return [notApplicable('attributes.perPersona.mean', 'attributes per persona', 'the set has no personas')];
  const counts = set.personas.map((p) => p.attributes.length);
  const roots = new Set<string>();
  let rootsPerPersona = 0;
  for (const p of set.personas) {
    const own = new Set(p.attributes.map((a) => a.path[0] ?? ''));
    own.forEach((r) => roots.add(r));
    rootsPerPersona += own.size;
  }
  return [
    { metric: 'personas', description: 'personas in the set', value: n, applicable: true },
    { metric: 'attributes.perPersona.mean', description: 'mean attribute values per persona', value: counts.reduce((s, c) => s + c, 0) / n, applicable: true },
    { metric: 'attributes.perPersona.min', description: 'fewest attribute values of any persona', value: Math.min(...counts), applicable: true },
    { metric: 'attributes.perPersona.max', description: 'most attribute values of any persona', value: Math.max(...counts), applicable: true },
    { metric: 'roots.covered', description: 'distinct top-level path elements over the set', value: roots.size, applicable: true, examples: [...roots].sort() },
    { metric: 'roots.perPersona.mean', description: 'mean distinct top-level path elements per persona', value: rootsPerPersona / n, applicable: true },
  ];
}
