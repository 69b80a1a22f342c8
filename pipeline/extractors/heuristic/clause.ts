/**
 * Finds first-person subjects and reads the verb chain after them ("I | have always | loved"),
 * recording negation, habit adverbs, modality and tense. Guards live here too: a subject in a
 * question ("should I"), a conditional or an imagined scene ("if I were", "imagine I was") is
 * not a self-disclosure and yields no chain.
 */
import { defaultWordNet } from '../../lexicon/wordnet.js';
import type { Tok } from './tokens.js';

export interface Chain {
  /** Token where the quote starts (the subject, or "as" in "as someone who"). */
  quoteStart: number;
  subject: 'i' | 'we' | 'someone';
  neg: boolean;
  habitual: boolean;
  modal: string | null;
  past: boolean;
  perfect: boolean;
  progressive: boolean;
  /** "I try to", "I've been trying to": an effort toward a habit, not the habit itself. */
  effort: boolean;
  /** True when the chain ended in a form of "be": `head` is then its complement. */
  copula: boolean;
  /** Main verb (or copula complement) token index. */
  head: number;
}

const ADVERBS = new Set([
  'really', 'truly', 'absolutely', 'definitely', 'honestly', 'actually', 'personally', 'also', 'just', 'totally',
  'particularly', 'especially', 'still', 'genuinely', 'certainly', 'seriously', 'strongly', 'deeply', 'even',
  'already', 'kinda', 'sorta', 'currently', 'now', 'originally', 'basically', 'literally', 'pretty', 'very',
  'simply', 'both', 'all', 'recently', 'finally', 'officially', 'proudly', 'happily', 'mostly', 'mainly',
  'primarily', 'generally', 'only', 'much', 'so', 'quite', 'rarely', 'hardly', 'super', 'def', 'sooo', 'soo',
  'lowkey', 'rn', 'prob', 'probably',
]);

/** Any -ly adverb inside a verb chain is a manner word, not a verb: "I am terribly afraid of". */
function skippable(t: Tok | undefined): boolean {
  if (!t) return false;
  return ADVERBS.has(t.norm) || (t.pos === 'ADV' && /[a-z]ly$/.test(t.norm) && !HABIT_ADVERBS.has(t.norm));
}
const HABIT_ADVERBS = new Set([
  'usually', 'often', 'always', 'typically', 'normally', 'regularly', 'frequently', 'sometimes', 'occasionally',
  'generally', 'mostly', 'mainly', 'primarily', 'daily', 'constantly', 'habitually', 'never', 'seldom', 'rarely',
]);
const MODALS = new Set(['would', 'could', 'should', 'might', 'may', 'must', 'will', 'shall', 'can']);
const BE_PRESENT = new Set(['am', 'are', 'is']);
const BE_PAST = new Set(['was', 'were']);
/** Simple-past forms that do not end in -ed. */
const IRREGULAR_PAST = new Set(['was', 'were', 'had', 'did', 'went', 'grew', 'came', 'saw', 'got', 'made', 'took', 'taught', 'ate', 'drank', 'wrote', 'ran', 'began', 'became', 'spent', 'left', 'met', 'bought', 'thought', 'felt', 'found', 'gave', 'knew', 'said', 'told', 'wore', 'drove', 'rode', 'swam', 'sang', 'fell', 'kept', 'lost', 'paid']);
const IRREGULAR_PP = new Set(['been', 'had', 'got', 'gotten', 'grown', 'known', 'seen', 'done', 'gone', 'taken', 'become', 'taught', 'spent', 'made', 'found', 'worn', 'eaten', 'driven', 'ridden', 'read', 'lived', 'born']);

/** Words right before "I" that make it a question, wish or condition rather than a statement. */
const INVERSION = new Set([
  'do', 'does', 'did', 'am', 'was', 'were', 'should', 'can', 'could', 'would', 'will', 'shall', 'may', 'might',
  'must', 'have', 'has', 'had', 'if', 'whether', 'unless', 'imagine', 'pretend', 'suppose', 'wish', 'say', 'than',
  'like', 'whenever', 'once', 'assuming', 'supposing', 'though',
]);
const HYPOTHETICAL = new Set(['if', 'imagine', 'imagined', 'pretend', 'pretending', 'suppose', 'supposing', 'assume', 'assuming', 'hypothetically', 'wish', 'unless', 'whether', 'dream', 'dreamed', 'fantasize']);
const CLAUSE_BREAK = new Set([',', ';', ':', '—', '–', '-', '(', ')', '.', '!', '?', 'but', 'and', 'so', 'because']);

