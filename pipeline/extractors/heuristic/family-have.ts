/**
 * "I have ..." disclosures: pets ("two dogs"), children and partners ("two kids", "a husband"),
 * health conditions ("asthma", "a nut allergy"), attitudes held as nouns ("a phobia of heights",
 * "a passion for jazz", "a strong aversion to X"), degrees and years of experience.
 */
import type { Polarity } from '../../core/types.js';
import type { Chain } from './clause.js';
import { draft, norm, topical, valueAt, type Ctx, type Draft } from './draft.js';
import { BUSINESS_NOUNS, FAMILY, PETS } from './lexicon-people.js';
import { possessionName } from './lexical-classes.js';

const HAVE_STOP = new Set(['of', 'for', 'to', 'in', 'against', 'towards', 'toward', 'with', 'on', 'about', 'named', 'called', 'who', 'that', 'and', 'from', 'so', 'since']);
const CONDITIONS = new Set([
  'diabetes', 'asthma', 'adhd', 'add', 'autism', 'anxiety', 'depression', 'arthritis', 'migraines', 'migraine', 'celiac',
  'ibs', 'eczema', 'psoriasis', 'epilepsy', 'cancer', 'copd', 'insomnia', 'ptsd', 'ocd', 'hypertension', 'scoliosis',
  'fibromyalgia', 'lupus', 'dyslexia', 'tinnitus', 'acne', 'rosacea', 'condition', 'disability', 'disorder', 'syndrome',
  'disease', 'pain', 'injury', 'attacks', 'seizures', 'knee', 'knees', 'back', 'hip', 'allergies', 'apnea', 'bpd', 'bipolar', 'gout', 'hernia',
]);
/** Attitude nouns: polarity and the kind of attribute they yield. */
const ATTITUDE_NOUNS: ReadonlyMap<string, readonly [Polarity, 'preference' | 'fear' | 'allergy' | 'values']> = new Map([
  ['phobia', ['negative', 'fear']], ['fear', ['negative', 'fear']], ['aversion', ['negative', 'preference']],
  ['dislike', ['negative', 'preference']], ['distaste', ['negative', 'preference']], ['hatred', ['negative', 'preference']],
  ['bias', ['negative', 'preference']], ['stance', ['negative', 'values']], ['problem', ['negative', 'preference']],
  ['passion', ['positive', 'preference']], ['love', ['positive', 'preference']], ['interest', ['positive', 'preference']],
  ['spot', ['positive', 'preference']], ['weakness', ['positive', 'preference']], ['fondness', ['positive', 'preference']],
  ['preference', ['positive', 'preference']], ['affinity', ['positive', 'preference']], ['penchant', ['positive', 'preference']],
  ['appreciation', ['positive', 'preference']], ['thing', ['positive', 'preference']], ['obsession', ['positive', 'preference']],
  ['allergy', ['negative', 'allergy']], ['intolerance', ['negative', 'allergy']], ['sensitivity', ['negative', 'allergy']],
]);
const DEGREES = /\b(?:degree|bachelor'?s?|master'?s?|masters|phd|doctorate|diploma|mba|bsc|msc|certificate|certification)$/;

function attitudeNoun(ctx: Ctx, c: Chain, np: { text: string; span: { start: number; end: number } }, head: string): Draft[] {
  const spec = ATTITUDE_NOUNS.get(head);
  if (!spec) return [];
  const prep = norm(ctx, np.span.end);
  const [basePolarity, kind] = spec;
  if (!['of', 'for', 'to', 'in', 'against', 'towards', 'toward', 'with'].includes(prep)) {
    // "a nut allergy", "a fear" with the object before the noun.
    if (kind !== 'allergy' || np.text.split(' ').length < 2) return [];
    return [draft('allergy', np.text, 'health', c.quoteStart, np.span.end, 0.8, 'negative')];
  }
  let polarity: Polarity = basePolarity;
  if (head === 'stance' || head === 'bias') polarity = prep === 'against' ? 'negative' : 'positive';
  if (head === 'problem' && prep !== 'with') return [];
  if (kind === 'preference' || kind === 'values') {
    const ds = topical(ctx, 'preference', c.quoteStart, np.span.end + 1, polarity, 0.8);
    return kind === 'values' ? ds.map((d) => ({ ...d, attribute: 'values', root: 'values' as const })) : ds;
  }
  const v = valueAt(ctx, np.span.end + 1, { verbStart: true });
  if (!v) return [];
  return [kind === 'fear'
    ? draft('fear', v.text, 'psychology', c.quoteStart, v.span.end, 0.85, 'negative')
    : draft('allergy', v.text, 'health', c.quoteStart, v.span.end, 0.85, 'negative')];
}

export function haveFamily(ctx: Ctx, c: Chain): Draft[] {
  // "got three kids" with the "I" and "'ve" dropped is a present possession.
  if (c.copula || c.modal || (c.past && !c.perfect && ctx.toks[c.head]?.norm !== 'got')) return [];
  const h = c.head;
  const t = ctx.toks[h];
  // "I get migraines": a recurring condition is had, whatever else "get" means.
  if (t?.lemma === 'get' && !c.past) {
    const np = valueAt(ctx, h + 1, { max: 4, stop: HAVE_STOP });
    return np && possessionName(ctx.toks, np.span)?.kind === 'condition' ? [draft('health condition', np.text, 'health', c.quoteStart, np.span.end, 0.7)] : [];
  }
  if (!t || !(t.lemma === 'have' || t.norm === 'got')) return [];
  let from = h + 1;
  if (norm(ctx, from) === 'got') from += 1;
  if (norm(ctx, from) === 'to') return []; // "I've got to say", "I have to go": obligation, not possession
  const out = haveObject(ctx, c, from);
  // "two older brothers and a little sister", "red hair and freckles": each item is had too.
  for (let guard = 0; guard < 6 && out.length > 0 && !c.neg; guard += 1) {
    let next = Math.max(...out.map((d) => d.to));
    if (norm(ctx, next) === ',') next += 1;
    if (norm(ctx, next) === 'and') next += 1;
    const lead = ctx.toks[next];
    const roughly = lead?.norm === 'something' && norm(ctx, next + 1) === 'like'; // "and something like 30 cousins"
    if (next === Math.max(...out.map((d) => d.to)) || !lead || lead.sent !== t.sent || !(['DET', 'NUM', 'ADJ', 'NOUN'].includes(lead.pos) || roughly)) break;
    const more = haveObject(ctx, c, next);
    if (more.length === 0) break;
    out.push(...more);
  }
  return out;
}

