/**
 * Is a verb a pursuit, something a person keeps doing over weeks or years, rather than a task of
 * the moment? Said in the progressive without a habit ("I'm hitting a roadblock", "I am preparing
 * an estimate") only a pursuit discloses anything about the speaker ("I've been tutoring
 * algebra"); and only a pursuit names an attribute after its verb (naming.ts, practiceName).
 *
 * WordNet decides first: the verb's -ing noun names a kind of activity (dancing → diversion →
 * activity; coaching → occupation → activity; knitting → handicraft → activity). A short list of
 * verbs adds the long-running pursuits whose -ing noun WordNet files elsewhere or lacks
 * ("volunteering", "tutoring", "training", "studying").
 */
import { defaultWordNet } from '../../lexicon/wordnet.js';
import { gerund } from './gerund.js';

const ONGOING = new Set([
  'learn', 'study', 'train', 'teach', 'tutor', 'volunteer', 'practice', 'practise', 'mentor', 'foster', 'raise', 'coach',
  'hike', 'run', 'travel', 'live', 'save', 'attend', 'take', 'homeschool', 'care', 'recover', 'garden', 'meditate',
  'journal', 'date', 'serve', 'compete', 'race', 'climb', 'cycle', 'bike', 'walk', 'jog', 'swim', 'lift',
  'read', 'cook', 'camp', 'photograph', 'research', 'sing', 'draw', 'sew', 'hunt', 'brew', 'quilt', 'crochet', 'knit',
]);

/** Hypernyms that make an -ing noun a pursuit: WordNet's "activity" and its near kin. */
const PURSUIT_CLASS = new Set(['activity', 'diversion', 'sport', 'occupation', 'avocation', 'exercise', 'game']);
/**
 * Said in the progressive ("I'm designing an application"), "activity" and "occupation" are too
 * wide: only a pastime is a pursuit whatever the moment.
 */
const PASTIME_CLASS = new Set(['diversion', 'sport', 'avocation', 'exercise', 'game']);

const cache = new Map<string, boolean>();

/** `strict`: the verb is said in the progressive, where only a pastime or a listed pursuit counts. */
export function isPursuit(lemma: string, strict = false): boolean {
  const key = `${strict ? 1 : 0}${lemma.toLowerCase()}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    const word = lemma.toLowerCase();
    // wink leaves some gerunds unlemmatised ("hiking"): try the verb without its -ing too.
    const stem = word.replace(/(?<=...)ing$/, '');
    hit = [word, stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].some((v) => ONGOING.has(v)) || ingNounIsActivity(word, strict ? PASTIME_CLASS : PURSUIT_CLASS);
    cache.set(key, hit);
  }
  return hit;
}

function ingNounIsActivity(lemma: string, classes: ReadonlySet<string>): boolean {
  const wn = defaultWordNet();
  const entry = wn?.lemma(gerund(lemma), 'noun');
  if (!wn || !entry) return false;
  // The first two senses: "booking" is an engagement (an occupation) before it is a reservation.
  for (const offset of entry.senses.slice(0, 2)) {
    if (wn.synset(offset).lexname !== 'noun.act') continue;
    if (wn.hypernymChain(offset).some((s) => s.words.some((w) => classes.has(w)))) return true;
  }
  return false;
}