/** True when the clause holding token `at` is conditional, imagined or a question about "I". */
export function hypothetical(toks: readonly Tok[], at: number): boolean {
  const prev = toks[at - 1];
  if (prev && prev.sent === toks[at]?.sent && INVERSION.has(prev.norm)) return true;
  for (let k = at - 1; k >= 0; k -= 1) {
    const t = toks[k] as Tok;
    if (t.sent !== toks[at]?.sent || CLAUSE_BREAK.has(t.norm)) break;
    if (HYPOTHETICAL.has(t.norm)) return true;
    if (t.norm === 'what' && toks[k + 1]?.norm === 'if') return true;
  }
  return false;
}

function subjectAt(toks: readonly Tok[], k: number): { subject: Chain['subject']; quoteStart: number; next: number } | null {
  const t = toks[k] as Tok;
  if (droppedSubject(toks, k)) return { subject: 'i', quoteStart: k, next: k };
  if (t.norm === 'i' && toks[k + 1]?.norm !== "'") return { subject: 'i', quoteStart: k, next: k + 1 };
  if (t.norm === 'we') return { subject: 'we', quoteStart: k, next: k + 1 };
  // "As someone who follows a vegan diet" discloses as much as "I follow a vegan diet".
  if ((t.norm === 'someone' || t.norm === 'somebody' || t.norm === 'person') && toks[k + 1]?.norm === 'who') {
    const as = toks[k - 1]?.norm === 'as' ? k - 1 : toks[k - 2]?.norm === 'as' && toks[k - 1]?.norm === 'a' ? k - 2 : -1;
    if (as >= 0) return { subject: 'someone', quoteStart: as, next: k + 2 };
  }
  return null;
}

/**
 * What the words after "and"/"or" at k-1 continue: a clause whose subject is "I" ('plain'), one
 * whose "I" is under a modal or an infinitive ('modal': "I'll go with option 3 and visit a
 * museum" is a choice about to be made, "I want to start with buy and sell" a wish, neither a
 * habit), a clause of someone else ('other': "we can help them ... with competitive fees and
 * local talent"), or no clause at all (null: "nurse and mom of two").
 */
export function coordinatedSubject(toks: readonly Tok[], k: number): 'plain' | 'modal' | 'other' | null {
  let modal = false;
  for (let j = k - 2; j >= 0 && toks[j]?.sent === toks[k]?.sent; j -= 1) {
    const t = toks[j] as Tok;
    if (MODALS.has(t.norm) || (t.norm === 'to' && t.pos === 'PART')) modal = true;
    if (t.norm === 'i') return modal ? 'modal' : 'plain';
    if (OTHER_SUBJECTS.has(t.norm)) return 'other';
  }
  return null;
}

/** Tokens after which a new clause may start with its "I" dropped: "lol , been vegan for years". */
const CLAUSE_OPENERS = new Set([',', '.', '!', ';', ':', '-', '(', '…', 'lol', 'haha', 'tbh', 'honestly', 'also', 'yeah', 'yes', 'nope', 'no', 'well', 'but', 'so', 'and', 'then', 'now', 'just']);
const OTHER_SUBJECTS = new Set(['you', 'he', 'she', 'they', 'we', 'it', 'someone', 'everyone', 'people', 'u']);
/** Clause openers that are discourse markers, not actions: "Speaking of time", "Based on that". */
const DISCOURSE = new Set(['speaking', 'talking', 'thinking', 'looking', 'regarding', 'considering', 'assuming', 'given', 'based', 'according', 'following', 'including', 'going', 'moving', 'coming', 'getting', 'having', 'being', 'saying', 'using', 'said', 'done', 'made', 'let']);
const ING_PARTICLES = new Set(['up', 'for', 'in', 'on', 'at', 'with', 'as']);
/** Verbs that may open a statement with the "I" dropped even in the present ("love hiking", "hate spiders"). */
const DROPPED_I_PRESENT = new Set(['love', 'hate', 'adore', 'enjoy', 'prefer', 'volunteer', 'collect', 'coach', 'play', 'own', 'work', 'live']);

/**
 * Chat drops the subject: "ran my first marathon last spring", "been vegan for 3 years", "i garden
 * and grow tomatoes". A clause-initial past form or "been", or a verb coordinated with an earlier
 * "I" ("... and grow"), reads as a first-person statement. A clause-initial base form does not,
 * except for a few verbs of taste and habit: it is usually an imperative ("write a poem").
 */
