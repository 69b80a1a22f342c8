import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../core/errors.js';
import { detectFormat } from './detect-format.js';
import { skipReason } from './skip-reason.js';

const CANDIDATE = /\.(jsonl|ndjson|json)$/i;
/** A corpus still in its archive: listed as skipped rather than passed over in silence. */
const ARCHIVED = /\.(jsonl|ndjson|json)\.(gz|zst|bz2|xz|zip)$/i;

export interface Inputs {
  files: string[];
  /** Files in folders that no adapter recognised, and why (explicitly named files never land here). */
  skipped: { path: string; reason: string }[];
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
    const skippedBefore = inputs.skipped.length;
    let found = 0;
    for (const file of walk(path)) {
      if (ARCHIVED.test(file)) inputs.skipped.push({ path: file, reason: 'compressed: decompress it first' });
      if (!CANDIDATE.test(file)) continue;
      if (format !== 'auto' || (await detectFormat(file))) {
        inputs.files.push(file);
        found++;
      } else inputs.skipped.push({ path: file, reason: await skipReason(file) });
    }
    if (found === 0) {
      const skipped = inputs.skipped.slice(skippedBefore);
      const listed = skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ');
      const why = skipped.length === 0 ? '' : `; skipped ${listed}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ''}`;
      throw new PipelineError(
        'INPUT',
        `${path}: nothing ingestible (no .json/.jsonl file that an adapter recognises${why})`,
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
