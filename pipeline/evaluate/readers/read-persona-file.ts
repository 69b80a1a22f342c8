import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { PipelineError } from '../../core/errors.js';
import { readDeepPersonaProfiles } from './deeppersona-profiles.js';
import { inferAnchors } from './infer-anchors.js';
import { recordPersona } from './persona-record.js';
import type { SetPersona } from './types.js';

/**
 * A persona file of any shape we know, read whole (comparison sets are small):
 * - JSON Lines (`.jsonl`, `.ndjson`): one persona record per line (our personas.jsonl, the
 *   neutral `{id, anchors?, attributes: [{path, value, source?}], summary?}`, or any flat or
 *   nested record);
 * - a JSON array of records (OpenCharacter-style characters: `{character_id, persona, Name, Age,
 *   Gender, …}`);
 * - the DeepPersona authors' profile collection (`{metadata, Profile_<n>: {…, Summary}}`);
 * - an object holding a `personas` array.
 * Anything else is a user error naming what was expected.
 */

export interface PersonaFile {
  /** Short name from the file name ("all_profiles_50"). */
  name: string;
  format: 'jsonl' | 'records' | 'profiles';
  personas: SetPersona[];
  notes: string[];
}

const PROFILE_KEY = /^Profile_(\d+)$/;

export function readPersonaFile(file: string, limit = Infinity): PersonaFile {
  if (!existsSync(file)) throw new PipelineError('INPUT', `${file}: no such file`, 'pass a persona file: JSON Lines, a JSON array of records, or the DeepPersona profile JSON');
  const name = basename(file, extname(file));
  const text = readFileSync(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return { name, format: 'jsonl', ...readLines(text, file, limit) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // A .json file holding JSON Lines is common enough to accept.
    if (text.trimStart().startsWith('{') && text.includes('\n{')) return { name, format: 'jsonl', ...readLines(text, file, limit) };
    throw new PipelineError('INPUT', `${file}: not valid JSON (${(error as Error).message})`, 'pass JSON Lines (.jsonl) or one JSON document');
  }
  return { name, ...readDocument(json, file, limit) };
}

function readLines(text: string, file: string, limit: number): Omit<PersonaFile, 'name' | 'format'> {
  const personas: SetPersona[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || personas.length >= limit) return;
    try {
      const record = JSON.parse(line) as unknown;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not an object');
      personas.push(recordPersona(record as Record<string, unknown>, `${basename(file)}:${i + 1}`));
    } catch {
      bad.push(i + 1);
    }
  });
  const notes = bad.length ? [`${bad.length} line(s) not a JSON object, skipped (first: line ${bad[0]})`] : [];
  return { personas, notes };
}

/** A parsed JSON document → its personas (see the file comment for the shapes). */
export function readDocument(json: unknown, what: string, limit = Infinity): Omit<PersonaFile, 'name'> {
  const records = (items: unknown[], prefix: string) =>
    items.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r)).slice(0, limit).map((r, i) => recordPersona(r, `${prefix}:${i}`));
  if (Array.isArray(json)) return { format: 'records', personas: records(json, 'record'), notes: [] };
  if (json !== null && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const profileKeys = Object.keys(o).filter((k) => PROFILE_KEY.test(k)).sort((a, b) => Number(PROFILE_KEY.exec(a)![1]) - Number(PROFILE_KEY.exec(b)![1]));
    if (profileKeys.length) {
      // The profile reader (deeppersona-profiles.ts) gives the leaves and summary; anchors are read
      // here (infer-anchors.ts) for the fidelity metrics, which key countries by ISO2.
      const read = readDeepPersonaProfiles(Object.fromEntries(profileKeys.slice(0, limit).map((k) => [k, o[k]])), what).personas;
      const personas: SetPersona[] = read.map(({ anchors: _plain, ...p }) => {
        const anchors = inferAnchors(p.attributes);
        return { ...p, ...(Object.keys(anchors).length ? { anchors } : {}) };
      });
      const meta = o.metadata as { total_profiles?: unknown } | undefined;
      const notes = typeof meta?.total_profiles === 'number' && meta.total_profiles !== profileKeys.length
        ? [`metadata says ${meta.total_profiles} profiles, the file holds ${profileKeys.length}`] : [];
      return { format: 'profiles', personas, notes };
    }
    if (Array.isArray(o.personas)) return { format: 'records', personas: records(o.personas, 'persona'), notes: [] };
  }
  throw new PipelineError('INPUT', `${what}: not a persona set`, 'expected JSON Lines of persona records, a JSON array of records, {"personas": [...]}, or {"Profile_1": {...}, ...}');
}
