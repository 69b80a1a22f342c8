import type { Store } from '../store/store.js';
import type { NestedTaxonomy } from './export.js';
import { versionNodes } from './export.js';

/**
 * Each node's label chain (root first) from the stored parent links, not by splitting `path`
 * on dots: a label may itself hold a dot ("St. Louis"). Read from the taxonomy tables only, so
 * it holds however a version was built.
 */
export async function labelChains(store: Store, versionId: number): Promise<{ chains: Map<string, string[]>; leaves: string[] }> {
  const nodes = await versionNodes(store, versionId);
  const byId = new Map(nodes.map((n) => [n.node_id, n]));
  const chains = new Map<string, string[]>();
  const chainOf = (id: string): string[] => {
    const known = chains.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const chain = n.parent_id && byId.has(n.parent_id) ? [...chainOf(n.parent_id), n.label] : [n.label];
    chains.set(id, chain);
    return chain;
  };
  for (const n of nodes) chainOf(n.node_id);
  const leaves = nodes.filter((n) => n.is_leaf).map((n) => n.node_id).sort((a, b) => compareChains(chains.get(a)!, chains.get(b)!) || (a < b ? -1 : 1));
  return { chains, leaves };
}

/** A version as the authors' nested JSON, built from label chains. */
export function nestedFromChains(chains: Iterable<readonly string[]>): NestedTaxonomy {
  const out: NestedTaxonomy = {};
  for (const chain of [...chains].sort(compareChains)) {
    let at = out;
    for (const label of chain) at = at[label] ??= {};
  }
  return out;
}

/** Label by label: "Work › Habit" sorts before "Work Arrangement" (as path strings "Work.Habit" would not). */
export function compareChains(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}
