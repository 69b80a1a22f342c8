import type { Store } from '../store/store.js';

export type ValueType = 'numeric' | 'categorical' | 'free_text';

const NUMBER_WORDS = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;
const NUMERIC = /^[~<>≈]?\s*\d+(?:[.,]\d+)?\s*(?:%|s|yrs?|years?(?: old)?|kg|lbs?|cm|km|miles?|hours?|k)?$/i;

/**
 * A leaf's value type from its vocabulary: numeric when most values are numbers ("34", "two",
 * "5 years"), categorical when a few values recur, free text otherwise.
 */
export function valueTypeOf(values: { value: string; count: number }[]): ValueType {
  const tally = new ValueTypeTally();
  for (const v of values) tally.add(v.value, v.count);
  return tally.type();
}

/** valueTypeOf one value at a time, so a vocabulary read in chunks never has to sit in memory. */
export class ValueTypeTally {
  private total = 0;
  private numeric = 0;
  private repeated = 0;
  private distinct = 0;

  add(value: string, count: number): void {
    this.total += count;
    this.distinct++;
    if (NUMERIC.test(value.trim()) || NUMBER_WORDS.test(value.trim())) this.numeric += count;
    if (count > 1) this.repeated += count;
  }

  type(): ValueType {
    if (this.total === 0) return 'free_text';
    if (this.numeric / this.total >= 0.7) return 'numeric';
    return this.distinct <= 20 || this.repeated / this.total >= 0.5 ? 'categorical' : 'free_text';
  }
}

/** Fills node_values for a version's leaves (value, polarity, count) from the mentions under them. */
export async function writeLeafValues(store: Store, versionId: number): Promise<void> {
  await store.run(
    `INSERT INTO node_values
     SELECT nm.version_id, nm.node_id, lower(trim(m.value)) AS value, m.polarity, count(*)::INTEGER
     FROM node_members nm JOIN mention_phrases mp USING (phrase_id) JOIN mentions m USING (mention_id)
     WHERE nm.version_id = $1 GROUP BY ALL`,
    [versionId],
  );
}

export async function leafValueTypes(store: Store, versionId: number): Promise<Map<string, ValueType>> {
  const tallies = new Map<string, ValueTypeTally>();
  for await (const rows of store.stream<{ node_id: string; value: string; count: number }>(
    'SELECT node_id, value, sum(count)::INTEGER AS count FROM node_values WHERE version_id = $1 GROUP BY ALL',
    [versionId],
  )) {
    for (const r of rows) {
      let tally = tallies.get(r.node_id);
      if (!tally) tallies.set(r.node_id, (tally = new ValueTypeTally()));
      tally.add(r.value, r.count);
    }
  }
  return new Map([...tallies].map(([id, tally]) => [id, tally.type()]));
}
