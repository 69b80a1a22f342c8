/**
 * Disclosures without "I" as subject: "my husband", "our two dogs", "my bakery", "my favorite show
 * is X", "as a nurse, I ...", "my native language is X"; statements read backwards from their verb
 * ("X is my favourite band", "snakes give me the creeps") are in family-backward.ts. Each scanner
 * starts at its own anchor token and returns drafts with token spans.
 */
import { hypothetical, type Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import { identityNounPhrase } from './family-identity.js';
import { FAMILY, LANGUAGES, PETS } from './lexicon-people.js';
import type { Span } from './phrase.js';
import { isPersonNoun, isPetNoun, possessionName } from './lexical-classes.js';
import { statedName } from './naming.js';
import { backwardCopula, fearOf } from './family-backward.js';
import { CHAT_NOUNS, FAVORITE, NP_STOP } from './possessive-words.js';

/** Ventures one runs: "my bakery", "my cooking blog", "my own company" (plain "my company" is usually an employer). */
const VENTURE = /(?:^|\s)(?:business|startup|shop|store|bakery|restaurant|cafe|café|salon|studio|agency|clinic|farm|brand|boutique|channel|blog|podcast|nonprofit|charity|franchise|band|etsy|practice|firm|company)$/;
const VENTURE_ALONE = new Set(['business', 'startup', 'bakery', 'restaurant', 'cafe', 'café', 'salon', 'farm', 'boutique', 'blog', 'podcast', 'channel', 'etsy']);
const NOT_PET = /\b(?:food|toy|toys|bed|walker|sitter|hair|park|breed|breeds|treats|crate|leash)$/;
const JOB_WORDS = new Set(['job', 'career', 'work', 'position', 'role', 'gig', 'profession']);
const FAMILY_NEXT_BAD = new Set(['tongue', 'nature', 'board', 'company', 'land', 'ship', 'language']);
const fakeChain = (quoteStart: number): Chain => ({
  quoteStart, subject: 'i', neg: false, habitual: false, modal: null, past: false, perfect: false,
  progressive: false, effort: false, copula: true, head: quoteStart + 1,
});

function possessive(ctx: Ctx, k: number): Draft[] {
  const np = valueAt(ctx, k + 1, { max: 5, stop: NP_STOP, nounOnly: true });
  if (!np) return [];
  const toks = ctx.toks;
  const headTok = toks[np.span.end - 1];
  const head = headTok?.norm ?? '';
  const first = norm(ctx, np.span.start);
  const after = norm(ctx, np.span.end);
  // "my daughters softball team", "my wifes job", "my roommates parrot": chat drops the apostrophe.
  // The first noun owns the rest; it is the speaker's relative (or someone else's thing, never the speaker's).
  const owner = toks[np.span.start];
  if (owner && np.span.end - np.span.start >= 2 && /[a-z]s$/.test(owner.norm) && ['NOUN', 'PROPN'].includes(toks[np.span.start + 1]?.pos ?? '')) {
    const singular = owner.norm.slice(0, -1);
    const kin = FAMILY.get(singular) ?? FAMILY.get(owner.norm);
    if (kin) return [draft(kin, FAMILY.has(singular) ? singular : owner.norm, 'relationships', k, np.span.start + 1, 0.6)];
    if (isPersonNoun(singular)) return [];
  }
  let favAt = np.span.start;
  while (['all', 'time', 'all-time', '-', 'absolute', 'very', 'most', 'personal', 'ultimate', 'top'].includes(norm(ctx, favAt)) && favAt < np.span.end - 1) favAt += 1;
  if (FAVORITE.has(norm(ctx, favAt))) return favoriteIs(ctx, k, favAt);
  if (FAVORITE.has(first)) return favoriteIs(ctx, k, np.span.start);
  const fam = FAMILY.get(head);
  if (fam && !FAMILY_NEXT_BAD.has(after) && toks[np.span.end]?.pos !== 'NOUN') {
    // "my daughter is 5": keep the age with the family member.
    const ageTok = toks[np.span.end + 1];
    if ((after === 'is' || after === 'turned') && ageTok?.pos === 'NUM' && /^\d{1,2}$/.test(ageTok.norm)) {
      return [draft(fam, `${np.text}, age ${ageTok.norm}`, 'relationships', k, np.span.end + 2, 0.8)];
    }
    return [draft(fam, np.text, 'relationships', k, np.span.end, 0.65)];
  }
  const pet = np.text.split(/[\s-]+/).some((w) => PETS.has(w.toLowerCase())) || (toks[np.span.end - 1]?.pos === 'NOUN' && isPetNoun(toks[np.span.end - 1]!.lemma));
  if (pet && !NOT_PET.test(np.text) && toks[np.span.end]?.pos !== 'NOUN') {
    const nameTok = toks[np.span.end];
    const end = nameTok?.pos === 'PROPN' && nameTok.sent === toks[k]?.sent ? np.span.end + 1 : np.span.end;
    return [draft('pet ownership', np.text, 'hobbies', k, end, 0.7)];
  }
  const lower = np.text.toLowerCase();
  const words = lower.split(' ');
  const ownsIt = words[0] === 'own' || (words.length >= 2 && !/\b(?:company|firm|practice)$/.test(lower)) || VENTURE_ALONE.has(lower);
  if (VENTURE.test(lower) && ownsIt && toks[np.span.end]?.pos !== 'NOUN' && !/^(?:previous|old|former|last|first|next|local|favorite)\b/.test(lower)) {
    return [draft('business ownership', np.text.replace(/^own\s+/i, ''), 'career', k, np.span.end, 0.7)];
  }
  if ((head === 'language' || head === 'tongue') && /\b(?:native|first|mother)\b/.test(np.text) && after === 'is') {
    const v = valueAt(ctx, np.span.end + 1, { max: 3 });
    if (v && LANGUAGES.has(v.text.toLowerCase())) return [draft('native language', v.text, 'culture', k, v.span.end, 0.85)];
  }
  if ((head === 'major' || head === 'field') && after === 'is') {
    const from = norm(ctx, np.span.end + 1) === 'in' ? np.span.end + 2 : np.span.end + 1;
    const v = valueAt(ctx, from, { max: 5 });
    if (v) return [draft('field of study', v.text, 'education', k, v.span.end, 0.8)];
  }
  if ((head === 'hometown' || np.text === 'home town') && (after === 'is' || after === 'of')) {
    const v = valueAt(ctx, np.span.end + 1, { max: 4 });
    if (v) return [draft('hometown', v.text, 'demographic', k, v.span.end, 0.8)];
  }
  if (head === 'faith' || head === 'religion') return [draft('religion', np.text, 'values', k, np.span.end, 0.6)];
  if (head === 'diet' && np.text.split(' ').length >= 2) return [draft('dietary preference', np.text, 'health', k, np.span.end, 0.75)];
  if (JOB_WORDS.has(head) && after === 'as') return identityNounPhrase(ctx, fakeChain(k), np.span.end + 1, { confidence: 0.8, job: true });
  // "my part-time librarian job", "my freelance graphic design work"
  if (norm(ctx, k) === 'my' && JOB_WORDS.has(head) && headTok?.pos === 'NOUN' && np.span.end - np.span.start >= 2 && !/^(?:new|first|last|current|old|day|full-time|part-time|own|dream)\s+\w+$/.test(np.text)) {
    const mod = ctx.toks[np.span.end - 2];
    // "my wifes job" is the wife's job, with the apostrophe dropped.
    if (mod && (mod.pos === 'NOUN' || mod.pos === 'PROPN' || mod.pos === 'ADJ') && !FAMILY.has(mod.norm.replace(/s$/, '')))
      return [draft('occupation', np.text.replace(/\s+(?:job|career|position|gig)$/, ''), 'career', k, np.span.end, 0.6)];
  }
  return statedAttribute(ctx, k, np.span);
}

/**
 * "my biggest fear is public speaking", "my prized possession is my grandpa's watch", "my goal is
 * to run a marathon": the speaker names the attribute, the complement is its value.
 */
function statedAttribute(ctx: Ctx, k: number, np: Span): Draft[] {
  const after = norm(ctx, np.end);
  if (!['is', 'are', 'was'].includes(after) || norm(ctx, k) !== 'my') return [];
  const head = ctx.toks[np.end - 1];
  if (!head || head.pos !== 'NOUN' || CHAT_NOUNS.has(head.lemma) || np.end - np.start > 3) return [];
  let from = np.end + 1;
  while (['def', 'definitely', 'probably', 'still', 'always', 'basically', 'honestly', 'pretty', 'just'].includes(norm(ctx, from))) from += 1;
  const v = valueAt(ctx, from, { verbStart: true, max: 7 });
  if (!v) return [];
  // "my job is boring" is an opinion; "my hair is red" a description (of a body part).
  const lone = v.span.end - v.span.start === 1 && ctx.toks[v.span.start]?.pos === 'ADJ';
  if (lone && possessionName(ctx.toks, np)?.kind !== 'body') return [];
  // "my lower back is killing me", "my clients are often overwhelmed": a verb or an adverb says what
  // it does, not what it is; and "my clients", "my coworkers" are other people.
  if ((ctx.toks[v.span.start]?.pos === 'VERB' && norm(ctx, from) !== 'to') || ctx.toks[from]?.pos === 'ADV') return [];
  if (norm(ctx, from) === 'to' && v.span.end - v.span.start < 2) return []; // "my goals are to provide | ..." lost its object
  if (possessionName(ctx.toks, np)?.kind === 'person' || isPersonNoun(head.lemma)) return [];
  const named = statedName(ctx.toks, np.start, { start: np.start + 1, end: np.end }, v.span);
  const attribute = /\bfear$/.test(named.attribute) ? 'fear' : named.attribute;
  return [draft(attribute, v.text, attribute === 'fear' ? 'psychology' : named.root, k, v.span.end, 0.6, attribute === 'fear' ? 'negative' : 'neutral')];
}

const FIRST_PERSON = new Set(['i', 'my', 'me', 'myself', 'mine']);
const OTHER_PERSON = new Set(['you', 'your', 'he', 'she', 'they', 'his', 'her', 'their', 'someone', 'somebody', 'people', 'anyone']);
/** Verbs whose "as a X" casts someone in a role rather than describing the speaker. */
const CASTING = new Set(['act', 'acting', 'serve', 'serving', 'pose', 'posing', 'play', 'playing', 'treat', 'see', 'view', 'regard', 'such', 'dressed', 'dress', 'known', 'described', 'hired', 'work', 'working', 'worked']);

/** "as a nurse, I ...", "tips ... for me as a teacher", "my role as a council member". */
function asA(ctx: Ctx, k: number): Draft[] {
  const det = norm(ctx, k + 1);
  if (det !== 'a' && det !== 'an') return [];
  const prev = norm(ctx, k - 1);
  if (CASTING.has(prev)) return [];
  const job = JOB_WORDS.has(prev) || prev === 'week' || prev === 'years' || prev === 'time' || prev === 'day';
  const ds = identityNounPhrase(ctx, fakeChain(k), k + 1, { confidence: 0.8, job });
  if (ds.length === 0) return [];
  // "green as a representative of trust", "as a part of": a role of something, not the speaker.
  if (norm(ctx, Math.max(...ds.map((d) => d.to))) === 'of') return [];
  // The identity must be the speaker's: the sentence has to be first-person, with no other person before "as".
  const sent = ctx.toks[k]?.sent;
  let first = false;
  for (let j = k - 1; j >= 0 && ctx.toks[j]?.sent === sent; j -= 1) {
    if (OTHER_PERSON.has(norm(ctx, j))) return [];
    if (FIRST_PERSON.has(norm(ctx, j))) first = true;
  }
  for (let j = k + 1; j < ctx.toks.length && ctx.toks[j]?.sent === sent && !first; j += 1) {
    if (FIRST_PERSON.has(norm(ctx, j))) first = true;
    if (OTHER_PERSON.has(norm(ctx, j)) && !first) return [];
  }
  return first ? ds : [];
}

/** "for a busy agent like me", "an old-timer like me" */
function likeMe(ctx: Ctx, k: number): Draft[] {
  if (norm(ctx, k + 1) !== 'me') return [];
  for (let j = k - 1; j >= Math.max(0, k - 6); j -= 1) {
    const n = norm(ctx, j);
    if (n === 'a' || n === 'an') return identityNounPhrase(ctx, fakeChain(j), j, { confidence: 0.7 }).filter((d) => d.to === k);
    const pos = ctx.toks[j]?.pos;
    if (pos !== 'NOUN' && pos !== 'ADJ' && pos !== 'PROPN' && pos !== 'PUNCT' && pos !== 'VERB') return [];
  }
  return [];
}

/** "my absolute favorite meal is X", and a clause that starts "favorite season is X" / "fav color is X". */
function favoriteIs(ctx: Ctx, quoteStart: number, fav: number): Draft[] {
  const what = valueAt(ctx, fav + 1, { max: 4, stop: NP_STOP });
  if (!what) return [];
  let j = what.span.end;
  while (['ever', 'of', 'all', 'time', 'right', 'now', 'atm', 'currently'].includes(norm(ctx, j)) && j < what.span.end + 4) j += 1;
  // "my favorite place in the whole world is X"
  if (norm(ctx, j) === 'in' || norm(ctx, j) === 'of') for (let g = 0; g < 6 && j < ctx.toks.length && !['is', 'are', 'was'].includes(norm(ctx, j)); g += 1) j += 1;
  if (!['is', 'are', 'include', 'includes', ':', 'has', 'was'].includes(norm(ctx, j))) return [];
  j += 1;
  while (['def', 'definitely', 'probably', 'still', 'always', 'hands', 'down', 'easily', 'totally', 'honestly'].includes(norm(ctx, j))) j += 1;
  const v = valueAt(ctx, j, { verbStart: true, max: 7 });
  if (!v) return [];
  const named = statedName(ctx.toks, fav, what.span, v.span);
  return [draft(named.attribute, v.text, named.root, quoteStart, v.span.end, 0.75, 'positive')];
}

/** A clause-initial "favorite X is Y" with the "my" dropped, as chat does. */
function clauseStart(ctx: Ctx, k: number): boolean {
  const prev = ctx.toks[k - 1];
  return !prev || prev.sent !== ctx.toks[k]?.sent || prev.pos === 'PUNCT' || prev.pos === 'SPACE';
}

export function possessiveFamily(ctx: Ctx, k: number): Draft[] {
  const n = norm(ctx, k);
  if (/^(?:scares?|terrif(?:y|ies)|frightens?|freaks?|gives?|makes?)$/.test(n)) return fearOf(ctx, k);
  if (FAVORITE.has(n) && (n === 'favorite' || n === 'favourite') && clauseStart(ctx, k)) return favoriteIs(ctx, k, k);
  if (n === 'my' || n === 'our') return possessive(ctx, k);
  if ((n === 'as' || n === 'being') && !hypothetical(ctx.toks, k)) return asA(ctx, k);
  if (n === 'is' || n === 'are') return backwardCopula(ctx, k);
  // "french was my first language": a past "was" names a lasting fact only in the "X was my Y" shape.
  if ((n === 'was' || n === 'were') && (norm(ctx, k + 1) === 'my' || norm(ctx, k + 1) === 'our')) return backwardCopula(ctx, k).filter((d) => !/^(?:fear|values)$/.test(d.attribute));
  if (n === 'like') return likeMe(ctx, k);
  return [];
}
