/**
 * Maps a root name proposed by an LLM onto the configured roots. The taxonomy's top level is
 * fixed by config, so a model inventing "Health" or "Work" must land on an existing root,
 * never create one.
 */
const STOP = new Set(['and', 'or', 'the', 'of', 'a', 'an', '&']);

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function tokens(s: string): Set<string> {
  // Crude stemming (drop a trailing s) so "Hobby"/"Hobbies"-style variants overlap more often.
  return new Set(norm(s).split(' ').filter((t) => t && !STOP.has(t)).map((t) => t.replace(/(ies|s)$/, (m) => (m === 'ies' ? 'y' : ''))));
}

function bigrams(s: string): Map<string, number> {
  const n = norm(s).replace(/ /g, '');
  const m = new Map<string, number>();
  for (let i = 0; i < n.length - 1; i++) m.set(n.slice(i, i + 2), (m.get(n.slice(i, i + 2)) ?? 0) + 1);
  return m;
}

/** Sørensen–Dice over character bigrams, the tie-breaker when no tokens are shared. */
function dice(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  let total = 0;
  for (const [k, v] of A) { inter += Math.min(v, B.get(k) ?? 0); total += v; }
  for (const v of B.values()) total += v;
  return total === 0 ? 0 : (2 * inter) / total;
}

export function mapToRoot(proposed: string, roots: readonly string[]): string {
  if (roots.length === 0) throw new Error('mapToRoot: no roots configured');
  const p = norm(proposed);
  const exact = roots.find((r) => norm(r) === p);
  if (exact) return exact;
  const pt = tokens(proposed);
  let best = roots[0]!;
  let bestScore = -1;
  for (const r of roots) {
    const rt = tokens(r);
    let shared = 0;
    for (const t of pt) if (rt.has(t)) shared++;
    const union = new Set([...pt, ...rt]).size;
    const jaccard = union === 0 ? 0 : shared / union;
    // Token overlap dominates; bigram similarity only orders roots with equal overlap.
    const score = jaccard * 10 + dice(proposed, r);
    if (score > bestScore) { bestScore = score; best = r; }
  }
  return best;
}
