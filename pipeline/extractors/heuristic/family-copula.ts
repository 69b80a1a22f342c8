/**
 * "I am ..." complements: age ("I'm 34", "in my forties"), origin and location ("I'm from",
 * "based in"), stable states ("vegan", "retired", "married"), attitudes ("into", "allergic to",
 * "afraid of", "not a fan of") and identity noun phrases ("a nurse" → see family-identity).
 */
import type { Chain } from './clause.js';
import { draft, norm, skipWords, topical, valueAt, type Ctx, type Draft } from './draft.js';
import { identityNounPhrase } from './family-identity.js';
import { STATE_ADJECTIVES, STATE_NOT_BEFORE, RELIGIONS, DEMONYMS } from './lexicon-people.js';
import type { RootKey } from './roots.js';
import { headIndex, isLocationNoun } from './lexical-classes.js';
import { nounClass } from '../../lexicon/noun-class.js';
import { spanText } from './span-text.js';
import { defaultWordNet } from '../../lexicon/wordnet.js';

const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DECADES = /^(?:(?:early|mid|late)-?)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[1-9]0s|[1-9]0's)$/;
const AGE_NEXT = new Set(['years', 'year', 'yrs', 'yr', 'yo', 'y/o', 'and', 'but', 'so', ',', '.', '!', ';', 'now', 'this', 'myself', '', '-', 'with', 'turning']);
const SCHOOLS = new Set(['high', 'school', 'college', 'university', 'uni', 'grad', 'graduate', 'med', 'medical', 'law', 'grade', 'kindergarten', 'middle', 'elementary', 'primary', 'secondary', 'year']);
const ORG_HEADS = new Set(['team', 'department', 'company', 'office', 'support', 'side', 'group', 'staff', 'future', 'past', 'perspective', 'point', 'background', 'standpoint']);

const ATTITUDE_TAIL = new Set(['from', 'since', 'because', 'for', 'after', 'when', 'ever']);

/** "I'm <adj> <prep> X": [attribute kind, polarity, root override]. */
const ATTITUDES: ReadonlyMap<string, readonly [string, 'preference' | 'fear' | 'allergy' | 'language' | 'values', boolean]> = new Map([
  ['into', ['', 'preference', true]], ['fond of', ['', 'preference', true]], ['keen on', ['', 'preference', true]],
  ['passionate about', ['', 'preference', true]], ['obsessed with', ['', 'preference', true]],
  ['interested in', ['', 'preference', true]], ['crazy about', ['', 'preference', true]], ['big on', ['', 'preference', true]],
  ['hooked on', ['', 'preference', true]], ['addicted to', ['', 'preference', true]], ['partial to', ['', 'preference', true]],
  ['drawn to', ['', 'preference', true]], ['averse to', ['', 'preference', false]], ['wary of', ['', 'preference', false]],
  ['tired of', ['', 'preference', false]], ['sick of', ['', 'preference', false]], ['against', ['', 'values', false]],
  ['opposed to', ['', 'values', false]], ['allergic to', ['allergy', 'allergy', false]], ['intolerant to', ['food intolerance', 'allergy', false]],
  ['intolerant of', ['food intolerance', 'allergy', false]], ['sensitive to', ['sensitivity', 'allergy', false]],
  ['afraid of', ['fear', 'fear', false]], ['scared of', ['fear', 'fear', false]], ['terrified of', ['fear', 'fear', false]],
  ['frightened of', ['fear', 'fear', false]], ['phobic of', ['fear', 'fear', false]], ['fluent in', ['language', 'language', true]],
  ['committed to', ['values', 'values', true]], ['dedicated to', ['values', 'values', true]],
]);

function attitude(ctx: Ctx, c: Chain, h: number): Draft[] {
  const one = norm(ctx, h);
  const key = ATTITUDES.has(one) ? one : `${one} ${norm(ctx, h + 1)}`;
  const spec = ATTITUDES.get(key);
  if (!spec) return [];
  const from = h + key.split(' ').length;
  const [attribute, kind, positive] = spec;
  let polarity: 'positive' | 'negative' = positive ? 'positive' : 'negative';
  if (c.neg) {
    // "not into X" flips a liking; "not afraid of X" / "not allergic to X" says too little to keep.
    if (kind !== 'preference') return [];
    polarity = positive ? 'negative' : 'positive';
  }
  // "interested in / passionate about X" is an interest in X's class ("science interest"), not a taste.
  const suffix = /^(?:interested|passionate|curious|fascinated|keen)\b/.test(key) ? 'interest' : 'preference';
  if (kind === 'preference') return topical(ctx, 'preference', c.quoteStart, from, polarity, 0.75, { verbStart: true, relative: true, max: 10 }, suffix);
  // "fluent in german from living in berlin": where it came from is no part of it.
  const v = valueAt(ctx, from, { verbStart: true, stop: ATTITUDE_TAIL });
  if (!v) return [];
  const roots: Record<string, RootKey> = { fear: 'psychology', allergy: 'health', language: 'culture', values: 'values' };
  const attr = kind === 'values' ? 'values' : attribute;
  return [draft(attr, v.text, roots[kind] as RootKey, c.quoteStart, v.span.end, 0.8, polarity)];
}

