/**
 * Part-of-speech tags for short attribute values, for the completeness rules that need to know
 * what kind of word ends or makes up a value ("with fresh" ends in an adjective with no noun).
 * wink-nlp is loaded here on its own (sentence split and POS only) rather than through the
 * extractor's tokeniser, so the evaluation shares no code with what produced the values.
 * Values repeat a lot across personas, so tags are memoised per text.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface TaggedWord {
  /** Lower-case surface form. */
  word: string;
  /** wink lemma, lower case ("businesses" → "business", "seems" → "seem"). */
  lemma: string;
  /** Universal POS tag ("NOUN", "ADJ", "ADP", "AUX", "VERB", "PROPN", …). */
  pos: string;
}

let nlp: ReturnType<typeof winkNLP> | undefined;
const memo = new Map<string, TaggedWord[]>();

/** The words of `text` with their tags; punctuation and spaces are left out. */
export function tagWords(text: string): TaggedWord[] {
  const hit = memo.get(text);
  if (hit) return hit;
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  // wink's .d.ts types lemma with a signature `out` rejects; it is a token `its` like the others.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  const out: TaggedWord[] = [];
  values.forEach((v, i) => {
    const pos = tags[i] ?? 'X';
    if (pos === 'PUNCT' || pos === 'SPACE' || pos === 'SYM') return;
    out.push({ word: v.toLowerCase(), lemma: (lemmas[i] ?? v).toLowerCase(), pos });
  });
  if (memo.size > 100_000) memo.clear();
  memo.set(text, out);
  return out;
}
