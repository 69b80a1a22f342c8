import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { sha256 } from '../core/hash.js';
import type { Persona, PersonaAttribute } from './types.js';
import { singular } from './consistency-occupation.js';
import { ANCHOR_EXTRAS, type AnchorWords, INTROS, type TemplateKind, TEMPLATES } from './narrative-templates.js';
import { capFirst, decadeOf, isSelfNegated, jobPhrase, lowerLabel, nounPhrase, ownSentence, pluralHead, roughPopulation, toClause, withArticle, wordCount } from './narrative-text.js';

/**
 * Offline first-person summary: an opening from the anchors, then the most salient attributes
 * (one per root, then a second per root), each through a template used at most once, padded with
 * further anchor facts and fact-free filler when short. Deterministic in (persona, seed).
 */

export const NARRATIVE_WORDS = { min: 150, max: 400 } as const;
/** Values longer than this are cut: one attribute should not crowd out the rest. */
const MAX_VALUE_WORDS = 30;
const SENTENCES_PER_PARAGRAPH = 5;
/** Labels whose positive values are tastes ("favourite genre"); other positives are stated as facts. */
const PREFERENCE = /favou?rite|prefer|like|interest|hobb|taste|enjoy|passion|genre|music|food|cuisine|sport|book|film|movie|show|game|activit|leisure|pastime/i;
const AFFECTIVE_VERB = /^(?:like|love|enjoy|adore|prefer|relish|cherish)\b/;
const FALLBACK: Partial<Record<TemplateKind, TemplateKind>> = { 'like-np': 'fact-np', 'like-vp': 'fact-vp', 'have-np': 'fact-np', 'fact-np': 'free', free: 'fact-np', number: 'fact-np' };
/**
 * Labels of things a person has: kin, pets and possessions. Their positive values are said as
 * having ("I have a cousin"), not as "As for extended family, I'd say cousin".
 */
const HAD = /\b(?:owned|ownership|pets?|child|children|kids?|sons?|daughters?|siblings?|brothers?|sisters?|cousins?|partner|spouse|wife|husband|girlfriend|boyfriend|grandparents?|grandchild(?:ren)?|extended family|relative|parents?)\b/i;

export interface NarrativeSentence {
  /** `kind-n` for attribute templates, `intro-n`, `anchor-n`, `filler-n`: never twice in one summary. */
  templateId: string;
  attributeIndex: number | null;
  text: string;
}

interface Rendering {
  kind: TemplateKind;
  slots: Record<string, string>;
}

function rngFor(persona: Persona, seed: number): RandomGenerator {
  return xoroshiro128plus(Number.parseInt(sha256(`narrative\u001f${persona.personaId}\u001f${seed}`).slice(0, 8), 16) | 0);
}

function clip(value: string): string {
  const words = value.trim().split(/\s+/);
  return words.length <= MAX_VALUE_WORDS ? value.trim() : `${words.slice(0, MAX_VALUE_WORDS).join(' ')}…`;
}

/**
 * The attribute's own label, said the way a person would. It never borrows its parent's: the
 * taxonomy names inner nodes after WordNet classes, and "geographical area town", "ancestor
 * parent" or "creating by mental acts approach" are no one's words.
 */
function labelPhrase(a: PersonaAttribute): string {
  return spokenLabel(lowerLabel(a.label));
}

/**
 * How a person would name the topic: taxonomy labels say "Weather Preference" or "Game
 * Interest", people say "weather" or "games" ("When it comes to weather preference, …" reads as a
 * form). The words "preference", "interest" and "favourite" go; the label stays when nothing is left.
 */
export function spokenLabel(label: string): string {
  const spoken = label.replace(/\b(?:preferences?|interests?|favou?rites?)\b/gi, ' ').replace(/\s+/g, ' ').trim();
  return spoken === '' || /^(?:and|or|of)\b|\b(?:and|or|of)$/.test(spoken) ? label : spoken;
}

