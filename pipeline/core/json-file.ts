import { readFileSync } from 'node:fs';

/**
 * A loader of one committed JSON data file (a lexicon, a table of facts): read and checked by
 * `parse` once per path, then shared. Files under data/ do not change while a process runs.
 */
export function cachedJsonLoader<T>(defaultPath: string, parse: (json: unknown, path: string) => T): (path?: string) => T {
  const cache = new Map<string, T>();
  return (path = defaultPath) => {
    let value = cache.get(path);
    if (value === undefined) cache.set(path, (value = parse(JSON.parse(readFileSync(path, 'utf8')), path)));
    return value;
  };
}
