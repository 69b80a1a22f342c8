import type { ValueOrigin } from '../../persona/types.js';
import { empty, sortedRecord } from './stats.js';

/**
 * How deep each persona is and how much of the taxonomy the population uses. Inputs are the few
 * fields needed (structurally satisfied by persona/types.ts `Persona`), so the caller can pass
 * personas straight from personas.jsonl or rows from the store.
 */

export interface CoverageAttribute {
  nodeId: string;
  root: string;
  origin: ValueOrigin;
}

export interface CoveragePersona {
  attributes: readonly CoverageAttribute[];
}

export interface CountSummary {
  mean: number;
  min: number;
  max: number;
}

const ORIGINS: readonly ValueOrigin[] = ['anchor', 'corpus', 'llm'];

function countSummary(counts: readonly number[], what: string): CountSummary {
  if (counts.length === 0) empty(what);
  let [sum, min, max] = [0, Infinity, -Infinity];
  for (const c of counts) [sum, min, max] = [sum + c, Math.min(min, c), Math.max(max, c)];
  return { mean: sum / counts.length, min, max };
}

/** Attributes per persona (every attribute row, anchors included). Throws on no personas. */
export const attributesPerPersona = (personas: readonly CoveragePersona[]): CountSummary =>
  countSummary(personas.map((p) => p.attributes.length), 'attributes per persona');

/** Distinct roots each persona has at least one attribute under. Throws on no personas. */
export const rootsPerPersona = (personas: readonly CoveragePersona[]): CountSummary =>
  countSummary(personas.map((p) => new Set(p.attributes.map((a) => a.root)).size), 'roots per persona');

/**
 * Share of the taxonomy's leaves used by at least one persona: |used ∩ leaves| / |leaves|. Node
 * ids that are not in `leafIds` (an attribute from another version) are not counted as used.
 * Throws on an empty leaf list.
 */
export function leafCoverage(personas: readonly CoveragePersona[], leafIds: Iterable<string>): { used: number; leaves: number; share: number } {
  const leaves = new Set(leafIds);
  if (leaves.size === 0) empty('leaf coverage');
  const used = new Set<string>();
  for (const p of personas) for (const a of p.attributes) if (leaves.has(a.nodeId)) used.add(a.nodeId);
  return { used: used.size, leaves: leaves.size, share: used.size / leaves.size };
}

/** Share of all attributes by origin (every origin present, summing to 1). Throws on no attributes. */
export function originMix(personas: readonly CoveragePersona[]): Record<ValueOrigin, number> {
  const counts = new Map<ValueOrigin, number>(ORIGINS.map((o) => [o, 0]));
  let total = 0;
  for (const p of personas) {
    for (const a of p.attributes) {
      if (!counts.has(a.origin)) throw new RangeError(`origin mix: unknown origin "${a.origin}"`);
      counts.set(a.origin, counts.get(a.origin)! + 1);
      total++;
    }
  }
  if (total === 0) empty('origin mix');
  return sortedRecord([...counts].map(([o, n]) => [o, n / total] as const)) as Record<ValueOrigin, number>;
}

/** What the caller knows about one persona attribute's provenance. */
export interface ProvenanceFlags {
  origin: ValueOrigin;
  /** The attribute points at a taxonomy node (non-empty node id found in the version). */
  hasNodeId: boolean;
  /** At least one evidence mention backs the value (only required for corpus values). */
  hasEvidence: boolean;
}

export interface ProvenanceCompleteness {
  attributes: number;
  /** Share of all attributes with a node id. */
  withNodeId: number;
  corpusValues: number;
  /** Share of corpus values with ≥ 1 evidence mention; null when there is no corpus value. */
  corpusWithEvidence: number | null;
  /** Share of all attributes that are complete: a node id and, for a corpus value, evidence. */
  complete: number;
}

/**
 * Provenance completeness. Anchor and LLM values need only a node id (an anchor's evidence is
 * the population table, an LLM value's is its call id); corpus values also need evidence. Throws
 * on no attributes; `corpusWithEvidence` is null rather than a throw when only corpus values are
 * missing, since a run without corpus values is legitimate.
 */
export function provenanceCompleteness(rows: readonly ProvenanceFlags[]): ProvenanceCompleteness {
  if (rows.length === 0) empty('provenance completeness');
  let withNodeId = 0;
  let corpus = 0;
  let corpusWithEvidence = 0;
  let complete = 0;
  for (const r of rows) {
    if (r.hasNodeId) withNodeId++;
    if (r.origin === 'corpus') {
      corpus++;
      if (r.hasEvidence) corpusWithEvidence++;
    }
    if (r.hasNodeId && (r.origin !== 'corpus' || r.hasEvidence)) complete++;
  }
  return {
    attributes: rows.length,
    withNodeId: withNodeId / rows.length,
    corpusValues: corpus,
    corpusWithEvidence: corpus === 0 ? null : corpusWithEvidence / corpus,
    complete: complete / rows.length,
  };
}
