/**
 * Elaborations of a liked thing: "mystery novels , agatha christie especially", "jazz ,
 * especially the old stuff like coltrane", "whiskey , bourbon especially".
 */
import { valueAt, type Ctx, type Draft } from './draft.js';

const ELABORATORS = new Set(['especially', 'mostly', 'mainly', 'particularly', 'like', 'including', 'esp', 'specifically', 'usually']);

/**
 * "mystery novels , agatha christie especially", "jazz , especially the old stuff like coltrane",
 * "whiskey , bourbon especially": a short noun phrase right after a liked thing, marked by an
 * intensifier or ending its clause, is another value of the same attribute.
 */
export function elaborations(ctx: Ctx, d: Draft): Draft[] {
  const out: Draft[] = [];
  let k = d.to;
  const sent = ctx.toks[d.from]?.sent;
  // "video games way too much , mostly rpgs": how much is no elaboration, skip it.
  while (k < d.to + 4 && /^(?:way|too|much|a|lot|alot|so|very|often|daily)$/.test(ctx.toks[k]?.norm ?? '')) k += 1;
  const start = k;
  for (let guard = 0; guard < 3; guard += 1) {
    let marked = false;
    while (ctx.toks[k]?.norm === ',' || ctx.toks[k]?.norm === 'and' || ELABORATORS.has(ctx.toks[k]?.norm ?? '')) {
      marked ||= ELABORATORS.has(ctx.toks[k]?.norm ?? '');
      k += 1;
    }
    if (k === start || ctx.toks[k]?.sent !== sent) return out;
    const v = valueAt(ctx, k, { max: 4, stop: ELABORATORS });
    if (!v) {
      // "the old stuff like coltrane": skip a vague phrase and look again.
      const vague = ctx.toks.findIndex((t, j) => j > k && j < k + 5 && ELABORATORS.has(t.norm));
      if (vague < 0) return out;
      k = vague;
      continue;
    }
    const after = ctx.toks[v.span.end];
    const closes = !after || after.sent !== sent || after.pos === 'PUNCT' || ELABORATORS.has(after.norm) || after.norm === 'too' || after.norm === 'lol';
    // Unmarked (", total game changer") only after a liked thing, where a list of things is usual.
    if (!marked && (!closes || !/ preference$/.test(d.attribute))) return out;
    out.push({ ...d, value: v.text, to: v.span.end, confidence: Math.max(0.4, d.confidence - 0.15), elaborates: false });
    k = v.span.end;
  }
  return out;
}