function age(ctx: Ctx, c: Chain, h: number): Draft | null {
  const t = ctx.toks[h];
  if (!t) return null;
  // "i'm twenty eight", "im forty-two"
  const tens = TENS.indexOf(t.norm);
  if (tens >= 0 && !(c.past)) {
    const unitAt = norm(ctx, h + 1) === '-' ? h + 2 : h + 1;
    const unit = UNITS.indexOf(norm(ctx, unitAt));
    const end = unit > 0 ? unitAt + 1 : h + 1;
    const after = norm(ctx, end);
    if (AGE_NEXT.has(after) || end >= ctx.toks.length) return draft('age', String(20 + 10 * tens + Math.max(0, unit)), 'demographic', c.quoteStart, end, 0.8);
  }
  if (t.pos === 'NUM' && /^\d{1,3}$/.test(t.norm)) {
    const n = Number(t.norm);
    const after = norm(ctx, h + 1);
    if (n < 10 || n > 105 || !(AGE_NEXT.has(after) || h + 1 >= ctx.toks.length)) return null;
    const end = after === 'years' || after === 'year' || after === 'yrs' ? (norm(ctx, h + 2) === 'old' ? h + 3 : h + 2) : h + 1;
    return draft('age', t.norm, 'demographic', c.quoteStart, end, 0.85);
  }
  if (t.norm === 'in' && norm(ctx, h + 1) === 'my') {
    const parts = [norm(ctx, h + 2), `${norm(ctx, h + 2)}${norm(ctx, h + 3)}`, `${norm(ctx, h + 2)} ${norm(ctx, h + 3)}`];
    if (DECADES.test(parts[0] ?? '')) return draft('age range', parts[0] as string, 'demographic', c.quoteStart, h + 3, 0.8);
    if (/^(?:early|mid|late)$/.test(parts[0] ?? '') && DECADES.test(norm(ctx, h + 3)))
      return draft('age range', parts[2] as string, 'demographic', c.quoteStart, h + 4, 0.8);
  }
  return null;
}

function place(ctx: Ctx, c: Chain, h: number): Draft | null {
  const n = norm(ctx, h);
  if (n === 'from' && !c.past) {
    const v = valueAt(ctx, h + 1, { max: 5 });
    if (!v || ORG_HEADS.has(norm(ctx, v.span.end - 1))) return null;
    return draft('place of origin', v.text, 'demographic', c.quoteStart, v.span.end, 0.75);
  }
  if ((n === 'based' || n === 'located') && (norm(ctx, h + 1) === 'in' || norm(ctx, h + 1) === 'out')) {
    const v = valueAt(ctx, norm(ctx, h + 1) === 'out' ? h + 3 : h + 2, { max: 5 });
    return v ? draft('place of residence', v.text, 'demographic', c.quoteStart, v.span.end, 0.8) : null;
  }
  if (c.past && (n === 'born' || n === 'raised') && (norm(ctx, h + 1) === 'in' || norm(ctx, h + 1) === 'and')) {
    const from = skipWords(ctx, h + 1, new Set(['in', 'and', 'raised', 'born']));
    const v = valueAt(ctx, from, { max: 5 });
    if (!v) return null;
    if (/^(?:19|20)\d\d$/.test(v.text)) return n === 'born' ? draft('birth year', v.text, 'demographic', c.quoteStart, v.span.end, 0.8) : null;
    return draft(n === 'born' ? 'birthplace' : 'hometown', v.text, 'demographic', c.quoteStart, v.span.end, 0.8);
  }
  if (c.past && n === 'diagnosed' && norm(ctx, h + 1) === 'with') {
    const v = valueAt(ctx, h + 2, { max: 5 });
    return v ? draft('health condition', v.text, 'health', c.quoteStart, v.span.end, 0.8) : null;
  }
  if (n === 'in' && SCHOOLS.has(norm(ctx, h + 1)) && !c.past) {
    const v = valueAt(ctx, h + 1, { max: 5 });
    return v ? draft('education level', v.text, 'education', c.quoteStart, v.span.end, 0.7) : null;
  }
  // "I'm in arizona", "im in a suburb outside chicago": a place WordNet knows as a location.
  if (n === 'in' && !c.past && c.subject === 'i') {
    const v = valueAt(ctx, h + 1, { max: 5 });
    const head = v ? ctx.toks[v.span.end - 1] : undefined;
    if (v && head && isLocationNoun(head.lemma)) return draft('place of residence', v.text, 'demographic', c.quoteStart, v.span.end, 0.65);
    const member = v && /^(?:a|an)$/.test(norm(ctx, h + 1)) ? membership(ctx, c, v) : null;
    if (member) return member;
  }
  if (n === 'on' && !c.past) {
    const v = valueAt(ctx, h + 1, { max: 4 });
    if (v && /\bdiet$/.test(v.text)) return draft('dietary preference', v.text, 'health', c.quoteStart, v.span.end, 0.8);
  }
  return null;
}

