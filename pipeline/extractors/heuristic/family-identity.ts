/**
 * Identity noun phrases after "I am" / "as a": "a pediatric nurse", "a 34-year-old mom of two",
 * "a huge fan of jazz", "a graduate student", "a beginner in Python". The head noun decides the
 * attribute; an unknown head is kept only when it looks like an agent noun (-er, -ist, ...).
 */
import type { Polarity } from '../../core/types.js';
import type { Chain } from './clause.js';
import { draft, norm, topical, valueAt, type Ctx, type Draft } from './draft.js';
import { GENERIC_INTEREST, isOccupationNoun, isPersonNoun, SELF_DESCRIPTION } from './lexical-classes.js';
import {
  CITIZEN_HEADS, CLIPPED_HEADS, DEMONYMS, FAMILY, GENDER_HEADS, INTEREST_HEADS, OCCUPATIONS, PARENT_ROLES, PETS, RELIGIONS, SKILL_HEADS, STATE_ADJECTIVES, STUDENT_HEADS,
} from './lexicon-people.js';
import type { RootKey } from './roots.js';
import { wordTable } from '../../core/word-table.js';

const NP_STOP = new Set(['with', 'who', 'that', 'at', 'in', 'for', 'from', 'and', 'or', 'of', 'working', 'living', 'looking', 'trying', 'by', 'on', 'to', 'but']);
const VAGUE = new Set(['bit', 'little', 'lot', 'couple', 'few', 'part', 'member', 'kind', 'sort', 'type', 'way', 'fan', 'lover', 'person', 'believer', 'huge', 'big', 'total', 'mess']);
const FANDOM = new Set(['fan', 'lover', 'enthusiast', 'buff', 'junkie', 'addict', 'aficionado', 'connoisseur', 'geek', 'nerd', 'admirer', 'devotee', 'supporter']);
/** "a coffee drinker", "a big reader of thrillers": what one consumes is what one likes (or, negated, does not). */
const CONSUMERS = new Set(['drinker', 'eater', 'smoker', 'reader', 'watcher', 'player', 'listener', 'gamer', 'cook', 'baker']);
/** "a sucker for romance": the thing after "for" is what is liked. */
const SUCKER = new Set(['sucker', 'glutton', 'softie', 'pushover']);
const AGENT_SUFFIX = /(?:er|or|ist|ian|eer|ant|smith|man|woman)$/;
/** Evaluative modifiers: "a slow decision maker" describes temperament, not a job. */
const EVALUATIVE = /^(?:slow|fast|quick|great|good|bad|terrible|awful|huge|big|total|complete|real|true|natural|born|dedicated|avid|decent|poor|horrible|better|best|worst|fellow|visual|auditory|kinesthetic|hands-on|lifelong|self-taught|hopeless|chronic|serial|compulsive|habitual|heavy|light)\b/;
const NOT_AGENT = new Set(['user', 'owner', 'member', 'number', 'matter', 'winner', 'loser', 'answer', 'other', 'order', 'paper', 'letter', 'power', 'water', 'computer', 'chapter', 'error', 'factor', 'color', 'colour', 'monitor', 'mirror', 'honor', 'minor', 'major', 'meteor', 'corner', 'center', 'centre', 'partner', 'brother', 'sister', 'mother', 'father', 'daughter', 'human', 'american', 'russian', 'asian', 'christian', 'believer', 'killer', 'sucker', 'stickler', 'planner', 'worrier', 'overthinker', 'procrastinator', 'giant', 'tyrant', 'servant', 'infant', 'elephant', 'plant', 'giant', 'champion', 'guardian', 'layman', 'follower', 'holder', 'stakeholder', 'maker', 'taker', 'lifter', 'renter', 'learner', 'thinker', 'doer', 'speaker', 'listener', 'viewer', 'customer', 'subscriber', 'passenger', 'visitor', 'survivor', 'sufferer', 'executor', 'believer', 'drinker', 'smoker', 'eater', 'sleeper', 'dreamer', 'lover', 'hater', 'beginner', 'starter', 'quitter', 'spender', 'saver', 'perfectionist']);

/** "34-year-old" / "34 year old" inside the phrase. */
function ageInside(ctx: Ctx, from: number, to: number, quoteStart: number): Draft | null {
  for (let k = from; k < to; k += 1) {
    const t = ctx.toks[k];
    if (t?.pos !== 'NUM' || !/^\d{1,3}$/.test(t.norm)) continue;
    const rest = [norm(ctx, k + 1), norm(ctx, k + 2), norm(ctx, k + 3), norm(ctx, k + 4)].filter((w) => w !== '-');
    if ((rest[0] === 'year' || rest[0] === 'years') && rest[1] === 'old') return draft('age', t.norm, 'demographic', quoteStart, to, 0.8);
  }
  return null;
}

