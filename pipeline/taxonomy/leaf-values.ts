import type { Store } from '../store/store.js';

export type ValueType = 'numeric' | 'categorical' | 'free_text';

const NUMBER_WORDS = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;
const NUMERIC = /^[~<>≈]?\s*\d+(?:[.,]\d+)?\s*(?:%|s|yrs?|years?(?: old)?|kg|lbs?|cm|km|miles?|hours?|k)?$/i;

/**
 * A leaf's value type from its vocabulary: numeric when most values are numbers ("34", "two",
 * "5 years"), categorical when a few values recur, free text otherwise.
 */
export function valueTypeOf(values: { value: string; count: number }[]): ValueType {
  const total = values.reduce((n, v) => n + v.count, 0);
  if (total === 0) return 'free_text';
  const numeric = values.filter((v) => NUMERIC.test(v.value.trim()) || NUMBER_WORDS.test(v.value.trim())).reduce((n, v) => n + v.count, 0);
  if (numeric / total >= 0.7) return 'numeric';
  const repeated = values.filter((v) => v.count > 1).reduce((n, v) => n + v.count, 0);
  return values.length <= 20 || repeated / total >= 0.5 ? 'categorical' : 'free_text';
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
  const rows = await store.all<{ node_id: string; value: string; count: number }>(
    'SELECT node_id, value, sum(count)::INTEGER AS count FROM node_values WHERE version_id = $1 GROUP BY ALL',
    [versionId],
  );
  const byNode = new Map<string, { value: string; count: number }[]>();
  for (const r of rows) byNode.set(r.node_id, [...(byNode.get(r.node_id) ?? []), r]);
  return new Map([...byNode.entries()].map(([id, values]) => [id, valueTypeOf(values)]));
}
