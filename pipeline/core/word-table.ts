/**
 * A lookup table keyed by words that come from user text. A plain object literal inherits
 * `constructor`, `toString`, `valueOf` …, so `TABLE[word]` returned a function for those words
 * ("i love my constructor" crashed the extractor). Without a prototype they are just missing.
 */
export function wordTable<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
