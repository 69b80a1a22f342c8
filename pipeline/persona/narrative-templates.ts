/**
 * Sentence templates for the offline narrator, one pool per kind. Placeholders: {label} (the
 * attribute label, lower-cased), {value} (a noun phrase), {clause} ("I drink wine on weekends"),
 * {gerund} ("drinking wine on weekends"), and verbs that agree with {value} as their subject:
 * {is}, {isnt}, {puts}, {describes} ("true crime podcasts always put me in a good mood"). No template adds a fact: at most an attitude that the
 * polarity already states (positive → likes, negative → dislikes).
 */

export type TemplateKind = 'like-np' | 'like-vp' | 'fact-np' | 'fact-vp' | 'have-np' | 'dislike-np' | 'dislike-vp' | 'number' | 'free' | 'filler';

export const TEMPLATES: Record<TemplateKind, readonly string[]> = {
  'like-np': [
    "When it comes to {label}, I'm all about {value}.",
    '{label}? For me, it has to be {value}.',
    'I really enjoy {value}, at least as far as {label} goes.',
    "Ask me about {label} and I'll bring up {value} straight away.",
    'I have a real soft spot for {value}.',
    '{value} {is} something I genuinely love.',
    "If we're talking {label}, {value} {is} right up my alley.",
    "I'm a big fan of {value} when it comes to {label}.",
    "One thing I'm always keen on is {value}.",
    "{value} always {puts} me in a good mood.",
    "You'd win me over with {value}.",
    "I never get tired of {value}.",
    "I'd pick {value} any day.",
  ],
  'like-vp': [
    '{clause}, and I genuinely enjoy it.',
    'Honestly, {clause}, and it makes me happy.',
    'When it comes to {label}, {clause} and love it.',
    "I'm glad to say that {clause}.",
    'Few things please me more than the fact that {clause}.',
    'Happily, {clause}.',
    "It's one of my favourite things about my life that {clause}.",
  ],
  'fact-np': [
    "As for {label}, I'd say {value}.",
    'On the subject of {label}: {value}.',
    'For {label}, the short answer is {value}.',
    "If you asked me about {label}, I'd answer {value}.",
    '{label} for me comes down to {value}.',
    "Where {label} is concerned, it's {value}.",
    'In terms of {label}, {value} {describes} me well.',
    'My {label}? {value}.',
    "Regarding {label}, I'd put it as {value}.",
  ],
  'fact-vp': [
    '{clause}.',
    'As far as {label} goes, {clause}.',
    "For what it's worth, {clause}.",
    "It's true that {clause}.",
    "On {label}, I'd say {clause}.",
    'Something worth knowing about me: {clause}.',
    'In terms of {label}, {clause}.',
    "I'll admit that {clause}.",
  ],
  /** Kin, pets and things owned, with the article they need: {had} ("a cousin", "two dogs"). */
  'have-np': [
    'I have {had}.',
    "I've got {had}.",
    'I do have {had}.',
    'Something about me: I have {had}.',
    'For what it is worth, I have {had}.',
  ],
  'dislike-np': [
    "I can't stand {value}.",
    "I'm not into {value}, to be honest.",
    'When it comes to {label}, {value} {is} a hard no for me.',
    'I really dislike {value}.',
    "{value} just {isnt} for me.",
    "If there's one thing I'd skip in {label}, it's {value}.",
    'I have little patience for {value}.',
    '{value}? Not my thing at all.',
    "I'd happily do without {value}.",
    'You will not catch me enjoying {value}.',
  ],
  'dislike-vp': [
    "I can't stand {gerund}.",
    "I'm not into {gerund} at all.",
    "{gerund} just isn't for me.",
    'I really dislike {gerund}.',
    "I'd rather avoid {gerund} whenever I can.",
    '{gerund}? Not my thing.',
    'I have no patience for {gerund}.',
  ],
  number: [
    'For {label}, the number is {value}.',
    "On {label}, I'm at {value}.",
    "Put a number on my {label} and you'd get {value}.",
    '{label}: {value}, if you want specifics.',
    'In terms of {label}, the figure is {value}.',
    "When it comes to {label}, I'd put it at {value}.",
    "Ask me about {label} and I'll tell you {value}.",
  ],
  free: [
    'On {label}: {value}.',
    'A word on {label}: {value}.',
    "About {label}, I'd put it this way: {value}.",
    "If you're curious about my {label}: {value}.",
    "Regarding {label}, here's how it is: {value}.",
    'As for {label}, in short: {value}.',
  ],
  /** No facts at all: used only to reach the minimum length when a persona has too little to say. */
  filler: [
    "That's the broad outline of who I am.",
    "There's more to any person than a short list like this, but it gives a fair picture of me.",
    "I'll leave it there for now; the details above say most of what matters.",
    "If you want to know more about any of this, just ask and I'll gladly go into it.",
    'None of it is very dramatic, but all of it is part of who I am.',
    "I've tried to keep this honest and to the point rather than polished.",
    'Some of these things matter to me more than others, and that is fine.',
    'It is a simple sketch, but it should give you a sense of me.',
    "I'm happy to explain the reasons behind any of it.",
    "That's me in a nutshell, more or less.",
    'Each of these details is small on its own, but together they add up to a person.',
    "A short description can't capture everything, so take this as a starting point.",
    'I could say more, but these are the things that came to mind first.',
    'Hopefully this paints a clear enough picture.',
    'Feel free to ask follow-up questions about anything here.',
    "I'd rather you get to know me through conversation than through a summary, but this is a start.",
  ],
};

export interface AnchorWords {
  age: number;
  person: string;
  place: string;
  city: string;
  job?: string;
  region?: string;
  country: string;
  population: string;
  decade?: string;
}

type AnchorTemplate = (a: AnchorWords) => string | undefined;
const withJob = (a: AnchorWords, text: string) => (a.job ? text : undefined);

/** Openings: every one states age, sex, place and (when there is one) the job, worded differently. */
export const INTROS: readonly AnchorTemplate[] = [
  (a) => `I'm a ${a.age}-year-old ${a.person} living in ${a.place}${a.job ? `, and I work as ${a.job}` : ''}.`,
  (a) => `I'm ${a.age}, I'm a ${a.person}, and I live in ${a.place}${a.job ? `, where I make my living as ${a.job}` : ''}.`,
  (a) => `Let me introduce myself: I'm a ${a.person} of ${a.age} based in ${a.place}${a.job ? `, working as ${a.job}` : ''}.`,
  (a) => `Here's a little about me. I'm ${a.age} years old, I'm a ${a.person}, and home for me is ${a.place}.${a.job ? ` By trade, I'm ${a.job}.` : ''}`,
  (a) => `${a.place} is where I live; I'm a ${a.age}-year-old ${a.person}${a.job ? ` and I work as ${a.job}` : ''}.`,
  (a) => `I'm a ${a.person}, ${a.age} years old, and I call ${a.place} home.${a.job ? ` My job: I'm ${a.job}.` : ''}`,
];

/** Further anchor facts, for padding a short summary before any filler. */
export const ANCHOR_EXTRAS: readonly AnchorTemplate[] = [
  (a) => `${a.city} is home to ${a.population} people.`,
  (a) => (a.region ? `It's in ${a.region}, in ${a.country}.` : undefined),
  (a) => (a.decade ? `That puts me in my ${a.decade}.` : undefined),
  (a) => withJob(a, `Work-wise, I'm ${a.job}.`),
  (a) => (a.city === a.country ? undefined : `I live in ${a.country}, and ${a.city} is my city.`),
];
