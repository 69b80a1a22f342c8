import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { repoPath } from '../core/repo-path.js';

const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** What produced a run: recorded in every manifest so a result can be traced to its tools. */
export async function toolVersions(store: Store): Promise<Record<string, string>> {
  return {
    deeppersona: pkg.version,
    node: process.version,
    duckdb: String(await store.scalar('SELECT version()')),
    '@duckdb/node-api': pkg.dependencies['@duckdb/node-api'] ?? 'unknown',
  };
}
