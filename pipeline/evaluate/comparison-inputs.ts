import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { sha256 } from '../core/hash.js';
import { DEFAULT_REFERENCE_DIR, REFERENCE_TAXONOMY_FILE } from '../taxonomy/compare-reference.js';
import { RELEASE_SET_FOLDERS } from './readers/reference-sets.js';

/**
 * Fingerprints (sha256) of the files `evaluate` reads besides the store: the authors' release
 * (persona sets and taxonomy) and every --compare file. They key the evaluate stage, so the
 * release appearing, changing or going away reruns it; an absent file is keyed as absent.
 */
export function comparisonInputs(config: Config): Record<string, string> {
  const e = config.evaluate;
  // Keys are paths as configured or inside the release, not absolute ones: a copied store keeps its key.
  const files: [string, string][] = e.compare.map((f) => [f, resolve(f)]);
  if (e.reference) files.push([e.reference, resolve(e.reference)]);
  if (e.referenceDir !== false) {
    const dir = resolve(e.referenceDir ?? DEFAULT_REFERENCE_DIR);
    if (!e.reference) files.push([`release/${REFERENCE_TAXONOMY_FILE}`, join(dir, REFERENCE_TAXONOMY_FILE)]);
    for (const folder of RELEASE_SET_FOLDERS) {
      const path = join(dir, folder);
      if (!existsSync(path)) files.push([`release/${folder}`, path]);
      else for (const f of readdirSync(path).filter((x) => x.toLowerCase().endsWith('.json')).sort()) files.push([`release/${folder}/${f}`, join(path, f)]);
    }
  }
  return Object.fromEntries(files.map(([key, f]) => [key, existsSync(f) ? sha256(readFileSync(f)) : 'absent']));
}
