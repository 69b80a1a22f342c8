/**
 * Which of a leaf's values are never drawn (never a facet member, a persona's value or a
 * `taxonomy sample` example). They stay evidence of the leaf through node_members, like the
 * fragments of value-head.ts; only what is shown is screened:
 * - fragments ("or biking to get");
 * - values in the speaker's first person ("edible flowers in my designs");
 * - values whose only noun is a general one ("places", "minor stuff");
 * - values with no noun at all ("quieter", "sure") in a leaf whose values are nouns (3 of 4
 *   mentions): there an adjective is the extractor's cut, while in "Personality Trait" it is the
 *   answer;
 * - under a class name ("Motor Vehicle Preference"), values whose sense is not of the class
 *   (value-sense.ts: "endangered amphibians", "punk rock bands" under Stringed Instrument).
 * When every value would be screened, none is (first-person values excepted): the leaf keeps
 * something to show, and the name gate, not this screen, judges such a leaf.
 */
import type { Embedder } from '../core/types.js';
import type { WordNet } from '../lexicon/wordnet.js';
import type { Store } from '../store/store.js';
import { nounEntry } from '../lexicon/noun-class.js';
import { headNoun, isFirstPersonValue, isFragmentValue, isGeneralValue } from './value-head.js';
import { stripAffix } from './phrase-concept.js';
import { singularWord } from '../embed/normalise-phrase.js';
import { classTopic, fitByLexicon, fitsInContext, signaturesOf } from './value-sense.js';

/** A leaf counts as one of nouns when at least this share of its shown mentions have a noun (or -ing) head. */
const NOUN_LEAF_SHARE = 0.75;

/** Sense signature vectors per head noun, embedded once per build. */
export class SignatureVectors {
  private readonly byHead = new Map<string, Float32Array[]>();
  constructor(private readonly wn: WordNet, private readonly embedder: Embedder) {}

  async ensure(heads: Iterable<string>): Promise<void> {
    const missing = [...new Set(heads)].filter((h) => !this.byHead.has(h)).sort();
    const texts = missing.map((h) => signaturesOf(this.wn, h));
    const flat = texts.flat();
    const vectors = flat.length ? await this.embedder.embed(flat) : [];
    let k = 0;
    missing.forEach((h, i) => this.byHead.set(h, texts[i]!.map(() => vectors[k++]!)));
  }

  of(head: string): Float32Array[] {
    return this.byHead.get(head) ?? [];
  }

  /** Values in the same space as the signatures. */
  embedValues(values: string[]): Promise<Float32Array[]> {
    return this.embedder.embed(values);
  }
}

/** The screened values of leaf `l` (facet_leaf_values), read in two streamed passes. */
export async function screenedValues(store: Store, l: number, leafLabel: string, wn: WordNet | null, signatures: SignatureVectors | null): Promise<Set<string>> {
  const read = () => store.stream<{ value: string; mentions: number }>('SELECT value, mentions FROM facet_leaf_values WHERE leaf = $1 ORDER BY value', [l]);
  let headed = 0;
  let total = 0;
  for await (const rows of read()) {
    for (const r of rows) {
      if (isFragmentValue(r.value)) continue;
      total += Number(r.mentions);
      if (nounHead(wn, r.value) !== null) headed += Number(r.mentions);
    }
  }
  const nounLeaf = headed >= NOUN_LEAF_SHARE * total;
  const topic = wn ? classTopic(wn, leafLabel) : null;
  const hidden = new Set<string>();
  const firstPerson = new Set<string>();
  const ambiguous: { value: string; head: string }[] = [];
  let shown = 0;
  for await (const rows of read()) {
    for (const { value } of rows) {
      if (isFragmentValue(value)) continue;
      const head = nounHead(wn, value);
      if (isFirstPersonValue(value)) firstPerson.add(value);
      else if ((!head && nounLeaf) || isGeneralValue(value) || echoesLeaf(value, leafLabel)) hidden.add(value);
      else if (!head || !topic || !wn) shown++;
      else {
        const fit = fitByLexicon(wn, topic, head);
        if (fit === 'misfit') hidden.add(value);
        // Lesk needs context: a bare head ("cars") keeps the benefit of the doubt.
        else if (fit === 'ambiguous' && signatures && /\s/.test(value.trim())) ambiguous.push({ value, head });
        else shown++;
      }
    }
  }
  if (ambiguous.length > 0 && wn && topic && signatures) {
    // Embedded after the stream: the embedder may be a network client, and the cursor stays short-lived.
    await signatures.ensure(ambiguous.map((a) => a.head));
    const vectors = await signatures.embedValues(ambiguous.map((a) => a.value));
    ambiguous.forEach((a, i) => (fitsInContext(wn, topic, a.head, vectors[i]!, signatures.of(a.head)) ? shown++ : hidden.add(a.value)));
  }
  // Another speaker's first person is never shown, even when it leaves the leaf nothing to show.
  return shown > 0 ? new Set([...hidden, ...firstPerson]) : firstPerson;
}

/**
 * The value's head noun, or null when it has none. The tagger calls a lone word a noun by
 * default ("cozy", "sustainable", "free"): a word WordNet knows as an adjective and not as a noun
 * is no noun head.
 */
function nounHead(wn: WordNet | null, value: string): string | null {
  const head = headNoun(value);
  if (!head || !wn || head.endsWith('ing')) return head;
  if (!nounEntry(wn, head) && (wn.lemma(head, 'adj')?.senses.length ?? 0) > 0) return null;
  // A compound WordNet knows is the head ("country music", "pickup truck"): its sense is the one meant.
  const words = value.toLowerCase().split(/[\s-]+/);
  const at = words.findIndex((w) => w === head || w.replace(/s$/, '') === head);
  for (const from of [at - 2, at - 1]) {
    const compound = from >= 0 ? nounEntry(wn, words.slice(from, at + 1).join(' ')) : null;
    if (compound) return compound.lemma;
  }
  return head;
}

/**
 * A value that only repeats its leaf's topic ("Owned Structure = structure", "Child = children",
 * "Place Preference = places") says nothing the leaf does not.
 */
export function echoesLeaf(value: string, leafLabel: string): boolean {
  const topic = stripAffix(leafLabel).topic;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).map(singularWord);
  const v = words(value);
  return v.length > 0 && v.join(' ') === words(topic).join(' ');
}
