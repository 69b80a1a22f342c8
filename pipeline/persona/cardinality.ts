import { cachedJsonLoader } from '../core/json-file.js';
import { z } from 'zod';
import { singular } from './consistency-occupation.js';
import { repoPath } from '../core/repo-path.js';

/**
 * Attribute cardinality: does one person hold one value of a taxonomy node (religion, marital
 * status, employer) or several (hobbies, fears)? Mined from speakers: among the speaker units
 * (a conversation; a Puffin turn, which has no speaker boundary) that state the node more than
 * once, the share that state two *different* values ("kid" and "kids" are one value). A
 * committed lexicon (data/consistency/cardinality.json) gives a Beta prior per label; the mined
 * counts are added to it and a node is single-valued when the posterior multi-value rate is below
 * the lexicon's threshold. One-turn prompts rarely repeat an attribute, so on small corpora the
 * prior decides and on rich ones the data can overrule a weak prior.
 */

const PriorSchema = z.object({
  cardinality: z.enum(['single', 'multi']),
  strength: z.number().positive(),
  labels: z.array(z.string().min(1)).min(1),
});
const LexiconSchema = z.object({
  version: z.literal(1),
  license: z.string(),
  threshold: z.number().gt(0).lt(1),
  unknown: z.object({ multi: z.number().positive(), single: z.number().positive() }),
  priors: z.array(PriorSchema),
});
export type CardinalityLexicon = z.infer<typeof LexiconSchema>;

export const DEFAULT_CARDINALITY_PATH = repoPath('data', 'consistency', 'cardinality.json');
export const loadCardinalityLexicon: (path?: string) => CardinalityLexicon = cachedJsonLoader(DEFAULT_CARDINALITY_PATH, (json) => LexiconSchema.parse(json));

/** What the corpus says about one node, accumulated over speaker units. */
export interface NodeEvidence {
  nodeId: string;
  /** Speaker units stating the node at all. */
  units: number;
  /** Units stating it at least twice. */
  repeats: number;
  /** Units stating at least two different values. */
  multi: number;
  /** perUnit[n] = units with n different values (n ≥ 1; index 0 unused), for drawing counts. */
  perUnit: number[];
}

export interface Cardinality {
  single: boolean;
  /** Posterior mean share of repeating speakers who state different values. */
  multiRate: number;
  /** Where the decision came from: the lexicon prior alone, the data alone, or both. */
  source: 'lexicon' | 'data' | 'lexicon+data';
}

const STOP = new Set(['a', 'an', 'the', 'my', 'our', 'of', 'for', 'to', 'and', 'or', 'with', 'in', 'on', 'at', 'own', 'some']);
const tokens = (v: string) => new Set((v.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map(singular));

/**
 * How many different values one speaker stated: a value whose words are all inside another's is
 * the same value said more or less fully ("kid" / "kids", "vegan" / "strict vegan").
 */
export function distinctValues(values: readonly string[]): number {
  const sets = [...new Set(values.map((v) => v.trim().toLowerCase()))].map(tokens).filter((s) => s.size > 0).sort((a, b) => b.size - a.size);
  const kept: Set<string>[] = [];
  for (const s of sets) if (!kept.some((k) => [...s].every((w) => k.has(w)))) kept.push(s);
  return kept.length;
}

/** Adds one speaker unit's values of a node to its evidence. */
export function addUnit(e: NodeEvidence, values: readonly string[], mentions: number): void {
  const n = Math.max(1, distinctValues(values));
  e.units++;
  if (mentions > 1) e.repeats++;
  if (n > 1) e.multi++;
  while (e.perUnit.length <= n) e.perUnit.push(0);
  e.perUnit[n]!++;
}

export const emptyEvidence = (nodeId: string): NodeEvidence => ({ nodeId, units: 0, repeats: 0, multi: 0, perUnit: [0] });

const normaliseLabel = (label: string) => label.toLowerCase().replace(/^(?:(?:current|primary|main|my|present|own)\s+)+/, '').trim();

/** The node's cardinality from its label (the prior) and its mined evidence. */
export function cardinalityOf(label: string, evidence: NodeEvidence | undefined, lexicon: CardinalityLexicon = loadCardinalityLexicon()): Cardinality {
  const key = normaliseLabel(label);
  const prior = lexicon.priors.find((p) => p.labels.includes(key));
  const [a, b] = prior
    ? prior.cardinality === 'multi' ? [prior.strength, 1e-3 * prior.strength] : [1e-3 * prior.strength, prior.strength]
    : [lexicon.unknown.multi, lexicon.unknown.single];
  const repeats = evidence?.repeats ?? 0;
  const multi = Math.min(evidence?.multi ?? 0, repeats);
  const multiRate = (a + multi) / (a + b + repeats);
  const source = prior ? (repeats > 0 ? 'lexicon+data' : 'lexicon') : 'data';
  return { single: multiRate < lexicon.threshold, multiRate, source };
}