function droppedSubject(toks: readonly Tok[], k: number): boolean {
  const t = toks[k] as Tok;
  // The lite tagger often calls a clause-initial "reading" a noun; a verb's -ing form is still a verb.
  const gerundLike = t.pos === 'NOUN' && /ing$/.test(t.norm) && isVerbIng(t.norm) && !compoundNoun(toks, k);
  if (t.pos !== 'VERB' && t.norm !== 'been' && !gerundLike && !DROPPED_I_PRESENT.has(t.norm)) return false;
  const prev = toks[k - 1];
  // A tight hyphen joins a compound ("plant-based"), it opens no clause.
  const tight = prev?.norm === '-' && prev.start === toks[k - 2]?.end;
  const opens = !prev || prev.sent !== t.sent || (CLAUSE_OPENERS.has(prev.norm) && !tight);
  if (!opens || DISCOURSE.has(t.norm)) return false;
  if (prev && prev.sent === t.sent && (prev.norm === 'and' || prev.norm === 'but' || prev.norm === 'then')) {
    // Coordinated with the nearest subject of the sentence, which must be a plain "I"; an -ing
    // form after "and" is a list item ("hiking , fishing and camping"), not a second verb.
    if (/ing$/.test(t.norm)) return false;
    return coordinatedSubject(toks, k) === 'plain';
  }
  // Only short chat turns drop their "I"; in a long paste a clause-initial "Fixed the bug" is a changelog.
  if (toks.length > 60) return false;
  if (t.norm === 'been') return true;
  // A lone past form ("divorced , 2 kids") is a state, read as a fragment, not an action.
  const after = toks[k + 1];
  if (!after || after.sent !== t.sent || after.pos === 'PUNCT') return false;
  // "reading dune right now", "learning french on duolingo": a dropped "I'm", in short chat turns
  // only (a long text that opens "Using the data below" is an instruction).
  // After a comma it must not be a list item: "hiking , fishing and camping".
  // "flying terrifies me": an -ing form before a finite verb is the subject, not a dropped "I'm".
  // It must take an object ("reading dune", "learning french"); "ranging from 0", "feeling generally
  // positive" are fragments of a description, not of a life.
  // "saving up for a house", "living in denver", "working on my novel": a particle or preposition may come first.
  if (/ing$/.test(t.norm)) return !(prev?.norm === ',' && (after.norm === ',' || after.pos === 'CCONJ')) && ['NOUN', 'PROPN', 'DET', 'NUM', 'ADJ'].includes(after.pos) || after.norm === 'my' || ING_PARTICLES.has(after.norm);
  // "select from that table , ordered by val": mid-sentence, a participle with its agent modifies
  // what came before; it opens no clause of the speaker's ("raised by my grandma" at the start does).
  if (prev?.norm === ',' && after.norm === 'by') return false;
  if (t.norm !== t.lemma && (/ed$/.test(t.norm) || IRREGULAR_PAST.has(t.norm))) return true;
  return t.norm === t.lemma && DROPPED_I_PRESENT.has(t.lemma) && toks[k + 1]?.pos !== 'PRON';
}

/** "swimming pool": an -ing word that opens a noun compound WordNet knows. */
function compoundNoun(toks: readonly Tok[], k: number): boolean {
  const next = toks[k + 1];
  return next !== undefined && defaultWordNet()?.lemma(`${(toks[k] as Tok).norm} ${next.norm}`) != null;
}

/** "I get (super) claustrophobic": "get" before an adjective is a copula. */
function adjectiveAhead(toks: readonly Tok[], k: number): boolean {
  let j = k;
  while (toks[j] && skippable(toks[j])) j += 1;
  return toks[j]?.pos === 'ADJ';
}

/** "I have (really, never, not) been": a participle after any adverbs; "I have pretty bad asthma" has none. */
function participleAhead(toks: readonly Tok[], k: number): boolean {
  let j = k;
  while (toks[j] && (skippable(toks[j]) || HABIT_ADVERBS.has((toks[j] as Tok).norm) || (toks[j] as Tok).norm === 'not')) j += 1;
  return isParticiple(toks[j]);
}

/** "I do crossfit": a word the tagger calls a verb after "do" is one only if WordNet knows the verb. */
function isVerb(t: Tok): boolean {
  const wn = defaultWordNet();
  return !wn || wn.lemma(t.lemma, 'verb') !== null || wn.lemma(t.norm, 'verb') !== null;
}

