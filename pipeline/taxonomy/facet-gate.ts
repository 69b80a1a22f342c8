/**
 * The gate between a leaf's value clusters and its facets. A cluster is named after the head noun
 * most of its mentions carry (value-facets.ts), but vectors group near neighbours loosely, so a
 * "Fish" cluster can hold "snakes" and an "Occupation › Librarian" cluster "yoga instructor". A
 * facet's label must classify each member (value-head.ts: the member's head is the label's noun or
 * a kind of it in WordNet); a member that does not fit stays on the leaf itself (the residual
 * facet, labelled like the leaf); a facet left with fewer than `minMentions` fitting mentions is
 * not created and its members stay on the leaf too. Fragments ("or biking to get") join no facet,
 * so they are never shown as a facet's member or example; they still reach their leaf through
 * node_members (provenance is per node, not per facet).
 */
import { STATEMENT_ATTRIBUTES } from '../extractors/heuristic/naming.js';
import { nounEntry } from '../lexicon/noun-class.js';
import type { WordNet } from '../lexicon/wordnet.js';
import { headNoun, isFragmentValue, labelFits } from './value-head.js';

/** A facet needs this many fitting mentions, as a node needs its minimum support. */
export const FACET_MIN_MENTIONS = 2;

/** A facet's noun must belong to a lexicographer file holding at least this share of the leaf's value heads. */
export const FACET_MIN_LEXFILE_SHARE = 0.25;

export class FacetGate {
  private readonly support = new Map<string, number>();
  /** Mentions per lexicographer file of the values' heads (their first WordNet sense), and in all. */
  private readonly files = new Map<string, number>();
  private headed = 0;

  constructor(
    private readonly wn: WordNet | null,
    readonly leafLabel: string,
    private readonly minMentions = FACET_MIN_MENTIONS,
    /** Values the screen keeps out of every facet (value-screen.ts). */
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  /** The label a value takes before support is counted: its cluster's when that label classifies it, else the leaf's; null for a fragment or a screened value. */
  propose(clusterLabel: string, text: string, mentions: number): string | null {
    if (isFragmentValue(text) || this.hidden.has(text)) return null;
    const head = headNoun(text);
    const file = head && this.wn ? lexfilesOf(this.wn, head)[0] : undefined;
    if (file) {
      this.files.set(file, (this.files.get(file) ?? 0) + mentions);
      this.headed += mentions;
    }
    // "perfect the tulip design" is a goal, not a kind of design: statements are not split by their objects.
    const statement = STATEMENT_ATTRIBUTES.has(this.leafLabel.toLowerCase());
    const fits = !statement && clusterLabel !== 'Other' && clusterLabel !== this.leafLabel && (this.wn ? labelFits(this.wn, clusterLabel, head) : head === clusterLabel.toLowerCase());
    const label = fits ? clusterLabel : this.leafLabel;
    this.support.set(label, (this.support.get(label) ?? 0) + mentions);
    return label;
  }

  /**
   * The facet a proposed label ends in: itself when enough mentions fit it and its noun is the
   * leaf's kind of thing (a file common among the leaf's values: "Pet Ownership › Head" is a body
   * part among animals, "Occupation › Dinner" a meal among people), else the leaf.
   */
  final(proposed: string): string {
    if (proposed === this.leafLabel || (this.support.get(proposed) ?? 0) < this.minMentions) return this.leafLabel;
    if (!this.wn || this.headed === 0) return proposed;
    const common = lexfilesOf(this.wn, proposed.toLowerCase()).some((f) => (this.files.get(f) ?? 0) >= FACET_MIN_LEXFILE_SHARE * this.headed);
    return common ? proposed : this.leafLabel;
  }
}

/** The lexicographer files of a noun's senses, most frequent sense first. */
function lexfilesOf(wn: WordNet, noun: string): string[] {
  const entry = nounEntry(wn, noun)?.entry;
  return entry ? entry.senses.slice(0, 4).map((o) => wn.synset(o).lexname) : [];
}
