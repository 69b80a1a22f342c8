/**
 * Elaborations of a liked thing or an activity: "mystery novels , agatha christie especially",
 * "jazz , especially the old stuff like coltrane", "i garden a lot , tomatoes , peppers and herbs",
 * "sushi is life . also ramen . also dumplings".
 */
import { valueAt, type Ctx, type Draft } from './draft.js';
import { listItems } from './naming.js';
import { spanText } from './span-text.js';

const ELABORATORS = new Set(['especially', 'mostly', 'mainly', 'particularly', 'like', 'including', 'esp', 'specifically', 'usually', 'also']);
/** Where an elaborated thing ends: "scarves | for my family every christmas". */
const ELABORATION_STOP = new Set([...ELABORATORS, 'for', 'with', 'to', 'from', 'every', 'at', 'on', 'in']);
/** How much or when is no elaboration: "video games way too much , mostly rpgs", "kpop lately , mostly bts". */
const AMOUNT = /^(?:way|too|much|a|lot|alot|so|very|often|daily|lately|nowadays|recently|now|rn|tbh|honestly)$/;

/**
 * A short noun phrase right after a liked thing or an activity, marked by an intensifier or
 * ending its clause, is another value of the same attribute; a list there gives one value per
 * item. A next sentence that is only "also X" continues the same statement.
 */
export function elaborations(ctx: Ctx, d: Draft): Draft[] {
  const out: Draft[] = [];
  let k = d.to;
  let sent = ctx.toks[d.from]?.sent;
  while (k < d.to + 4 && AMOUNT.test(ctx.toks[k]?.norm ?? '')) k += 1;
  const start = k;
  const listy = / preference$/.test(d.attribute) || d.attribute === 'activity' || d.attribute === 'hobby' || /ing$/.test(d.attribute);
  for (let guard = 0; guard < 4; guard += 1) {
    let marked = false;
    // ". also ramen": a sentence of its own that only adds to the last one.
    if (['.', '!'].includes(ctx.toks[k]?.norm ?? '') && ctx.toks[k + 1]?.norm === 'also' && ctx.toks[k + 1]?.sent !== sent) {
      k += 1;
      sent = ctx.toks[k]?.sent;
    }
    while (ctx.toks[k]?.norm === ',' || ctx.toks[k]?.norm === 'and' || ELABORATORS.has(ctx.toks[k]?.norm ?? '')) {
      marked ||= ELABORATORS.has(ctx.toks[k]?.norm ?? '');
      k += 1;
    }
    if (k === start || ctx.toks[k]?.sent !== sent) return out;
    const v = valueAt(ctx, k, { max: 8, stop: ELABORATION_STOP });
    if (!v) {
      // "the old stuff like coltrane": skip a vague phrase and look again.
      const vague = ctx.toks.findIndex((t, j) => j > k && j < k + 5 && ELABORATORS.has(t.norm));
      if (vague < 0) return out;
      k = vague;
      continue;
    }
    const after = ctx.toks[v.span.end];
    const closes = !after || after.sent !== sent || after.pos === 'PUNCT' || ELABORATORS.has(after.norm) || ['too', 'lol', 'haha', 'and'].includes(after.norm);
    const items = listItems(ctx.toks, v.span);
    // Unmarked only after a liked thing (", dried mango") or as a list after an activity
    // (", tomatoes , peppers and herbs"); ", total game changer" is a comment.
    if (!marked && (!closes || !listy || (!/ preference$/.test(d.attribute) && items.length < 2))) return out;
    // "i garden a lot , tomatoes": what is gardened is named by the activity.
    const attribute = d.attribute === 'hobby' && /^[a-z]+ing$/.test(d.value) ? d.value : d.attribute;
    for (const item of items) {
      const text = spanText(ctx.text, ctx.toks, item);
      if (text !== '') out.push({ ...d, attribute, value: text, to: item.end, confidence: Math.max(0.4, d.confidence - 0.15), elaborates: false });
    }
    k = v.span.end;
  }
  return out;
}