/** Whether an -ing word is a verb form WordNet knows: reading → read, running → run, making → make. */
function isVerbIng(word: string): boolean {
  const wn = defaultWordNet();
  if (!wn) return false;
  const stem = word.slice(0, -3);
  return [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].some((v) => v.length > 1 && wn.lemma(v, 'verb') !== null);
}

function isParticiple(t: Tok | undefined): boolean {
  if (!t) return false;
  // The lite tagger calls "hands" or "type" a verb; a participle after "have" ends like one.
  return IRREGULAR_PP.has(t.norm) || (t.pos === 'VERB' && !/(?:ing|s)$/.test(t.norm) && /(?:ed|en|n|t|d)$/.test(t.norm));
}

/** Reads the verb chain after a first-person subject at token `k`, or null when there is none. */
export function readChain(toks: readonly Tok[], k: number): Chain | null {
  const subj = subjectAt(toks, k);
  if (!subj) return null;
  if (hypothetical(toks, subj.quoteStart)) return null;
  const c: Chain = {
    quoteStart: subj.quoteStart, subject: subj.subject, neg: false, habitual: false, modal: null,
    past: false, perfect: false, progressive: false, effort: false, copula: false, head: -1,
  };
  const sent = toks[k]?.sent;
  let j = subj.next;
  for (let steps = 0; steps < 10 && j < toks.length; steps += 1) {
    const t = toks[j] as Tok;
    const n = t.norm;
    const next = toks[j + 1];
    if (t.sent !== sent) return null;
    if (HABIT_ADVERBS.has(n)) {
      c.habitual = true;
      if (n === 'never') c.neg = true;
      j += 1;
    } else if (skippable(t) || (n === 'kind' || n === 'sort') && next?.norm === 'of') {
      j += n === 'kind' || n === 'sort' ? 2 : 1;
    } else if (n === 'not' || n === "n't") {
      c.neg = true;
      j += 1;
    } else if (n === 'no' && next?.norm === 'longer') {
      c.neg = true;
      j += 2;
    } else if (MODALS.has(n)) {
      c.modal = n;
      j += 1;
    } else if ((n === 'do' || n === 'does' || n === 'did') && next && (next.norm === 'not' || (next.pos === 'VERB' && isVerb(next)) || ADVERBS.has(next.norm) || HABIT_ADVERBS.has(next.norm))) {
      if (n === 'did') c.past = true;
      j += 1;
    } else if ((n === 'have' || n === 'has' || n === 'had') && next?.norm !== 'got' && participleAhead(toks, j + 1)) {
      if (n === 'had') c.past = true;
      c.perfect = true;
      j += 1;
    } else if ((n === 'tend' || n === 'tends' || n === 'try' || n === 'tries') && next?.norm === 'to') {
      c.habitual = true;
      c.effort = n === 'try' || n === 'tries';
      j += 2;
    } else if (n === 'used' && next?.norm === 'to') {
      c.past = true;
      c.habitual = true;
      j += 2;
    } else if (BE_PRESENT.has(n) || BE_PAST.has(n) || n === 'been' || n === 'be' || ((n === 'get' || n === 'gets') && adjectiveAhead(toks, j + 1))) {
      if (BE_PAST.has(n)) c.past = true;
      let h = j + 1;
      while (h < toks.length && (skippable(toks[h]) || (toks[h] as Tok).norm === 'not')) {
        if ((toks[h] as Tok).norm === 'not') c.neg = true;
        h += 1;
      }
      const comp = toks[h];
      if (comp?.norm === 'going' && toks[h + 1]?.norm === 'to') {
        c.modal = 'will';
        j = h + 2;
        continue;
      }
      if (comp && comp.pos === 'VERB' && /ing$/.test(comp.norm) && comp.norm !== 'being') {
        c.progressive = true;
        c.head = h;
        // "I'm trying to learn korean" is about learning korean.
        if (comp.norm === 'trying' && toks[h + 1]?.norm === 'to' && toks[h + 2]?.pos === 'VERB') {
          c.head = h + 2;
          c.effort = true;
        }
        return c;
      }
      c.copula = true;
      c.head = h;
      return comp ? c : null;
    } else {
      c.head = j;
      // A bare past form ("I studied", "I loved the movie") with no auxiliary before it.
      if (j === subj.next || !c.perfect && !c.modal) {
        const pastForm = t.norm !== t.lemma && (/ed$/.test(t.norm) || IRREGULAR_PAST.has(t.norm));
        if (pastForm && !c.perfect && !c.modal) c.past = true;
      }
      return c;
    }
  }
  return null;
}
