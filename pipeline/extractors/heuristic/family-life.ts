/**
 * Life facts after a first-person verb: where one lives or comes from, work, study, languages
 * ("I live in", "I moved to", "I work as/at/in", "I study", "I graduated", "I speak"); beliefs and
 * values are read by family-beliefs.ts.
 */
import type { Chain } from './clause.js';
import { draft, norm, valueAt, type Ctx, type Draft } from './draft.js';
import { possession } from './family-have.js';
import { identityNounPhrase } from './family-identity.js';
import { headIndex, isFieldNoun, isLocationNoun } from './lexical-classes.js';
import { LANGUAGES } from './lexicon-people.js';
import { spanText } from './span-text.js';
import { beliefs } from './family-beliefs.js';
import { v5 } from './life-value.js';

const HOUSING = new Set(['apartment', 'house', 'condo', 'flat', 'dorm', 'studio', 'townhouse', 'trailer', 'van', 'cabin', 'bungalow', 'duplex', 'rv', 'farmhouse', 'loft']);
const WORKPLACES = new Set(['hospital', 'school', 'office', 'restaurant', 'bank', 'lab', 'laboratory', 'factory', 'warehouse', 'store', 'hotel', 'clinic', 'startup', 'company', 'firm', 'agency', 'library', 'university', 'college', 'bakery', 'cafe', 'shop', 'kitchen', 'salon', 'gym', 'pharmacy', 'nonprofit', 'church', 'farm']);
const SCHEDULE = /^(?:nights?|night shifts?|the night shift|days|weekends|full-time|full time|part-time|part time|long hours|shifts|overtime|\d+ hours.*|early mornings?)$/;


/** "a dairy farm in wisconsin" → "wisconsin": where a place is, when the phrase names a kind of place inside it. */
function placeOf(ctx: Ctx, v: { span: { start: number; end: number }; text: string } | null) {
  if (!v) return v;
  for (let j = v.span.end - 2; j > v.span.start; j -= 1) {
    const next = ctx.toks[j + 1];
    if (norm(ctx, j) !== 'in' || !next) continue;
    const tail = valueAt(ctx, j + 1, { max: v.span.end - j - 1 });
    const head = tail ? ctx.toks[tail.span.end - 1] : undefined;
    if (tail && head && (head.pos === 'PROPN' || isLocationNoun(head.lemma))) return tail;
  }
  return v;
}

/**
 * "grew up in ohio", "grew up on a dairy farm in wisconsin" (the kind of place and the place),
 * "grew up skiing in vermont" (what one did, then where).
 */
function growingUp(ctx: Ctx, c: Chain, h: number): Draft[] {
  if (ctx.toks[h]?.lemma !== 'grow' || norm(ctx, h + 1) !== 'up') return [];
  const out: Draft[] = [];
  let k = h + 2;
  if (/^[a-z]{3,}ing$/.test(norm(ctx, k)) && ctx.toks[k]?.pos !== 'PROPN') {
    out.push(draft('childhood activity', norm(ctx, k), 'hobbies', c.quoteStart, k + 1, 0.6));
    k += 1;
  }
  if (!['in', 'on', 'near', 'outside'].includes(norm(ctx, k))) return out;
  const whole = v5(ctx, k + 1, { max: 7 });
  const v = placeOf(ctx, whole);
  if (!whole || !v) return out;
  if (norm(ctx, v.span.end - 1) === 'family') return [...out, draft('family background', v.text, 'demographic', c.quoteStart, v.span.end, 0.7)];
  if (v !== whole) {
    const setting = valueAt(ctx, whole.span.start, { max: v.span.start - 1 - whole.span.start });
    if (setting) out.push(draft('childhood home', setting.text, 'demographic', c.quoteStart, setting.span.end, 0.65));
  }
  return [...out, draft('hometown', v.text, 'demographic', c.quoteStart, v.span.end, 0.8)];
}

