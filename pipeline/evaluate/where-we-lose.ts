import type { Direction } from './metric-catalog.js';

/**
 * Every metric where some comparison set beats ours, by the metric's declared direction, with
 * both values: eval.json and the report list these first, so nothing is hidden because it looks
 * bad. A set beats ours when its value is better by more than rounding (1e-9 relative); a null
 * on either side (not applicable) is no comparison. `withinIntervals` says whether the two
 * intervals overlap (when both have one): a loss that may be noise, still listed.
 */

export interface ComparableRow {
  metric: string;
  direction: Direction;
  ours: number | null;
  ci?: [number, number];
  baselines: Record<string, number | null>;
  baselineCi: Record<string, [number, number] | undefined>;
}

export interface Loss {
  metric: string;
  direction: Exclude<Direction, 'none'>;
  ours: number;
  beatenBy: { set: string; value: number; withinIntervals?: boolean }[];
}

const better = (direction: 'higher' | 'lower', theirs: number, ours: number) => {
  const tolerance = 1e-9 * Math.max(1, Math.abs(ours), Math.abs(theirs));
  return direction === 'higher' ? theirs > ours + tolerance : theirs < ours - tolerance;
};

export function whereWeLose(rows: readonly ComparableRow[]): Loss[] {
  const losses: Loss[] = [];
  for (const r of rows) {
    if (r.direction === 'none' || r.ours === null) continue;
    const direction = r.direction;
    const ours = r.ours;
    const beatenBy = Object.entries(r.baselines)
      .filter((e): e is [string, number] => e[1] !== null && better(direction, e[1], ours))
      .map(([set, value]) => {
        const a = r.ci;
        const b = r.baselineCi[set];
        return { set, value, ...(a && b ? { withinIntervals: a[0] <= b[1] && b[0] <= a[1] } : {}) };
      });
    if (beatenBy.length) losses.push({ metric: r.metric, direction, ours, beatenBy });
  }
  return losses;
}
