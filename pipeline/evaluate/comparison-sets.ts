import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Persona } from '../persona/types.js';
import { DEFAULT_REFERENCE_DIR } from '../taxonomy/compare-reference.js';
import { BASELINE_LABELS, type BaselineName } from './baselines.js';
import { toSetPersona } from './persona-metrics.js';
import { readPersonaFile } from './readers/read-persona-file.js';
import { releasedSets } from './readers/reference-sets.js';
import type { ComparisonSet, SetPersona } from './readers/types.js';

/**
 * Every persona set `evaluate` scores, ours first: our reconstructions of PersonaHub and of the
 * authors' code (labelled as such), the authors' released sets when their release is present,
 * and each `--compare` file. Names are unique column keys of eval.json.
 */

export interface GatheredSets {
  sets: ComparisonSet[];
  skipped: { file: string; reason: string }[];
}

type SourceOf = (p: Persona, i: number) => SetPersona['attributes'][number]['source'];

export function gatherSets(config: Config, ours: Persona[], baselines: Partial<Record<BaselineName, Persona[]>>, sourceOf: SourceOf): GatheredSets {
  const e = config.evaluate;
  const native = (name: string, kind: ComparisonSet['kind'], label: string, personas: Persona[]): ComparisonSet =>
    ({ name, kind, label, personas: personas.map((p) => toSetPersona(p, sourceOf)), native: personas, notes: [] });
  const sets: ComparisonSet[] = [native('ours', 'ours', 'our stored personas', ours)];
  for (const [name, personas] of Object.entries(baselines) as [BaselineName, Persona[]][]) sets.push(native(name, 'reconstruction', BASELINE_LABELS[name], personas));
  const skipped: GatheredSets['skipped'] = [];
  if (e.referenceDir !== false) {
    const released = releasedSets(resolve(e.referenceDir ?? DEFAULT_REFERENCE_DIR), e.maxPersonas);
    sets.push(...released.sets);
    skipped.push(...released.skipped);
  }
  const taken = new Set(sets.map((s) => s.name));
  for (const file of e.compare) {
    const read = readPersonaFile(resolve(file), e.maxPersonas);
    let name = `file:${read.name}`;
    for (let i = 2; taken.has(name); i++) name = `file:${read.name}-${i}`;
    taken.add(name);
    sets.push({ name, kind: 'file', label: `personas read from ${file} (${read.format})`, source: resolve(file), personas: read.personas, notes: read.notes });
  }
  return { sets, skipped };
}