function dwell(ctx: Ctx, c: Chain, h: number, lemma: string): Draft | null {
  const p = norm(ctx, h + 1);
  if (lemma === 'live') {
    if (c.past && !c.perfect) return null;
    if (p === 'alone' || p === 'with') {
      const v = p === 'alone' ? null : v5(ctx, h + 2);
      if (p === 'with' && !v) return null;
      return draft('living situation', v ? `with ${v.text}` : 'alone', 'routine', c.quoteStart, v ? v.span.end : h + 2, 0.75);
    }
    // "i live downtown", "we live abroad"
    if (/^(?:downtown|uptown|upstate|abroad|overseas|nearby|locally)$/.test(p) && !c.neg) return draft('place of residence', p, 'demographic', c.quoteStart, h + 2, 0.7);
    if (!['in', 'on', 'near', 'outside', 'at', 'by'].includes(p)) return null;
    const v = v5(ctx, h + 2);
    if (!v) return null;
    const head = norm(ctx, v.span.end - 1);
    const attribute = HOUSING.has(head) ? 'housing type' : 'place of residence';
    return draft(attribute, p === 'in' || HOUSING.has(head) ? v.text : `${p} ${v.text}`, 'demographic', c.quoteStart, v.span.end, 0.8);
  }
  if (lemma === 'come' && p === 'from' && !c.past) {
    const v = v5(ctx, h + 2);
    if (!v) return null;
    const head = norm(ctx, v.span.end - 1);
    if (head === 'background' || head === 'family') return draft(head === 'family' ? 'family background' : 'background', v.text, 'demographic', c.quoteStart, v.span.end, 0.7);
    return draft('place of origin', v.text, 'demographic', c.quoteStart, v.span.end, 0.75);
  }
  if ((lemma === 'move' || lemma === 'relocate') && (p === 'to' || p === 'here' || p === 'from') && (!c.modal || c.modal === 'will' || c.modal === "'ll")) {
    const v = p === 'here' && norm(ctx, h + 2) === 'from' ? v5(ctx, h + 3) : v5(ctx, h + 2);
    if (!v) return null;
    // "im moving to japan next year", "we'll move to portland": a planned move.
    if (c.progressive || c.modal) return p === 'to' && !c.past && !c.neg ? draft('planned move', v.text, 'demographic', c.quoteStart, v.span.end, 0.65) : null;
    const attribute = p === 'to' ? 'place of residence' : 'previous residence';
    return draft(attribute, v.text, 'demographic', c.quoteStart, v.span.end, p === 'to' ? 0.65 : 0.7);
  }
  return null;
}

