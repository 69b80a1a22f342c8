import { valueAt, type Ctx } from './draft.js';

/** Words that end a life fact's value: "I live in Ohio | for work", "I moved to Austin | since ...". */
const PLACE_STOP = new Set(['for', 'since', 'with', 'and', 'but', 'now', 'where', 'because', 'which', 'who', 'so', 'when', 'as']);

/** The short value of a life fact (a place, an employer, a diet): five words, stopped by PLACE_STOP. */
export function v5(ctx: Ctx, from: number, extra?: { verbStart?: boolean; max?: number }) {
  return valueAt(ctx, from, { max: extra?.max ?? 5, stop: PLACE_STOP, verbStart: extra?.verbStart ?? false });
}
