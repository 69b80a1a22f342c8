import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { personaRng } from '../persona/rng.js';
import type { Store } from '../store/store.js';
import { seededPick } from './seeded-pick.js';
import { labelChains } from './stored-paths.js';

/**
 * `taxonomy sample`: N random leaf paths to rate by eye (junk? misplaced?), each with one member
 * value and the exact quote it came from. The unit is what a persona draws: a value facet where
 * a leaf is split, else the leaf. Units are drawn without replacement, then one of the unit's
 * mentions uniformly, each from its own seeded stream, so `--n 10` is the first 10 of `--n 60`.
 */

export interface SampledPath {
  /** Root … leaf, then the facet label when the leaf is split. */
  path: string[];
  nodeId: string;
  facetId: string | null;
  /** Mentions under the unit (the value was drawn from these). */
  mentions: number;
  mentionId: string;
  attribute: string;
  value: string;
  polarity: string;
  quote: string;
  turnId: string;
  spanStart: number;
  spanEnd: number;
  conversationId: string;
  externalId: string;
  /** source file:line of the conversation. */
  locator: string;
}

/** `drawFrom`: the facet whose members the value is drawn from (an unsplit leaf's one facet, which leaves out fragments), else the node. */
type Unit = { path: string[]; nodeId: string; facetId: string | null; mentions: number; drawFrom: string | null };

export async function sampleLeafPaths(store: Store, versionId: number, n: number, seed: number): Promise<{ units: number; rows: SampledPath[] }> {
  const units = await sampleUnits(store, versionId);
  const rows: SampledPath[] = [];
  for (const [position, k] of seededPick(units.length, n, seed, 'taxonomy/sample/paths').entries()) {
    const unit = units[k]!;
    const offset = uniformInt(personaRng(seed, position, 'taxonomy/sample/value'), 0, unit.mentions - 1);
    const [view, key, id] = unit.drawFrom ? ['facet_evidence', 'facet_id', unit.drawFrom] : ['node_evidence', 'node_id', unit.nodeId];
    const m = (await store.all<Record<string, unknown>>(
      `SELECT mention_id, attribute, value, polarity, quote, turn_id, span_start, span_end, conversation_id, external_id, locator
       FROM ${view} WHERE version_id = $1 AND ${key} = $2 ORDER BY mention_id LIMIT 1 OFFSET $3`,
      [versionId, id, offset],
    ))[0]!;
    rows.push({
      path: unit.path, nodeId: unit.nodeId, facetId: unit.facetId, mentions: unit.mentions,
      mentionId: String(m.mention_id), attribute: String(m.attribute), value: String(m.value), polarity: String(m.polarity), quote: String(m.quote),
      turnId: String(m.turn_id), spanStart: Number(m.span_start), spanEnd: Number(m.span_end),
      conversationId: String(m.conversation_id), externalId: String(m.external_id), locator: String(m.locator),
    });
  }
  return { units: units.length, rows };
}

/** Every unit with evidence, in a fixed order: leaves by label chain, a leaf's split facets by label then id. */
async function sampleUnits(store: Store, versionId: number): Promise<Unit[]> {
  const { chains, leaves } = await labelChains(store, versionId);
  const leafMentions = await counts(store, `SELECT node_id AS id, count(*) AS n FROM node_evidence WHERE version_id = $1 AND node_id = leaf_id GROUP BY node_id`, versionId);
  const facets = await store.all<{ facet_id: string; node_id: string; label: string; is_split: boolean }>(
    'SELECT facet_id, node_id, label, is_split FROM value_facets WHERE version_id = $1 ORDER BY node_id, label, facet_id', [versionId]);
  const facetMentions = await counts(store, 'SELECT facet_id AS id, count(*) AS n FROM facet_evidence WHERE version_id = $1 GROUP BY facet_id', versionId);
  const facetsOf = new Map<string, typeof facets>();
  for (const f of facets) facetsOf.set(f.node_id, [...(facetsOf.get(f.node_id) ?? []), f]);
  // A version built with value facets draws only from them: a leaf without one (a generic leaf of
  // failed names) is evidence, not something a persona draws. Older versions draw from their leaves.
  const faceted = facets.length > 0;
  return leaves.flatMap((nodeId): Unit[] => {
    const path = chains.get(nodeId)!;
    const own = facetsOf.get(nodeId) ?? [];
    if (faceted && own.length === 0) return [];
    const split = own.filter((f) => f.is_split);
    if (split.length === 0) {
      const whole = own[0];
      return [{ path, nodeId, facetId: null, mentions: whole ? facetMentions.get(whole.facet_id) ?? 0 : leafMentions.get(nodeId) ?? 0, drawFrom: whole?.facet_id ?? null }];
    }
    // The residual facet carries the leaf's own label: its path is the leaf's.
    return split.map((f) => ({ path: f.label === path[path.length - 1] ? path : [...path, f.label], nodeId, facetId: f.facet_id, mentions: facetMentions.get(f.facet_id) ?? 0, drawFrom: f.facet_id }));
  }).filter((u) => u.mentions > 0);
}

async function counts(store: Store, sql: string, versionId: number): Promise<Map<string, number>> {
  return new Map((await store.all<{ id: string; n: number | bigint }>(sql, [versionId])).map((r) => [r.id, Number(r.n)]));
}