function withTail(ctx: Ctx, text: string, end: number, preps: readonly string[]): { text: string; end: number } {
  const p = norm(ctx, end);
  if (!preps.includes(p)) return { text, end };
  const v = valueAt(ctx, end + 1, { max: 5 });
  return v ? { text: `${text} ${p} ${v.text}`, end: v.span.end } : { text, end };
}

const KIN_CANON: Readonly<Record<string, string>> = wordTable({ mom: 'mother', mum: 'mother', mommy: 'mother', dad: 'father', daddy: 'father' });

export interface IdentityOptions {
  confidence?: number;
  /** The context already says it is a job ("my role as a ..."): accept any noun head as occupation. */
  job?: boolean;
  /** `h` is the first word of the noun phrase, not its article (second conjunct of "a mom and nurse"). */
  bare?: boolean;
  /** Only a known line of work is an occupation, not any "-er" noun ("5th floor", "elevator" in a fragment). */
  strict?: boolean;
  /**
   * A kind of person that is no line of work ("a widow") describes the speaker only when the
   * speaker says "I am" (or "newlywed here"); after "as a" or in a bare fragment it is a role in
   * the task at hand ("as a non-admin user", "for at-risk teens").
   */
  selfDescription?: boolean;
}

export function identityNounPhrase(ctx: Ctx, c: Chain, h: number, opts: IdentityOptions = {}): Draft[] {
  const ds = identityCore(ctx, c, h, opts);
  if (ds.length === 0 || c.neg) return ds;
  // "a single mom and freelance graphic designer": read the second conjunct as its own identity.
  const end = Math.max(...ds.map((d) => d.to));
  if (norm(ctx, end) !== 'and' || ctx.toks[end + 1]?.pos === 'PRON') return ds;
  const next = norm(ctx, end + 1) === 'a' || norm(ctx, end + 1) === 'an' ? { h: end + 1, bare: false } : { h: end + 1, bare: true };
  const more = identityCore(ctx, { ...c, quoteStart: c.quoteStart }, next.h, { ...opts, bare: next.bare });
  return ds.concat(more.filter((d) => d.attribute !== 'age'));
}