/** Groups one is in for a moment ("in a meeting"), not a member of. */
const PASSING_GROUPS = new Set(['meeting', 'crowd', 'line', 'queue', 'gathering', 'rush', 'session', 'call', 'hurry', 'mood', 'class']);
/** Groups WordNet files under other senses first ("band" the strip, "team" the animals). */
const GROUP_HEADS = new Set(['band', 'team', 'club', 'choir', 'league', 'crew', 'orchestra', 'troupe', 'squad', 'guild', 'union', 'fraternity', 'sorority']);

/**
 * "im in a book club", "in a garage band", "in a long distance relationship": being in a group
 * (WordNet's noun.group: club, band, choir, league) is a membership; in a relationship, its kind.
 */
function membership(ctx: Ctx, c: Chain, v: { span: { start: number; end: number }; text: string }): Draft | null {
  const head = ctx.toks[headIndex(ctx.toks, v.span)];
  if (!head) return null;
  const end = headIndex(ctx.toks, v.span) + 1;
  const text = spanText(ctx.text, ctx.toks, { start: v.span.start, end });
  if (head.lemma === 'relationship') return draft('relationship status', text, 'relationships', c.quoteStart, end, 0.7);
  if (PASSING_GROUPS.has(head.lemma)) return null;
  const wn = defaultWordNet();
  const cls = wn ? nounClass(wn, head.lemma, { allowSelf: true, preferLexnames: ['noun.group'] }) : null;
  return (cls?.lexname === 'noun.group' || GROUP_HEADS.has(head.lemma)) && !isLocationNoun(head.lemma) ? draft('group membership', text, 'culture', c.quoteStart, end, 0.65) : null;
}

/** Stable-state adjectives, possibly coordinated: "I'm vegan and gluten-free", "lactose intolerant". */
function states(ctx: Ctx, c: Chain, h: number): Draft[] {
  const out: Draft[] = [];
  let k = h;
  for (let guard = 0; guard < 4; guard += 1) {
    const n = norm(ctx, k);
    // Tight hyphen compounds come as three tokens: "gluten", "-", "free".
    const hy = norm(ctx, k + 1) === '-' ? `${n}-${norm(ctx, k + 2)}` : '';
    if (hy && STATE_ADJECTIVES.has(hy)) {
      const spec2 = STATE_ADJECTIVES.get(hy) as readonly [string, string];
      out.push(draft(spec2[0], hy, spec2[1] as RootKey, c.quoteStart, k + 3, 0.8));
      if (!(norm(ctx, k + 3) === 'and' || norm(ctx, k + 3) === ',')) break;
      k = k + 4;
      continue;
    }
    const att = k > h ? attitude(ctx, c, k) : [];
    if (att.length > 0) {
      out.push(...att);
      break;
    }
    // "gluten free" written apart is "gluten-free".
    const spec = STATE_ADJECTIVES.get(n) ?? (norm(ctx, k + 1) === 'free' ? STATE_ADJECTIVES.get(`${n}-free`) : undefined);
    const faith = RELIGIONS.has(n) ? (['religion', 'values'] as const) : DEMONYMS.has(n) ? (['nationality', 'culture'] as const) : null;
    const [attribute, root] = spec ?? faith ?? [null, null];
    if (!attribute || !root || STATE_NOT_BEFORE.get(n)?.has(norm(ctx, k + 1))) break;
    let end = k + 1;
    let value = n;
    if (norm(ctx, k + 1) === 'free' && STATE_ADJECTIVES.has(`${n}-free`)) {
      value = `${n}-free`;
      end = k + 2;
    } else if (n === 'lactose' || n === 'gluten') {
      if (norm(ctx, k + 1) !== 'intolerant') break;
      value = `${n} intolerant`;
      end = k + 2;
    } else if (n === 'retired' && norm(ctx, k + 1) === 'from') {
      const v = valueAt(ctx, k + 2, { max: 5 });
      if (v) {
        value = `retired from ${v.text}`;
        end = v.span.end;
      }
    }
    // "I have been pregnant" is history, not a current state.
    if (!(c.perfect && (n === 'pregnant' || attribute === 'marital status'))) out.push(draft(attribute, value, root as RootKey, c.quoteStart, end, 0.8));
    if (!(norm(ctx, end) === 'and' || norm(ctx, end) === ',')) break;
    k = end + 1;
  }
  return out;
}