function work(ctx: Ctx, c: Chain, h: number, lemma: string): Draft | null {
  // Retiring is a past event that describes the present: "I retired from teaching last year".
  if (lemma === 'retire' && ctx.toks[h]?.norm === 'retired' && !c.modal && !c.neg) {
    const v = norm(ctx, h + 1) === 'from' ? v5(ctx, h + 2, { verbStart: true }) : null;
    return draft('employment status', v ? `retired from ${v.text}` : 'retired', 'career', c.quoteStart, v ? v.span.end : h + 1, 0.8);
  }
  // "got laid off back in march", "got fired": a lost job is an employment status.
  if (lemma === 'get' && /^(?:laid|fired|sacked|let)$/.test(norm(ctx, h + 1)) && !c.modal && !c.neg) {
    const off = norm(ctx, h + 2) === 'off' || norm(ctx, h + 2) === 'go' ? 1 : 0;
    if (norm(ctx, h + 1) !== 'fired' && norm(ctx, h + 1) !== 'sacked' && !off) return null;
    return draft('employment status', spanText(ctx.text, ctx.toks, { start: h + 1, end: h + 2 + off }), 'career', c.quoteStart, h + 2 + off, 0.7);
  }
  // "just got engaged", "we got married last year"; "we're getting married in october" is engaged.
  if (lemma === 'get' && /^(?:married|engaged|divorced|separated)$/.test(norm(ctx, h + 1)) && !c.modal && !c.neg) {
    const soon = c.progressive && !c.past;
    return draft('marital status', soon ? `getting ${norm(ctx, h + 1)}` : norm(ctx, h + 1), 'relationships', c.quoteStart, h + 2, soon ? 0.65 : 0.75);
  }
  if (lemma === 'marry' && !c.modal && !c.neg && !c.progressive && ctx.toks[h]?.norm !== 'marry') {
    return draft('marital status', 'married', 'relationships', c.quoteStart, h + 1, 0.75);
  }
  const p = norm(ctx, h + 1);
  // "just turned 40": a birthday states the age.
  if (lemma === 'turn' && ctx.toks[h + 1]?.pos === 'NUM' && /^\d{2,3}$/.test(p) && Number(p) >= 10 && Number(p) <= 105 && !c.modal && !c.neg) {
    return draft('age', p, 'demographic', c.quoteStart, h + 2, 0.75);
  }
  // "just got a job at the zoo", "just started at a small bakery": a new workplace.
  const gotJob = lemma === 'get' && norm(ctx, h + 1) === 'a' && norm(ctx, h + 2) === 'job' ? h + 3 : -1;
  if ((gotJob > 0 || lemma === 'start') && norm(ctx, gotJob > 0 ? gotJob : h + 1) === 'at' && !c.modal && !c.neg) {
    const v = v5(ctx, (gotJob > 0 ? gotJob : h + 1) + 1);
    const head = v ? ctx.toks[headIndex(ctx.toks, v.span)] : undefined;
    if (v && head && (gotJob > 0 || WORKPLACES.has(head.lemma) || (head.pos === 'PROPN' && !isLocationNoun(head.norm)))) {
      const indefinite = /^(?:a|an|the)$/.test(norm(ctx, v.span.start - 1)) || WORKPLACES.has(head.lemma);
      return draft(indefinite ? 'workplace' : 'employer', v.text, 'career', c.quoteStart, v.span.end, 0.7);
    }
  }
  // "went into sales", "went straight into the trades": entering a line of work (an act or a field, not a room).
  if (lemma === 'go' && !c.modal && !c.neg) {
    const into = norm(ctx, h + 1) === 'into' ? h + 1 : norm(ctx, h + 2) === 'into' && /^(?:straight|right|back|directly|eventually)$/.test(norm(ctx, h + 1)) ? h + 2 : -1;
    const v = into > 0 ? v5(ctx, into + 1, { max: 3 }) : null;
    const head = v ? ctx.toks[v.span.end - 1] : undefined;
    if (v && head && isFieldNoun(head.lemma)) return draft('industry', v.text, 'career', c.quoteStart, v.span.end, 0.6);
  }
  if (c.past && !c.perfect && lemma !== 'work') return null;
  if (lemma === 'work' || lemma === 'job') {
    if (p === 'as') {
      const art = norm(ctx, h + 2);
      if (art === 'a' || art === 'an') {
        const ds = identityNounPhrase(ctx, c, h + 2, { job: true }).filter((d) => d.attribute === 'occupation');
        if (ds[0]) return ds[0];
      }
      const v = v5(ctx, h + 2);
      return v ? draft('occupation', v.text, 'career', c.quoteStart, v.span.end, 0.85) : null;
    }
    if ((p === 'from' && norm(ctx, h + 2) === 'home') || p === 'remotely' || p === 'remote') {
      const end = p === 'from' ? h + 3 : h + 2;
      return draft('work arrangement', p === 'from' ? 'from home' : 'remote', 'career', c.quoteStart, end, 0.8);
    }
    if (c.past && !c.perfect && p !== 'at' && p !== 'for') return null;
    if (p === 'at' || p === 'for' || p === 'in' || p === 'with') {
      const v = v5(ctx, h + 2);
      if (!v || /^(?:hours|years|months|days|weeks|myself|free|a while|now|\d.*)$/.test(v.text)) return p === 'for' && norm(ctx, h + 2) === 'myself' ? draft('employment status', 'self-employed', 'career', c.quoteStart, h + 3, 0.75) : null;
      const head = norm(ctx, v.span.end - 1);
      // "at a car dealership" names a kind of place; "at Google" an employer.
      const indefinite = /^(?:a|an)$/.test(norm(ctx, v.span.start - 1)) && p !== 'in';
      let attribute = p === 'with' ? 'work focus' : WORKPLACES.has(head) || indefinite ? 'workplace' : p === 'in' ? 'industry' : 'employer';
      if (c.past && !c.perfect) attribute = attribute === 'employer' ? 'previous employer' : `previous ${attribute}`;
      // "working in a deal", "working in MATLAB": an industry is a bare field ("in marketing", "in the film industry").
      // "working in focused 25-minute blocks" is how, not where: a field has no number.
      if (attribute === 'industry' && (/^(?:a|an)\b/i.test(ctx.text.slice(ctx.toks[h + 2]?.start ?? 0)) || /\d/.test(v.text) || c.progressive && !/\b(?:industry|field|sector)$/.test(v.text))) return null;
      return draft(attribute, v.text, 'career', c.quoteStart, v.span.end, 0.75);
    }
    const sched = v5(ctx, h + 1, { max: 4 });
    if (sched && SCHEDULE.test(sched.text)) return draft('work schedule', sched.text, 'career', c.quoteStart, sched.span.end, 0.75);
    return null;
  }
  if (lemma === 'teach' && !c.modal) {
    const v = v5(ctx, h + 1);
    return v ? draft('occupation', `teaching ${v.text}`, 'career', c.quoteStart, v.span.end, 0.7) : null;
  }
  if ((lemma === 'specialize' || lemma === 'specialise') && p === 'in') {
    const v = v5(ctx, h + 2, { verbStart: true });
    return v ? draft('professional specialty', v.text, 'career', c.quoteStart, v.span.end, 0.75) : null;
  }
  if ((lemma === 'own' || lemma === 'run' || lemma === 'manage' || lemma === 'operate') && !c.modal) {
    const v = v5(ctx, h + 1);
    if (!v) return null;
    if (lemma === 'manage' && /\bteam\b/.test(v.text)) return draft('management role', v.text, 'career', c.quoteStart, v.span.end, 0.7);
    // Any noun of the phrase: "a little bookstore downtown" is tagged with "downtown" as its head.
    const nouns = ctx.toks.slice(v.span.start, v.span.end).filter((x) => x.pos === 'NOUN').map((x) => x.norm).join(' ');
    if (!/(?:\b(?:business|company|startup|bakery|restaurant|cafe|salon|studio|practice|firm|agency|clinic|farm|brand|boutique|channel|blog|podcast|nonprofit|charity|truck|franchise|website)|shop|store)\b/.test(nouns)) {
      // "I own a vintage pickup": a possession, named from WordNet.
      return lemma === 'own' ? possession(ctx, c, v)[0] ?? null : null;
    }
    return draft(lemma === 'manage' ? 'management role' : 'business ownership', v.text, 'career', c.quoteStart, v.span.end, 0.75);
  }
  return null;
}

