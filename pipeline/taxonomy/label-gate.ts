/**
 * The label-quality gate for attribute names: does a phrase name a kind of personal attribute?
 * The extractor composes names from WordNet classes of what people said ("happening preference",
 * "chemical agent preference") and turns verbs into names ("establishing", "checking"). Such a
 * name classifies nothing: its values are the objects of a verb or the members of a class too
 * abstract to prefer. A name that fails is not dropped: its phrases join a generic leaf of their
 * root named after the name's kind ("Other Preferences", "Other Activities"), so every mention
 * still reaches a node (see lexical-group.ts).
 */
import { nounEntry } from '../lexicon/noun-class.js';
import type { WordNet } from '../lexicon/wordnet.js';
import type { PhraseConcept } from './phrase-concept.js';

export interface NameVerdict {
  ok: boolean;
  /** Why a name failed (logged in the merge log); empty when it passed. */
  reason: string;
}

/**
 * Lexicographer files whose nouns are properties, states, relations and amounts: "advantage",
 * "improvement", "circumstance", "countenance". As a bare name they can be a person's attribute
 * ("age", "health condition", "personal trait"), but "<such a noun> preference" prefers nothing
 * one could name: the class is not a kind of thing.
 */
const ABSTRACT_LEXNAMES = new Set(['noun.attribute', 'noun.state', 'noun.relation', 'noun.quantity', 'noun.shape', 'noun.process', 'noun.motive']);

/**
 * Upper classes of WordNet one cannot prefer among: "happening", "cognition", "thing", "act".
 * Narrower than the category rule of lexical-group.ts on purpose: "activity", "music", "work",
 * "area" and "device" are too broad to group attributes under, yet people do name their
 * preferences by them ("preferred activities", "music preference").
 */
const UPPER_CLASSES = new Set([
  'entity', 'physical entity', 'abstraction', 'object', 'whole', 'thing', 'matter', 'material', 'substance', 'psychological feature', 'event',
  'act', 'action', 'artifact', 'cognition', 'content', 'attribute', 'state', 'condition', 'property', 'quality', 'group', 'social group',
  'process', 'relation', 'part', 'instrumentality', 'organism', 'living thing', 'happening', 'change', 'idea', 'concept', 'measure',
  'causal agent', 'natural object', 'unit', 'collection', 'person', 'possession', 'feeling', 'being', 'basic cognitive process',
  'higher cognitive process', 'ability', 'component', 'element', 'combination', 'agent', 'creation',
]);

/**
 * A gerund's act that is a physical change ("squeezing", "bending", "finishing") or a happening
 * ("raising") is something done to a thing, not a pursuit; one under travel ("hiking") is a pursuit.
 */
const MERE_CHANGE = new Set(['change', 'happening']);
const PURSUIT = new Set(['travel', 'activity']);

/** The naming affixes that say "a preference among kinds of X": the kinds must exist. */
const PREFERENCE_KINDS = new Set(['preference', 'interest', 'favorite', 'preferred', 'style', 'type']);

/** Lexicographer files of a gerund's noun senses that name something a person does or knows. */
const ACTIVITY_LEXNAMES = new Set(['noun.act', 'noun.cognition']);
/** Files of a concrete thing: a tagged noun sense here is a noun of its own ("clothing", "setting"). */
const THING_LEXNAMES = new Set(['noun.artifact', 'noun.location', 'noun.food', 'noun.person', 'noun.animal']);

/**
 * The verdict on one attribute name from its WordNet concept (phrase-concept.ts):
 * - a gerund WordNet knows only as a verb ("establishing", "checking", "struggling") fails: the
 *   -ing form names an action done to the value, not an activity a person has; a gerund whose
 *   noun is an act ("hiking", "driving", "collecting") passes;
 * - a gerund whose only noun is a thing ("working" = an excavation, "landing" = a platform) is the
 *   verb in disguise and fails the same way;
 * - "X preference" (or interest, favourite …) fails when X is a property, state, relation or
 *   amount (ABSTRACT_LEXNAMES) or one of WordNet's upper classes (UPPER_CLASSES): one does not
 *   prefer among "happenings" or "cognitions";
 * - a name WordNet does not know passes: the corpus earned it its leaf (min support), and the
 *   vectors place it.
 * Bare nouns are not judged by file: "age", "fear", "allergy" are what a person has.
 */
export function judgeAttributeName(wn: WordNet, concept: PhraseConcept): NameVerdict {
  const self = concept.chain[0];
  if (!self) return { ok: true, reason: '' };
  if (concept.kind === '' && isGerund(wn, concept.topic)) {
    if (self.pos === 'verb') return fail(`"${concept.topic}" is a verb in WordNet, not an activity`);
    if (!gerundNamesActivity(wn, concept.topic)) return fail(`"${concept.topic}" as a noun is ${self.lexname}, not an activity`);
    const names = concept.chain.map((s) => s.words[0]!);
    if (names.some((n) => MERE_CHANGE.has(n)) && !names.some((n) => PURSUIT.has(n))) return fail(`"${concept.topic}" is a change done to something, not a pursuit`);
  }
  if (PREFERENCE_KINDS.has(concept.kind)) {
    const name = `"${concept.topic} ${concept.kind}"`;
    if (self.pos === 'verb') return fail(`${name}: the topic is a verb`);
    if (ABSTRACT_LEXNAMES.has(self.lexname)) return fail(`${name}: the topic is ${self.lexname}, not a kind of thing`);
    if (UPPER_CLASSES.has(self.words[0]!)) return fail(`${name}: the topic is an upper class of WordNet`);
  }
  return { ok: true, reason: '' };
}

const fail = (reason: string): NameVerdict => ({ ok: false, reason });

/** An -ing word that is the form of a WordNet verb ("sibling" is not: no verb "sibl"). */
function isGerund(wn: WordNet, topic: string): boolean {
  if (!/^[a-z]+ing$/.test(topic)) return false;
  const stem = topic.slice(0, -3);
  return [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].some((v) => v.length > 1 && (wn.lemma(v, 'verb')?.senses.length ?? 0) > 0);
}

/**
 * Whether a gerund's noun names an activity: one of its senses is an act or a kind of knowing
 * ("reading", "learning"), or its first sense is a tagged concrete noun ("clothing", "setting").
 * "Working" (only: an excavation) and "helping" (only: a portion of food) name no activity.
 */
function gerundNamesActivity(wn: WordNet, topic: string): boolean {
  const entry = nounEntry(wn, topic)?.entry;
  if (!entry) return false;
  const files = entry.senses.map((o) => wn.synset(o).lexname);
  return files.some((f) => ACTIVITY_LEXNAMES.has(f)) || (entry.taggedSenses > 0 && THING_LEXNAMES.has(files[0]!));
}

/** The generic parent a failed name joins, by its kind: what it was still about. */
export function genericLabel(wn: WordNet, concept: PhraseConcept): string {
  if (concept.kind === '' && isGerund(wn, concept.topic)) return 'other activities';
  switch (concept.kind) {
    case 'preference':
    case 'favorite':
    case 'preferred':
    case 'style':
    case 'type':
      return 'other preferences';
    case 'interest':
      return 'other interests';
    case 'owned':
    case 'ownership':
      return 'other possessions';
    default:
      return 'other attributes';
  }
}
