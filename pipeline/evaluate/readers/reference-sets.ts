import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDocument } from './read-persona-file.js';
import type { ComparisonSet } from './types.js';

/**
 * The persona sets of the DeepPersona authors' release, found by shape in the folders that hold
 * them (their profile collections and the OpenCharacter-style characters they compared with).
 * Read at run time from where the release sits (it has no license: never copied into the repo);
 * a JSON file that is not a persona set (a taxonomy, the occupation list, summaries) is listed
 * as skipped with the reason, and a missing folder skips everything with one note.
 */

export const RELEASE_SET_FOLDERS = ['social_simulation_ca/data', 'generation_user_profile_new/data'];

export interface ReleasedSets {
  sets: ComparisonSet[];
  skipped: { file: string; reason: string }[];
}

export function releasedSets(dir: string, limit: number): ReleasedSets {
  const out: ReleasedSets = { sets: [], skipped: [] };
  if (!existsSync(dir)) {
    out.skipped.push({ file: dir, reason: "no DeepPersona release there (it is unlicensed, so never shipped): the authors' sets are not scored" });
    return out;
  }
  for (const folder of RELEASE_SET_FOLDERS) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).filter((f) => f.toLowerCase().endsWith('.json')).sort()) {
      const file = join(path, name);
      const rel = relative(dir, file);
      try {
        const doc = readDocument(JSON.parse(readFileSync(file, 'utf8')), rel, limit);
        if (doc.personas.length === 0) {
          out.skipped.push({ file: rel, reason: 'holds no persona records' });
          continue;
        }
        const profiles = doc.format === 'profiles';
        out.sets.push({
          name: `authors:${name.replace(/\.json$/i, '')}`,
          kind: 'released',
          label: profiles ? "the DeepPersona authors' released profiles" : "persona records released with DeepPersona (their OpenCharacter-style baseline)",
          source: file,
          personas: doc.personas,
          notes: doc.notes,
        });
      } catch (error) {
        const message = (error as Error).message;
        out.skipped.push({ file: rel, reason: message.endsWith('not a persona set') ? 'not a persona set (no persona records, no Profile_<n> keys)' : message });
      }
    }
  }
  return out;
}
