/**
 * Root placement from lexical evidence. The extractor hints a root per mention, and a phrase takes
 * the majority hint; one extractor rule can hint a root its words do not support (a furniture
 * preference under Relationships because the sentence mentioned a partner). WordNet says what the
 * phrase's topic is a kind of: when the hinted root's domain words (lexical-group.ts, ROOT_DOMAINS)
 * appear nowhere among the topic's specific hypernyms while another root's do, the phrase moves to
 * that root. The rule:
 *
 * 1. the topic and its hypernyms are read under the hinted root's sense choice; any of them
 *    carrying a domain word of the hinted root keeps the hint (leniently: even an upper class such
 *    as "communication" counts, so the hint needs only to be possible);
 * 2. otherwise they are read again with no domain bias (WordNet's own sense order), and the root
 *    whose domain word sits on the nearest specific synset (the topic itself or a hypernym that is
 *    not an upper class of lexical-group.ts) wins, when exactly one root is nearest;
 * 3. no evidence, or a tie between roots: the hint stays. WordNet never places a phrase it does not
 *    know, and a phrase without a hint keeps the root its vector chose unless rule 2 speaks.
 */
import type { Synset, WordNet } from '../lexicon/wordnet.js';
import { isGeneralSynset, rootDomain } from './lexical-group.js';
import { phraseConcept } from './phrase-concept.js';
import type { MergeRecord, PhraseInput } from './types.js';

/** The root index each phrase belongs to, after the lexical evidence; moves are logged. */
export function lexicalRoots(wn: WordNet, phrases: readonly PhraseInput[], roots: readonly string[], rootOf: Int32Array, log: MergeRecord[]): Int32Array {
  const domains = roots.map(rootDomain);
  const out = Int32Array.from(rootOf);
  const memo = new Map<string, number>();
  phrases.forEach((p, i) => {
    const r = rootOf[i]!;
    const key = `${r}|${p.text}`;
    let to = memo.get(key);
    if (to === undefined) memo.set(key, (to = placeByLexicon(wn, p.text, r, domains)));
    if (to === r) return;
    out[i] = to;
    log.push({ node: p.text, into: roots[to]!, level: 'root', reason: `WordNet places "${p.text}" under ${roots[to]}, not the extractor's ${roots[r]}`, similarity: null });
  });
  return out;
}

/** Rules 1–3 above for one phrase whose current root is r. */
export function placeByLexicon(wn: WordNet, text: string, r: number, domains: readonly Set<string>[]): number {
  if (votes(phraseConcept(wn, text, domains[r]!).chain, domains[r]!, true) !== Infinity) return r;
  // One unbiased reading serves every other root (it was read again per root: 11 times the work).
  const unbiased = phraseConcept(wn, text, NO_BIAS).chain;
  let best = r;
  let bestAt = Infinity;
  let tie = false;
  domains.forEach((domain, k) => {
    if (k === r) return;
    const at = votes(unbiased, domain, false);
    if (at < bestAt) [best, bestAt, tie] = [k, at, false];
    else if (at === bestAt && at !== Infinity) tie = true;
  });
  return bestAt === Infinity || tie ? r : best;
}

const NO_BIAS: ReadonlySet<string> = new Set();

/** How far up the topic's chain (its sense chosen under some bias) the first synset with a `domain` word sits (0: the topic); Infinity when none does. */
function votes(chain: readonly Synset[], domain: ReadonlySet<string>, lenient: boolean): number {
  for (let k = 0; k < chain.length; k++) {
    const s = chain[k]!;
    if (!lenient && isGeneralSynset(s, chain.length - 1 - k)) continue;
    // Leniently, a word of a compound counts too ("physical trait" is possible under a root about the physical).
    if (s.words.some((w) => domain.has(w) || (lenient && w.split(' ').some((part) => domain.has(part))))) return k;
  }
  return Infinity;
}