function identityCore(ctx: Ctx, c: Chain, h: number, opts: IdentityOptions): Draft[] {
  const confidence = opts.confidence ?? 0.85;
  const det = norm(ctx, h);
  // "the middle kid", "the oldest": a birth order takes "the".
  if (!opts.bare && det === 'the' && /^(?:middle|oldest|youngest|eldest|baby)$/.test(norm(ctx, h + 1))) {
    const np = valueAt(ctx, h + 1, { max: 3, stop: NP_STOP });
    return np ? [draft('birth order', np.text.toLowerCase(), 'relationships', c.quoteStart, np.span.end, 0.75)] : [];
  }
  if (!opts.bare && det !== 'a' && det !== 'an') return [];
  const np = valueAt(ctx, opts.bare ? h : h + 1, { max: 6, stop: NP_STOP });
  const polarity: Polarity = c.neg ? 'negative' : 'positive';
  if (!np) return [];
  const headTok = ctx.toks[np.span.end - 1];
  const head = headTok?.norm ?? '';
  const lemma = headTok?.lemma ?? head;
  const end = np.span.end;
  const after = norm(ctx, end);
  // "a (big) fan of X", "a firm believer in X", "a dog person"
  if ((FANDOM.has(head) && after === 'of') || (SUCKER.has(head) && after === 'for')) {
    return topical(ctx, 'preference', c.quoteStart, end + 1, polarity, 0.8);
  }
  // "a huge packers fan", "a jazz lover", "(not) a coffee drinker": the modifiers name what is liked.
  if ((FANDOM.has(head) || CONSUMERS.has(head)) && np.span.end - np.span.start >= 2) {
    let from = np.span.start;
    while (from < np.span.end - 1 && (ctx.toks[from]?.pos === 'ADJ' || VAGUE.has(norm(ctx, from)))) from += 1;
    if (from < np.span.end - 1) {
      const only: Ctx = { text: ctx.text, toks: ctx.toks.slice(0, np.span.end - 1) };
      return topical(only, 'preference', c.quoteStart, from, polarity, 0.75).map((d) => ({ ...d, to: end }));
    }
  }
  if (head === 'believer' && after === 'in') {
    const v = valueAt(ctx, end + 1, { verbStart: true });
    return v ? [draft('belief', v.text, 'values', c.quoteStart, v.span.end, 0.75)] : [];
  }
  if (c.neg) return [];
  const out: Draft[] = [];
  const a = ageInside(ctx, np.span.start, end, c.quoteStart);
  if (a) out.push(a);
  if (head === 'person' || head === 'owl') {
    const mod = np.text.replace(/\s*(?:person|owl)$/, '');
    if (mod === '' || VAGUE.has(mod)) return out;
    if (/\b(?:morning|night|early)\b/.test(np.text)) return [...out, draft('chronotype', np.text, 'routine', c.quoteStart, end, 0.8)];
    return [...out, ...topical(ctx, 'preference', c.quoteStart, np.span.start, 'positive', 0.7, { max: 3, stop: new Set(['person']) })];
  }
  // "a stay at home mom", "an only child", "the middle kid": roles the tagger splits oddly.
  const home = /^stay[- ]at[- ]home (?:mom|mum|dad|mother|father|parent)\b/.exec(ctx.text.slice(ctx.toks[np.span.start]?.start ?? 0).toLowerCase());
  if (home) {
    const last = ctx.toks.findIndex((t) => t.start >= (ctx.toks[np.span.start]?.start ?? 0) + home[0].length) ;
    return [...out, draft('family role', home[0].replace(/-/g, ' '), 'relationships', c.quoteStart, last < 0 ? ctx.toks.length : last, 0.8)];
  }
  if ((head === 'child' || head === 'kid') && /^(?:only|middle|oldest|youngest|eldest|baby|first|second|third)\b/.test(np.text.toLowerCase())) {
    return [...out, draft('birth order', np.text.toLowerCase(), 'relationships', c.quoteStart, end, 0.8)];
  }
  if (VAGUE.has(head) || headTok?.pos === 'ADJ' && !STATE_ADJECTIVES.has(head)) return out;
  const add = (attribute: string, root: RootKey, text: string, to: number, conf = confidence): Draft[] => [
    ...out, draft(attribute, text, root, c.quoteStart, to, conf),
  ];
  if (INTEREST_HEADS.has(head) || INTEREST_HEADS.has(lemma)) {
    const ds = topical(ctx, 'preference', c.quoteStart, np.span.start, 'positive', 0.7, { max: 6, stop: NP_STOP });
    return [...out, ...ds.map((d) => ({ ...d, attribute: d.attribute === GENERIC_INTEREST ? 'hobby' : d.attribute }))];
  }
  if (head === 'learner' && np.span.end - np.span.start >= 2) return add('learning style', 'education', np.text, end, 0.8);
  if (STUDENT_HEADS.has(head)) {
    const t = withTail(ctx, np.text, end, ['in', 'at', 'of']);
    return add('education level', 'education', t.text, t.end);
  }
  if (SKILL_HEADS.has(head)) {
    const t = withTail(ctx, np.text, end, ['in', 'at', 'with']);
    return add('skill level', 'education', t.text, t.end, 0.7);
  }
  if (CITIZEN_HEADS.has(head)) return add('citizenship', 'culture', np.text, end, 0.75);
  if (GENDER_HEADS.has(head)) return add('gender', 'demographic', head, end, 0.75);
  if (PARENT_ROLES.has(head)) {
    const t = withTail(ctx, np.text, end, ['of', 'with']);
    const canon = t.text.split(' ').map((w) => KIN_CANON[w] ?? w).join(' ');
    return add('family role', 'relationships', canon, t.end, 0.8);
  }
  if (RELIGIONS.has(head)) return add('religion', 'values', np.text, end);
  if (DEMONYMS.has(head)) return add('nationality', 'culture', np.text, end, 0.75);
  const state = STATE_ADJECTIVES.get(head);
  if (state) return add(state[0], state[1] as RootKey, np.text, end, 0.8);
  if (head === 'owner' && np.text.split(' ').some((w) => PETS.has(w))) return add('pet ownership', 'hobbies', np.text, end, 0.8);
  // Chat clips job words ("software dev", "vet tech"): the full word decides, the speaker's words stay.
  const full = CLIPPED_HEADS.get(head) ?? lemma;
  const known = OCCUPATIONS.has(head) || OCCUPATIONS.has(full) || (headTok?.pos === 'NOUN' && isOccupationNoun(full));
  const agentLike = !opts.strict && headTok?.pos === 'NOUN' && AGENT_SUFFIX.test(head) && !NOT_AGENT.has(head) && head.length > 4 && !EVALUATIVE.test(np.text.toLowerCase());
  if (known || agentLike || (opts.job && headTok?.pos === 'NOUN')) return add('occupation', 'career', np.text, end, known || opts.job ? confidence : 0.55);
  // "a widow", "a newlywed", "an army brat": a kind of person that is no line of work describes the speaker.
  if (opts.selfDescription && headTok?.pos === 'NOUN' && !EVALUATIVE.test(np.text.toLowerCase()) && !FAMILY.has(head) && isPersonNoun(full)) return add(SELF_DESCRIPTION, 'psychology', np.text, end, 0.6);
  return out;
}
