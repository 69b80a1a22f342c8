import type { Leaf } from './leaf-catalog.js';
import type { Anchors } from './types.js';

/**
 * Taxonomy units that restate an anchor: the persona's own job, gender, nationality and home. A
 * corpus value there would contradict the anchors ("Gender: man" on a woman, "Nationality: indian"
 * for someone sampled in Japan), so the anchor fills the first such unit chosen and the others of
 * the same kind are left out. Age is handled by the value sampler (numeric ranges).
 */

interface AnchorKind {
  kind: string;
  /** Matches one segment of the unit's path (a leaf or its facet). */
  segment: RegExp;
  value(anchors: Anchors): string | null;
}

const KINDS: readonly AnchorKind[] = [
  { kind: 'occupation', segment: /^(?:occupation|job|job title|profession)$/i, value: (a) => a.occupation?.title.toLowerCase() ?? null },
  { kind: 'sex', segment: /^(?:gender|sex|gender identity)$/i, value: (a) => a.sex },
  { kind: 'nationality', segment: /^(?:nationality|citizenship|country of citizenship)$/i, value: (a) => a.country.name },
  { kind: 'residence', segment: /^(?:place of residence|residence|location|city|hometown|current city|home town)$/i, value: (a) => `${a.city.name}, ${a.country.name}` },
];

const kindCache = new WeakMap<Leaf, AnchorKind | null>();

/** The anchor kind a unit restates, if any (cached: looked up for every draw). */
export function anchorKindOf(leaf: Leaf): AnchorKind | null {
  let kind = kindCache.get(leaf);
  if (kind === undefined) {
    const segments = leaf.path.split('.').slice(1);
    kind = KINDS.find((k) => segments.some((s) => k.segment.test(s))) ?? null;
    kindCache.set(leaf, kind);
  }
  return kind;
}