/** How an attribute is said: a taste, a dislike, a fact, a number or free text. */
function renderingOf(a: PersonaAttribute): Rendering {
  const value = clip(a.value);
  const label = labelPhrase(a);
  if (a.valueType === 'numeric') return { kind: 'number', slots: { label, value: nounPhrase(value) } };
  const own = ownSentence(value);
  const clause = own ? { vp: '' } : toClause(value);
  const slots = { label, value: nounPhrase(value), clause: own ?? (clause ? `I ${clause.vp}` : ''), gerund: clause?.gerund ?? '' };
  const shape = clause ? 'vp' : a.valueType === 'free_text' ? 'free' : 'np';
  if (shape === 'free') return { kind: 'free', slots };
  const selfNegated = isSelfNegated(value) || (clause !== undefined && !clause.gerund);
  if (a.polarity === 'negative' && !selfNegated) return { kind: shape === 'vp' ? 'dislike-vp' : 'dislike-np', slots };
  if (shape === 'np' && a.polarity !== 'negative' && !selfNegated && HAD.test(a.label) && !/\b(?:interests?|preferences?|favou?rites?)\b/i.test(a.label)) return { kind: 'have-np', slots: { ...slots, had: withArticle(slots.value) } };
  const taste = a.polarity === 'positive' && !selfNegated && PREFERENCE.test(`${a.path} ${a.label}`) && !AFFECTIVE_VERB.test(clause?.vp ?? '');
  return { kind: `${taste ? 'like' : 'fact'}-${shape}` as TemplateKind, slots };
}

/** Polar and categorical values say the most about a person; near-stratum values are the most anchored. */
function salience(a: PersonaAttribute): number {
  const polar = a.polarity === 'neutral' ? 0 : 2;
  const type = a.valueType === 'categorical' ? 2 : a.valueType === 'numeric' ? 1 : 0;
  const stratum = a.stratum === 'near' ? 0.5 : a.stratum === 'middle' ? 0.25 : 0;
  return polar + type + stratum - (wordCount(a.value) > 12 ? 1 : 0);
}

function shuffled<T>(items: readonly T[], rng: RandomGenerator): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const contentWords = (s: string) => new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(singular));

/**
 * A value that only repeats its attribute's name ("Kid" = "kids", "Dish Preference" = "dishes")
 * says nothing a sentence could carry: "Regarding kid, I'd put it as kid." It is left out of the summary.
 */
export function echoesLabel(a: Pick<PersonaAttribute, 'label' | 'value'>): boolean {
  const value = contentWords(a.value);
  const label = contentWords(a.label);
  return value.size > 0 && [...value].every((w) => label.has(w));
}

/** One per root (roots by their best value, ties shuffled), then a second per root, then the rest. */
function orderAttributes(persona: Persona, rng: RandomGenerator): number[] {
  const seen = new Set<string>();
  const byRoot = new Map<string, number[]>();
  persona.attributes.forEach((a, i) => {
    const key = a.value.trim().toLowerCase();
    if (a.stratum === 'anchor' || a.origin === 'anchor' || key === '' || seen.has(key) || echoesLabel(a)) return;
    seen.add(key);
    const list = byRoot.get(a.root);
    if (list) list.push(i);
    else byRoot.set(a.root, [i]);
  });
  const scores = persona.attributes.map(salience); // once each: sort comparators call score often
  const score = (i: number) => scores[i]!;
  const lists = shuffled([...byRoot.values()], rng).map((l) => l.sort((x, y) => score(y) - score(x) || x - y));
  lists.sort((x, y) => score(y[0]!) - score(x[0]!));
  const out: number[] = [];
  for (let rank = 0; lists.some((l) => l.length > rank); rank++) for (const l of lists) if (l[rank] !== undefined) out.push(l[rank]!);
  return out;
}

/** The verbs of the templates in the singular and the plural, to agree with {value}. */
const AGREEING: Readonly<Record<string, readonly [string, string]>> = { is: ['is', 'are'], isnt: ["isn't", "aren't"], puts: ['puts', 'put'], describes: ['describes', 'describe'] };

