import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../core/errors.js';
import { detectFormat } from './detect-format.js';

const CANDIDATE = /\.(jsonl|ndjson|json)$/i;

export interface Inputs {
  files: string[];
  /** Files in folders that no adapter recognised (explicitly named files never land here). */
  skipped: string[];
}

/**
 * Expands the given paths into the files to ingest, in a stable order. A named file is always
 * kept (its adapter is resolved, or refused with a hint, when it is opened); a folder keeps the
 * files some adapter recognises and must hold at least one.
 */
export async function collectInputs(paths: string[], format: string): Promise<Inputs> {
  const inputs: Inputs = { files: [], skipped: [] };
  for (const path of paths) {
    const stat = statOrThrow(path);
    if (stat.isFile()) {
      inputs.files.push(path);
      continue;
    }
    const candidates = walk(path).filter((file) => CANDIDATE.test(file));
    let found = 0;
    for (const file of candidates) {
      if (format !== 'auto' || (await detectFormat(file))) {
        inputs.files.push(file);
        found++;
      } else inputs.skipped.push(file);
    }
    if (found === 0) {
      throw new PipelineError(
        'INPUT',
        `${path}: nothing ingestible (no .json/.jsonl file that an adapter recognises)`,
        'point at a Puffin, PrefEval or chat-jsonl file, or pass --format',
      );
    }
  }
  return { files: [...new Set(inputs.files)], skipped: inputs.skipped };
}

function statOrThrow(path: string) {
  try {
    return statSync(path);
  } catch {
    throw new PipelineError('INPUT', `${path}: no such file or directory`, 'check the path; the bundled corpora are under data/');
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
