import { type PersonaSet, type QualityMetric, type QualityPersona, notApplicable } from './persona-set.js';
import { foldValue } from './text.js';

/**
 * Cross-persona concentration: how many personas hold the same value. Anchors are left out (a set
 * drawn for one country rightly has that country everywhere): attributes whose source is
 * 'anchor', and values equal to one of the persona's own anchor values. Values are compared
 * folded (case, Unicode form, spacing), regardless of the attribute they sit under.
 */

function nonAnchorValues(p: QualityPersona): Set<string> {
  const anchors = new Set(Object.values(p.anchors ?? {}).filter((v) => v !== undefined).map((v) => foldValue(String(v))));
  const out = new Set<string>();
  for (const a of p.attributes) {
    if (a.source === 'anchor') continue;
    const v = foldValue(a.value);
    if (v && !anchors.has(v)) out.add(v);
  }
  return out;
}

export function concentrationMetrics(set: PersonaSet, threshold = 0.2): QualityMetric[] {
  const n = set.personas.length;
  const pct = Math.round(threshold * 100);
  if (n === 0) return [notApplicable('concentration.maxValueShare', 'largest share of personas holding one value', 'the set has no personas')];
  const holders = new Map<string, number>();
  for (const p of set.personas) for (const v of nonAnchorValues(p)) holders.set(v, (holders.get(v) ?? 0) + 1);
  const ranked = [...holders].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked[0];
  const over = ranked.filter(([, c]) => c / n >= threshold);
  return [
    {
      metric: 'concentration.maxValueShare',
      description: 'largest share of personas holding the same non-anchor value (lower is better)',
      value: top ? top[1] / n : 0,
      applicable: true,
      examples: ranked.slice(0, 5).map(([v, c]) => `${(c / n).toFixed(2)} ${JSON.stringify(v)}`),
    },
    {
      metric: `concentration.valuesInAtLeast${pct}Percent`,
      description: `number of distinct non-anchor values held by ≥ ${pct}% of personas (lower is better)`,
      value: over.length,
      applicable: true,
      examples: over.slice(0, 10).map(([v, c]) => `${c}/${n} ${JSON.stringify(v)}`),
    },
  ];
}
