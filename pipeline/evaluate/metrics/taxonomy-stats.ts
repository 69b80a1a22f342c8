import { normalisePhrase } from '../../embed/normalise-phrase.js';
import { empty, sortedRecord, summarise } from './stats.js';

/** One taxonomy_nodes row, as the store returns it (only the columns these stats read). */
export interface TaxonomyNodeRow {
  node_id: string;
  parent_id: string | null;
  label: string;
  /** 1 for a root (taxonomy/types.ts). */
  depth: number;
  root: string;
  is_leaf: boolean;
  support_conversations: number;
}

export interface SupportSummary {
  min: number;
  median: number;
  p90: number;
  max: number;
}

export interface TaxonomyStats {
  nodes: number;
  leaves: number;
  /** Deepest node depth under each root (a bare root gives 1). */
  maxDepthByRoot: Record<string, number>;
  /** support_conversations over all nodes and over leaves (null when there is no leaf). */
  support: SupportSummary;
  leafSupport: SupportSummary | null;
  /** The k used below. */
  minSupport: number;
  /** Share of all nodes, and of leaves (null without leaves), with support_conversations ≥ k. */
  shareAtLeastK: number;
  leafShareAtLeastK: number | null;
}

/**
 * Shape and support of one taxonomy version. Quantiles are type 7 (stats.ts: the median of
 * [1, 2, 3, 4] is 2.5). Leaves are reported apart because an internal node's support is the union
 * of its leaves', so all-node figures lean high. Throws a RangeError on no nodes.
 */
export function taxonomyStats(nodes: readonly TaxonomyNodeRow[], minSupport: number): TaxonomyStats {
  if (nodes.length === 0) empty('taxonomy stats');
  if (!Number.isFinite(minSupport)) throw new RangeError(`taxonomy stats: k ${minSupport} is not finite`);
  const maxDepth = new Map<string, number>();
  for (const n of nodes) maxDepth.set(n.root, Math.max(maxDepth.get(n.root) ?? -Infinity, n.depth));
  const leaves = nodes.filter((n) => n.is_leaf);
  const supports = nodes.map((n) => n.support_conversations);
  const leafSupports = leaves.map((n) => n.support_conversations);
  const shareAtLeast = (values: number[]) => values.filter((s) => s >= minSupport).length / values.length;
  return {
    nodes: nodes.length,
    leaves: leaves.length,
    maxDepthByRoot: sortedRecord(maxDepth),
    support: summarise(supports, 'support'),
    leafSupport: leaves.length ? summarise(leafSupports, 'leaf support') : null,
    minSupport,
    shareAtLeastK: shareAtLeast(supports),
    leafShareAtLeastK: leaves.length ? shareAtLeast(leafSupports) : null,
  };
}

export interface DuplicateLabelGroup {
  /** Shared parent; null for the roots (which are siblings of each other). */
  parentId: string | null;
  normalised: string;
  nodeIds: string[];
}

/**
 * Siblings (same parent_id) whose labels are equal after `normalise` — by default normalisePhrase,
 * which folds case, accents, punctuation, possessives and plurals ("Pets" = "pet"), a stricter
 * check than the labeller's own case-only rule. `pairs` counts sibling pairs: a group of m
 * same-label siblings adds m(m − 1)/2. Groups are sorted for stable reports. No nodes: 0 pairs.
 */
export function duplicateSiblingLabels(
  nodes: readonly TaxonomyNodeRow[],
  normalise: (label: string) => string = normalisePhrase,
): { pairs: number; groups: DuplicateLabelGroup[] } {
  const byKey = new Map<string, DuplicateLabelGroup>();
  for (const n of nodes) {
    const normalised = normalise(n.label);
    const key = `${n.parent_id ?? ''}\u001f${n.parent_id === null ? 'root' : 'child'}\u001f${normalised}`;
    const group = byKey.get(key) ?? { parentId: n.parent_id, normalised, nodeIds: [] };
    group.nodeIds.push(n.node_id);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()]
    .filter((g) => g.nodeIds.length > 1)
    .map((g) => ({ ...g, nodeIds: [...g.nodeIds].sort() }))
    .sort((a, b) => cmp(a.parentId ?? '', b.parentId ?? '') || cmp(a.normalised, b.normalised));
  return { pairs: groups.reduce((s, g) => s + (g.nodeIds.length * (g.nodeIds.length - 1)) / 2, 0), groups };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A PII check on one label: true / false, or a result carrying the kinds found. Both
 * privacy/pii-scrubber.ts `containsPii` (boolean) and `scrubPii` ({ text, found }) fit, and so does
 * `(l) => containsPii(l) || isPersonalNameLike(l)` to also catch names.
 */
export type LabelPiiDetector = (text: string) => boolean | { readonly found: readonly string[] };

export interface LabelPiiReport {
  checked: number;
  flagged: { nodeId: string; label: string; kinds: string[] }[];
  /** flagged / checked. */
  share: number;
}

/**
 * Runs `detect` on every node label (labels reach reports and persona cards, so they must not
 * carry PII mined from conversations). Flagged nodes in node_id order; `kinds` is empty when the
 * detector only answers true/false. Throws a RangeError on no nodes (the share is undefined).
 */
export function labelPiiCheck(nodes: readonly TaxonomyNodeRow[], detect: LabelPiiDetector): LabelPiiReport {
  if (nodes.length === 0) empty('label PII check');
  const flagged: LabelPiiReport['flagged'] = [];
  for (const n of nodes) {
    const result = detect(n.label);
    const kinds = typeof result === 'boolean' ? [] : [...result.found];
    if (result === true || kinds.length > 0) flagged.push({ nodeId: n.node_id, label: n.label, kinds });
  }
  flagged.sort((a, b) => cmp(a.nodeId, b.nodeId));
  return { checked: nodes.length, flagged, share: flagged.length / nodes.length };
}