function study(ctx: Ctx, c: Chain, h: number, lemma: string): Draft | null {
  const p = norm(ctx, h + 1);
  // Past study still describes the speaker's education: "I studied economics".
  if (lemma === 'study' && !c.modal && !['for', 'at', 'with', 'in', 'hard', 'abroad'].includes(p)) {
    const v = v5(ctx, h + 1);
    return v ? draft('field of study', v.text, 'education', c.quoteStart, v.span.end, 0.7) : null;
  }
  // "I went to a tiny catholic school", "went to music school for opera"
  if ((lemma === 'go' || lemma === 'attend') && (p === 'to' || lemma === 'attend')) {
    const v = v5(ctx, lemma === 'go' ? h + 2 : h + 1);
    if (v && /\b(?:school|college|university|uni|academy|conservatory|seminary|institute|bootcamp)$/.test(v.text.toLowerCase())) return draft('school attended', v.text, 'education', c.quoteStart, v.span.end, 0.7);
    // "went to mcgill for engineering": a place one went to for a field of study is a school.
    const field = v && norm(ctx, v.span.end) === 'for' ? ctx.toks[v.span.end + 1] : undefined;
    if (v && field && field.pos === 'NOUN' && isFieldNoun(field.lemma) && !isLocationNoun(norm(ctx, v.span.end - 1))) {
      return draft('school attended', v.text, 'education', c.quoteStart, v.span.end + 2, 0.6);
    }
  }
  if ((lemma === 'major' || lemma === 'minor') && p === 'in') {
    const v = v5(ctx, h + 2);
    return v ? draft('field of study', v.text, 'education', c.quoteStart, v.span.end, 0.8) : null;
  }
  if (lemma === 'graduate' && (p === 'from' || p === 'with' || p === 'in') && !c.modal) {
    const v = v5(ctx, h + 2);
    if (!v) return null;
    const attribute = p === 'from' ? 'alma mater' : p === 'with' ? 'degree' : /^\d{4}$/.test(v.text) ? 'graduation year' : 'field of study';
    return draft(attribute, v.text, 'education', c.quoteStart, v.span.end, 0.75);
  }
  if ((lemma === 'speak' || lemma === 'know') && !c.neg && (!c.modal || c.modal === 'can')) {
    // Every language named in the rest of the clause: "i speak 4 languages : english , polish , russian".
    const langs: string[] = [];
    let end = h + 1;
    for (let k = h + 1; k < h + 20 && ctx.toks[k]?.sent === ctx.toks[h]?.sent && !['but', 'because', 'so', 'since', '.', '!', '?'].includes(norm(ctx, k)); k += 1) {
      if (LANGUAGES.has(norm(ctx, k)) && !langs.includes(norm(ctx, k))) {
        langs.push(norm(ctx, k));
        end = k + 1;
      }
    }
    return langs.length > 0 ? draft('languages spoken', langs.join(', '), 'culture', c.quoteStart, end, 0.8) : null;
  }
  // "I learn best by doing", "I tend to learn better from text": a learning style.
  if (lemma === 'learn' && (p === 'best' || p === 'better') && !c.modal && !c.past) {
    let from = h + 2;
    while (['by', 'from', 'through', 'thru', 'with', 'when', 'in', 'via'].includes(norm(ctx, from)) === false && from < h + 4) from += 1;
    const v = valueAt(ctx, from + 1, { verbStart: true, max: 7 });
    return v ? draft('learning preference', v.text, 'education', c.quoteStart, v.span.end, 0.75) : null;
  }
  if (lemma === 'learn' && !c.modal && !c.past && (c.progressive || c.habitual || c.perfect)) {
    // "I've learned to appreciate the little comforts" is a lesson; "I'm learning to swim" a skill.
    if (c.perfect && !c.progressive && norm(ctx, h + 1) === 'to') return null;
    const v = v5(ctx, h + 1, { verbStart: true });
    if (!v) return null;
    const lang = v.text.split(/\s+/).length <= 2 && LANGUAGES.has(v.text.split(/\s+/).pop() ?? '');
    return draft(lang ? 'language learning' : 'learning interest', v.text, lang ? 'culture' : 'education', c.quoteStart, v.span.end, 0.65);
  }
  return null;
}

export function lifeFamily(ctx: Ctx, c: Chain): Draft[] {
  if (c.copula) return [];
  const t = ctx.toks[c.head];
  if (!t) return [];
  // Wink's lemma misses some lower-case chat forms; fall back to simple de-inflection.
  const lemma = t.lemma !== t.norm ? t.lemma : t.norm.replace(/(?:ing|ed|es|s)$/, '') || t.norm;
  const grew = growingUp(ctx, c, c.head);
  if (grew.length > 0) return grew;
  const candidates = [t.lemma, lemma, t.norm];
  for (const l of new Set(candidates)) {
    const d = dwell(ctx, c, c.head, l) ?? work(ctx, c, c.head, l) ?? study(ctx, c, c.head, l) ?? beliefs(ctx, c, c.head, l);
    // Languages are many values of one attribute: one mention each.
    if (d) return d.attribute === 'languages spoken' ? d.value.split(', ').map((value) => ({ ...d, value })) : [d];
  }
  return [];
}
