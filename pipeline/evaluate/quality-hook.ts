import { loadAnchorTables } from '../anchors/tables.js';
import type { Store } from '../store/store.js';
import type { Direction } from './metric-catalog.js';
import type { MetricValue } from './persona-metrics.js';
import { mineCardinality, singleValuedNodes } from './quality/mined-cardinality.js';
import { qualityMetrics, type QualityMetric } from './quality/quality-metrics.js';
import { loadLeafMentions } from './quality/store-evidence.js';
import type { ComparisonSet } from './readers/types.js';

/**
 * The independent quality metrics (pipeline/evaluate/quality/: computed from the neutral shape
 * with their own lexicon, apart from the rules that repaired ours) for one comparison set, as
 * metric values keyed `quality.<name>`. A metric the set cannot support stays null with its note
 * as the reason. The direction comes from the metric when it declares one, else from its
 * description ("(lower is better)"), else from the name patterns of metric-catalog.ts.
 */

export interface QualityContext {
  /** Leaves mined as single-valued from the store's mentions (our sets' attributes carry node ids). */
  singleValuedNodes: ReadonlySet<string>;
}

export async function qualityContext(store: Store): Promise<QualityContext> {
  return { singleValuedNodes: singleValuedNodes(mineCardinality(await loadLeafMentions(store))) };
}

export function qualityOf(set: ComparisonSet, ctx: QualityContext): Record<string, MetricValue> {
  if (set.personas.length === 0) return {};
  const out: Record<string, MetricValue> = {};
  for (const m of qualityMetrics({ name: set.name, personas: set.personas.map(withCountryName) }, { singleValuedNodes: ctx.singleValuedNodes })) {
    const name = m.metric.startsWith('quality.') ? m.metric : `quality.${m.metric}`;
    const direction = declared(m);
    out[name] = {
      value: m.applicable ? m.value : null,
      description: m.description,
      ...(direction ? { direction } : {}),
      ...(!m.applicable ? { reason: m.note ?? 'not applicable' } : m.note ? { note: m.note } : {}),
    };
  }
  return out;
}

function declared(m: QualityMetric): Direction | undefined {
  const own = (m as QualityMetric & { direction?: Direction }).direction;
  if (own) return own;
  const said = /\((higher|lower) is better\)/i.exec(m.description)?.[1];
  return said ? (said.toLowerCase() as Direction) : undefined;
}

/**
 * Concentration leaves a persona's own anchor values out; a set states its country as a name
 * ("Canada"), so the anchors passed along carry the name beside the ISO2 code.
 */
let names: Map<string, string> | undefined;
function withCountryName<P extends ComparisonSet['personas'][number]>(p: P): P {
  const iso2 = p.anchors?.country;
  if (!iso2) return p;
  names ??= new Map(loadAnchorTables().countries.map((c) => [c.iso2, c.name]));
  const name = names.get(iso2);
  return name ? { ...p, anchors: { ...p.anchors, countryName: name } } : p;
}
