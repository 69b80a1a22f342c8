import { wordTable } from '../core/word-table.js';
/**
 * Canonical attribute phrases: extractors (LLM or rules) write "Pet_ownership", "pets owned" or
 * "Mother's job"; clustering should see one spelling per idea, so case, punctuation, possessives,
 * plurals and edge stop words are folded away. Deterministic and idempotent:
 * normalisePhrase(normalisePhrase(x)) === normalisePhrase(x).
 */

// Plural → singular forms that no suffix rule gets right.
const IRREGULAR: Readonly<Record<string, string>> = wordTable({
  children: 'child', people: 'person', women: 'woman', men: 'man', feet: 'foot', teeth: 'tooth',
  mice: 'mouse', geese: 'goose', oxen: 'ox', lives: 'life', wives: 'wife', knives: 'knife',
  wolves: 'wolf', leaves: 'leaf', shelves: 'shelf', halves: 'half', thieves: 'thief', calves: 'calf',
  loaves: 'loaf', elves: 'elf', scarves: 'scarf', selves: 'self', crises: 'crisis', analyses: 'analysis',
  theses: 'thesis', diagnoses: 'diagnosis', hypotheses: 'hypothesis', phenomena: 'phenomenon',
  businessmen: 'businessman', businesswomen: 'businesswoman', salesmen: 'salesman', firemen: 'fireman',
  policemen: 'policeman', gentlemen: 'gentleman', chairmen: 'chairman', sportsmen: 'sportsman',
  craftsmen: 'craftsman', fishermen: 'fisherman', freshmen: 'freshman',
  potatoes: 'potato', tomatoes: 'tomato', heroes: 'hero', echoes: 'echo', mosquitoes: 'mosquito',
  buses: 'bus', viruses: 'virus', bonuses: 'bonus', campuses: 'campus', statuses: 'status',
  censuses: 'census', choruses: 'chorus', geniuses: 'genius', quizzes: 'quiz',
});

// Words that end in s but are not plurals (or have no singular worth folding to).
const INVARIANT = new Set([
  'series', 'species', 'news', 'means', 'glasses', 'sunglasses', 'eyeglasses', 'clothes', 'pants',
  'jeans', 'shorts', 'trousers', 'scissors', 'pajamas', 'pyjamas', 'lens', 'gas', 'alias', 'atlas',
  'bias', 'canvas', 'christmas', 'texas', 'vegas', 'chaos', 'diabetes', 'herpes', 'rabies', 'measles',
  'mumps', 'shingles', 'headquarters', 'premises', 'whereabouts', 'always', 'perhaps', 'sometimes',
  'towards', 'afterwards', 'besides', 'whereas', 'nowadays', 'outdoors', 'indoors', 'overseas',
  'upstairs', 'downstairs', 'does', 'goes', 'lyrics', 'thanks', 'wellbeing',
]);

// Nouns in -ie whose plural -ies must not become -y ("movies" is not "movy").
const IE_NOUNS = new Set([
  'movie', 'cookie', 'calorie', 'zombie', 'rookie', 'selfie', 'hippie', 'goalie', 'smoothie', 'brownie',
  'genie', 'prairie', 'pixie', 'auntie', 'sweetie', 'budgie', 'hoodie', 'indie', 'veggie', 'foodie',
  'newbie', 'techie', 'junkie', 'roomie', 'bestie', 'freebie', 'birdie', 'lingerie', 'groupie', 'aussie',
]);

const EDGE_STOP_WORDS = new Set(['the', 'a', 'an', 'my', 'of']);

/** Singular of one word (no hyphens); words that are not recognisably plural come back unchanged. */
export function singularWord(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  // Short words ("gas", "bus", "his", "yes") and non-plural endings are left alone.
  if (word.length <= 3 || !word.endsWith('s') || INVARIANT.has(word)) return word;
  if (/(ss|us|is|ics)$/.test(word)) return word;
  if (word.endsWith('ies')) {
    const ie = word.slice(0, -1);
    if (IE_NOUNS.has(ie) || word.length <= 4) return ie; // "pies", "ties"
    return `${word.slice(0, -3)}y`;
  }
  if (/(sses|xes|shes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ches') && !word.endsWith('aches')) return word.slice(0, -2); // "headaches" keeps its e
  if (word.endsWith('yses')) return `${word.slice(0, -4)}ysis`;
  return word.slice(0, -1);
}

/** Singularises the last part of a hyphenated word ("t-shirts" → "t-shirt"). */
function singularToken(token: string): string {
  const at = token.lastIndexOf('-');
  return at < 0 ? singularWord(token) : token.slice(0, at + 1) + singularWord(token.slice(at + 1));
}

export function normalisePhrase(attribute: string): string {
  const text = attribute
    // camelCase from models ("petOwnership"); needs two lower-case letters so "iPhone" survives.
    .replace(/(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})/gu, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // "résumé" → "resume", so accents never split a cluster
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/'s\b/g, '') // possessive "mother's"; the plural possessive "parents'" loses its mark below
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    // Hyphens survive only inside a word ("long-term", "e-mail"); dashes and edges become spaces.
    .replace(/-+/g, '-')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ');
  const words = text.split(/\s+/).filter(Boolean).map(singularToken);
  let start = 0;
  let end = words.length;
  while (start < end && EDGE_STOP_WORDS.has(words[start]!)) start++;
  while (end > start && EDGE_STOP_WORDS.has(words[end - 1]!)) end--;
  // A phrase made only of stop words keeps them rather than becoming empty.
  return (start < end ? words.slice(start, end) : words).join(' ');
}