export function copulaFamily(ctx: Ctx, c: Chain): Draft[] {
  const h = c.head;
  // "I was a competitive gymnast", "I used to be a chef": a former role, not a current one.
  if (c.past && /^(?:a|an)$/.test(norm(ctx, h)) && !c.neg && c.subject === 'i') {
    return identityNounPhrase(ctx, { ...c, past: false }, h)
      .filter((d) => d.attribute === 'occupation')
      .map((d) => ({ ...d, attribute: 'former occupation', confidence: 0.65 }));
  }
  if (c.past && !['born', 'raised', 'diagnosed'].includes(norm(ctx, h))) return [];
  if (c.modal && c.modal !== 'can') return [];
  if (c.subject === 'we' && norm(ctx, h) !== 'from') return [];
  const att = attitude(ctx, c, h);
  if (att.length > 0) return att;
  if (c.neg) {
    // "I'm not a big fan of X" is the one negated identity phrase worth keeping.
    return identityNounPhrase(ctx, c, h).filter((d) => d.polarity === 'negative');
  }
  const a = age(ctx, c, h);
  if (a) {
    // "im 67 and finally retired": the age, then whatever else the same "I'm" says.
    let next = a.to;
    if (norm(ctx, next) !== 'and') return [a];
    next += 1;
    while (ctx.toks[next]?.pos === 'ADV') next += 1;
    return [a, ...states(ctx, c, next)];
  }
  const p = place(ctx, c, h);
  if (p) return [p];
  const s = states(ctx, c, h);
  if (s.length > 0) return s;
  const id = identityNounPhrase(ctx, c, h, { selfDescription: c.subject === 'i' });
  return id.length > 0 ? id : trait(ctx, c, h);
}

/** Adjectives of the moment or of the conversation: "I'm sure", "I'm tired", "I'm glad". */
const TRANSIENT = new Set([
  'happy', 'sad', 'tired', 'busy', 'sorry', 'sure', 'good', 'fine', 'ok', 'okay', 'glad', 'ready', 'excited', 'bored',
  'hungry', 'curious', 'confused', 'new', 'back', 'done', 'here', 'there', 'home', 'right', 'wrong', 'late', 'early', 'able',
  'unable', 'aware', 'free', 'available', 'lucky', 'grateful', 'thankful', 'worried', 'nervous', 'stressed', 'upset',
  'angry', 'mad', 'jealous', 'proud', 'serious', 'honest', 'kidding', 'joking', 'great', 'well', 'awesome', 'cool',
  'fantastic', 'amazing', 'interested', 'familiar', 'unsure', 'certain', 'positive', 'willing', 'open', 'happy', 'stuck',
  'lost', 'alright', 'similar', 'same', 'different', 'sick', 'surprised', 'impressed', 'concerned', 'scared', 'afraid',
  'responsible', 'eager', 'likely', 'unlikely', 'due', 'close', 'far', 'next', 'last', 'first', 'only', 'alone', 'fast',
  'slow', 'bad', 'terrible', 'awful', 'nice', 'fun', 'funny', 'weird', 'crazy', 'normal', 'fair', 'big', 'small', 'old',
  'obsessed', 'addicted', 'hooked', 'broke', 'exhausted', 'jealous', 'shocked', 'relieved', 'thrilled', 'nervous',
]);

/**
 * "I'm bald", "i am very shy", "im conservative": a lasting trait the other families missed,
 * named by WordNet's attribute of the adjective ("shy" → confidence, "tall" → stature) or as a
 * personal trait. Only a whole-clause adjective counts ("I'm bald and ...", not "I'm happy to").
 */
function trait(ctx: Ctx, c: Chain, h: number): Draft[] {
  const t = ctx.toks[h];
  if (!t || t.pos !== 'ADJ' || c.neg || c.subject !== 'i' || TRANSIENT.has(t.norm)) return [];
  const after = ctx.toks[h + 1];
  // "I'm shy around strangers", "claustrophobic in elevators" are traits; "I'm comfortable with",
  // "passionate about" relate to what follows (other families read those): no bare trait.
  if (after && after.sent === t.sent && !['PUNCT', 'CCONJ'].includes(after.pos) && !['but', 'so', 'lol', 'haha', 'tbh', 'now', 'too', 'in', 'at', 'around'].includes(after.norm)) return [];
  const last = ctx.toks.findLast((x) => x.sent === t.sent);
  if (last?.norm === '?') return [];
  const attribute = defaultWordNet()?.adjectiveAttribute(t.norm) ?? 'personal trait';
  return [draft(attribute, t.norm, 'psychology', c.quoteStart, h + 1, 0.55)];
}