export function haveObject(ctx: Ctx, c: Chain, start: number): Draft[] {
  let from = start;
  // "I don't have a car" says something; "I don't have a clue / time / a problem" not: only a made thing WordNet knows.
  if (c.neg && norm(ctx, from) !== 'any') {
    const np = valueAt(ctx, from, { max: 4, stop: HAVE_STOP });
    const named = np && c.subject === 'i' ? possessionName(ctx.toks, np.span) : null;
    return np && named?.kind === 'object' ? [draft(named.attribute, np.text, named.root, c.quoteStart, np.span.end, 0.55, 'negative')] : [];
  }
  if (norm(ctx, from) === 'any') from += 1;
  // "I have more energy", "I have less time": a comparison, not a thing had.
  if (/^(?:more|less|fewer|enough|plenty)$/.test(norm(ctx, from))) return [];
  const np = valueAt(ctx, from, { max: 6, stop: HAVE_STOP });
  if (!np) return [];
  const headTok = ctx.toks[np.span.end - 1];
  const head = headTok?.norm ?? '';
  const words = np.text.toLowerCase().split(/[\s-]+/);
  const att = attitudeNoun(ctx, c, np, head);
  if (att.length > 0) return att;
  if (c.neg) {
    const fam = FAMILY.get(head);
    return fam === 'children' ? [draft('children', `no ${np.text}`, 'relationships', c.quoteStart, np.span.end, 0.75)] : [];
  }
  if (words.some((w) => PETS.has(w)) && !/\b(?:food|toy|bed|walker|sitter|hair)\b/.test(np.text)) {
    const named = norm(ctx, np.span.end) === 'named' || norm(ctx, np.span.end) === 'called';
    const nameTok = ctx.toks[np.span.end + 1];
    const end = named && nameTok?.pos === 'PROPN' ? np.span.end + 2 : np.span.end;
    return [draft('pet ownership', np.text, 'hobbies', c.quoteStart, end, 0.85)];
  }
  if (BUSINESS_NOUNS.has(head) && head !== 'channel' && c.subject === 'i' && !/\b(?:meeting|question|problem|idea|plan)\b/.test(np.text) && (np.text.split(' ').length >= 2 || head === 'business' || head === 'startup'))
    return [draft('business ownership', np.text, 'career', c.quoteStart, np.span.end, 0.7)];
  const fam = FAMILY.get(head);
  if (fam) return [draft(fam, np.text, 'relationships', c.quoteStart, np.span.end, 0.8)];
  if (CONDITIONS.has(head) && !/\b(?:question|problem|issue)\b/.test(np.text)) {
    if ((head === 'back' || head === 'knee' || head === 'knees' || head === 'hip') && !/\b(?:bad|weak|injured|sore)\b/.test(np.text)) return [];
    if (head === 'pain' && !/\b(?:chronic|back|joint|knee|neck)\b/.test(np.text)) return [];
    return [draft('health condition', np.text, 'health', c.quoteStart, np.span.end, 0.8)];
  }
  if (DEGREES.test(head)) {
    const p = norm(ctx, np.span.end);
    const tail = p === 'in' ? valueAt(ctx, np.span.end + 1, { max: 5 }) : null;
    const text = tail ? `${np.text} in ${tail.text}` : np.text;
    return [draft('degree', text, 'education', c.quoteStart, tail ? tail.span.end : np.span.end, 0.8)];
  }
  if (/^\d+\+?\s+years?\s+of\s+experience$/.test(`${np.text} ${norm(ctx, np.span.end)} ${norm(ctx, np.span.end + 1)}`)) {
    const p = norm(ctx, np.span.end + 2);
    const tail = p === 'in' || p === 'as' || p === 'with' ? valueAt(ctx, np.span.end + 3, { max: 5 }) : null;
    const text = tail ? `${np.text} ${p} ${tail.text}` : np.text;
    return [draft('work experience', text, 'career', c.quoteStart, tail ? tail.span.end : np.span.end + 2, 0.75)];
  }
  return possession(ctx, c, np);
}

/**
 * Anything else a person has, named from WordNet ("red hair" → hair, "a 3d printer" → owned
 * machine). A body part needs a describing word: "I have red hair" says something, "I have hands" not.
 */
export function possession(ctx: Ctx, c: Chain, np: { text: string; span: { start: number; end: number } }): Draft[] {
  if (c.subject !== 'i') return [];
  const named = possessionName(ctx.toks, np.span);
  if (!named) return [];
  // A list item after a described one ("bright red hair and freckles") is described enough.
  const listed = ['and', ','].includes(ctx.toks[np.span.start - 1]?.norm ?? '') && np.span.start - 1 > c.head + 1;
  if (named.kind === 'body' && np.span.end - np.span.start < 2 && !listed) return [];
  return [draft(named.attribute, np.text, named.root, c.quoteStart, np.span.end, 0.6)];
}
