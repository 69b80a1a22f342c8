import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../pipeline/extractors/heuristic/index.js';

/**
 * What a user says in reaction to the conversation (a choice among the assistant's options, one of
 * the things just laid out) is no attribute of the user; the same words said of themselves are.
 */
const mentionsOf = (text: string) => extractFromText(text);
const summary = (text: string) => extractFromText(text).map((m) => `${m.attribute}=${m.value.toLowerCase()}/${m.polarity}`);

describe('heuristic extractor: reactions to the conversation', () => {
  // A focus adverb and a definite article pick one of the things the conversation laid out.
  it.each([
    'I especially like the video interviews',
    "I'm particularly interested in the seating area",
    'i especially love the mock excavation !',
    'I am specifically interested in these scheduling tools.',
  ])('%j is a reaction to the conversation, not an attribute', (text) => {
    expect(summary(text)).toEqual([]);
  });

  it('reads a verb coordinated with a modal chain as part of it: "I\'ll go with option 3 and visit a museum" is no habit', () => {
    expect(summary("I think I'll go with option 3 and visit an art museum")).toEqual([]);
    expect((mentionsOf('i garden and grow tomatoes')).map((m) => m.value)).toContain('grow tomatoes');
  });

  it('a verb after "and" shares an infinitive before it: "I want to start with buy and sell" sells nothing', () => {
    expect(summary('I want to start with Buy and sell')).toEqual([]);
  });

  it.each([
    'This is an update to my manager on work i am engaged in',
    "I'm always looking for ways to keep the kids active and engaged.",
    "I think I'll go with option 1 and use a physical planner or calendar.",
  ])('%j: taking part is no marital status, a modal clause after "and" no fragment', (text) => {
    expect(summary(text)).toEqual([]);
  });

  it.each([
    'I run a nurse staffing company. Write a message that says we can help them find nurses without the middlemen with competitive fees and local talent',
    'I wanna select from that table, ordered by val',
  ])('%j: someone else\'s clause and a participle with its agent say nothing about the speaker', (text) => {
    expect((mentionsOf(text)).filter((m) => /talent|val/.test(m.value))).toEqual([]);
  });

  it('keeps the status itself: "im engaged to my high school sweetheart", "im gay and happily married"', () => {
    expect((mentionsOf('im engaged to my high school sweetheart')).map((m) => m.value)).toEqual(['engaged']);
    expect((mentionsOf('im gay and happily married to my husband mark')).map((m) => m.value)).toContain('married');
  });

  it('a state that is no physical or psychological condition is no health condition', () => {
    expect(summary('I do have connections with a lab that could process the samples.')).toEqual([]);
    expect(summary('I have debt')).toEqual([]);
    for (const text of ['i have asthma', 'i have insomnia', 'I have anxiety', 'I have tinnitus']) {
      expect((mentionsOf(text)).map((m) => m.attribute)).toEqual(['health condition']);
    }
  });

  it('keeps a focused statement about something general', () => {
    expect((mentionsOf('I especially like jazz')).map((m) => m.value)).toEqual(['jazz']);
    expect((mentionsOf("I'm particularly interested in reducing plastic waste")).map((m) => m.value)).toEqual(['reducing plastic waste']);
  });

});

describe('heuristic extractor: whole noun phrases', () => {
  // The tagger calls a noun phrase's last word a verb ("look", "living"); the value must not stop short of it.
  it.each([
    ['I dislike cities with a high cost of living.', 'cities with a high cost of living'],
    ["I usually prefer vintage-style clothing with a retro look, so I'm hoping to find one", 'vintage-style clothing with a retro look'],
    ['I enjoy a good read', 'good read'],
  ])('%j keeps its whole noun phrase', (text, value) => {
    expect((mentionsOf(text)).map((m) => m.value)).toEqual([value]);
  });
});
