import { agnes, type Cluster } from 'ml-hclust';
import { canonicalMerges } from './cut-tree.js';
import { cosineDistance } from './nn-chain.js';
import type { HierarchicalClusterer, Matrix, Merge } from './types.js';

/**
 * Reference implementation: ml-hclust's `agnes` with average linkage on cosine distance. It rebuilds
 * the whole distance matrix after every merge (O(n³); ~2 minutes at 3,000 points) and holds it as
 * arrays of numbers, so it is kept for cross-checking nn-chain on small inputs, not for production.
 */
export function createMlHclustClusterer(): HierarchicalClusterer {
  return { id: 'ml-hclust@average', linkage: mlHclustLinkage };
}

function mlHclustLinkage(m: Matrix): Merge[] {
  const { data, n, d } = m;
  if (n < 2) return [];
  // Row views, not copies: agnes only hands them to the distance function.
  const rows = Array.from({ length: n }, (_, i) => data.subarray(i * d, (i + 1) * d));
  const root = agnes(rows, { method: 'average', distanceFunction: cosineDistance });

  // Iterative post-order walk (the tree can be n deep) numbering internal nodes in creation order,
  // i.e. children before parents, which is what canonicalMerges expects.
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const ids = new Map<Cluster, number>();
  const idOf = (c: Cluster) => (c.isLeaf ? c.index : ids.get(c)!);
  const stack: { c: Cluster; expanded: boolean }[] = [{ c: root, expanded: false }];
  let t = 0;
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.c.isLeaf) continue;
    if (!top.expanded) {
      stack.push({ c: top.c, expanded: true });
      for (const child of top.c.children) stack.push({ c: child, expanded: false });
      continue;
    }
    const [a, b] = top.c.children;
    if (!a || !b || top.c.children.length !== 2) throw new Error('ml-hclust returned a non-binary merge');
    left[t] = idOf(a);
    right[t] = idOf(b);
    height[t] = top.c.height;
    ids.set(top.c, n + t++);
  }
  if (t !== n - 1) throw new Error(`ml-hclust returned ${t} merges for ${n} points`);
  return canonicalMerges(n, left, right, height);
}