const fill = (template: string, slots: Record<string, string>) => {
  const plural = pluralHead(slots.value ?? '') ? 1 : 0;
  return finish(
    template
      .replace(/\{(is|isnt|puts|describes)\}/g, (_, k: string) => AGREEING[k]![plural]!)
      .replace(/\{(label|value|clause|gerund|had)\}/g, (_, k: string) => slots[k] ?? ''),
  );
};

/** Capitalises each sentence start and tidies punctuation that a value brought with it. */
const finish = (s: string) =>
  capFirst(s.replace(/([?!])\./g, '$1').replace(/\.{2,}/g, '.').replace(/…\./g, '…').replace(/([.?!]\s+)(\p{Ll})/gu, (_, p: string, c: string) => p + c.toUpperCase()));

export function narrateWithTrace(persona: Persona, seed: number): { text: string; sentences: NarrativeSentence[] } {
  const rng = rngFor(persona, seed);
  const pick = <T>(items: readonly T[]) => items[uniformInt(rng, 0, items.length - 1)]!;
  const { anchors } = persona;
  const words: AnchorWords = {
    age: anchors.age,
    person: anchors.age < 18 ? (anchors.sex === 'female' ? 'girl' : 'boy') : anchors.sex === 'female' ? 'woman' : 'man',
    place: anchors.city.name === anchors.country.name ? anchors.city.name : `${anchors.city.name}, ${anchors.country.name}`,
    city: anchors.city.name,
    country: anchors.country.name,
    population: roughPopulation(anchors.city.population),
    ...(anchors.occupation ? { job: jobPhrase(anchors.occupation.title) } : {}),
    ...(anchors.city.region ? { region: anchors.city.region } : {}),
    ...(decadeOf(anchors.age) ? { decade: decadeOf(anchors.age)! } : {}),
  };
  const sentences: NarrativeSentence[] = [];
  let total = 0;
  const add = (templateId: string, attributeIndex: number | null, text: string) => {
    if (total + wordCount(text) > NARRATIVE_WORDS.max) return false;
    sentences.push({ templateId, attributeIndex, text });
    total += wordCount(text);
    return true;
  };

  const intro = uniformInt(rng, 0, INTROS.length - 1);
  add(`intro-${intro}`, null, finish(INTROS[intro]!(words)!));
  const target = uniformInt(rng, 200, 300);
  const used = new Set<string>();
  for (const index of orderAttributes(persona, rng)) {
    if (total >= target) break;
    const { kind, slots } = renderingOf(persona.attributes[index]!);
    const tried = new Set<TemplateKind>();
    for (let k: TemplateKind | undefined = kind; k && !tried.has(k); k = FALLBACK[k]) {
      tried.add(k);
      const free = TEMPLATES[k].map((_, n) => n).filter((n) => !used.has(`${k}-${n}`));
      if (free.length === 0) continue;
      const n = pick(free);
      if (add(`${k}-${n}`, index, fill(TEMPLATES[k][n]!, slots))) used.add(`${k}-${n}`);
      break;
    }
  }
  // Too short: more anchor facts first, then sentences that state nothing at all.
  for (const n of shuffled(ANCHOR_EXTRAS.map((_, n) => n), rng)) {
    const text = total < NARRATIVE_WORDS.min ? ANCHOR_EXTRAS[n]!(words) : undefined;
    if (text) add(`anchor-${n}`, null, finish(text));
  }
  const fillers = shuffled(TEMPLATES.filler.map((_, n) => n), rng);
  while (total < NARRATIVE_WORDS.min && fillers.length > 0) {
    const n = fillers.shift()!;
    add(`filler-${n}`, null, TEMPLATES.filler[n]!);
  }
  if (fillers.length > 0 && uniformInt(rng, 0, 1) === 1) add(`filler-${fillers[0]!}`, null, TEMPLATES.filler[fillers[0]!]!);

  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += SENTENCES_PER_PARAGRAPH) {
    paragraphs.push(sentences.slice(i, i + SENTENCES_PER_PARAGRAPH).map((s) => s.text).join(' '));
  }
  return { text: paragraphs.join('\n\n'), sentences };
}

export function narrate(persona: Persona, seed: number): string {
  return narrateWithTrace(persona, seed).text;
}
