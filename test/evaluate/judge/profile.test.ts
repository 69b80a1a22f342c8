import { describe, expect, it } from 'vitest';
import {
  capOption, meanOrNull, personaProfiles, renderProfile, takeProfiles,
} from '../../../pipeline/evaluate/judge/index.js';
import { attr, persona } from '../../persona/llm/fixtures.js';

const P = {
  ...persona([
    attr('Hobbies', 'Sport', 'bouldering', { polarity: 'positive' }),
    attr('Lifestyle', 'Food', 'coriander\n  and olives', { polarity: 'negative' }),
    attr('Health', 'Sleep', 'six hours a night'),
  ]),
  summary: '  I am a nurse in Lyon.  ',
};

describe('renderProfile', () => {
  it('renders anchors, attributes with likes/dislikes, and the summary', () => {
    const text = renderProfile(P);
    expect(text).toContain('Age: 34\nSex: female');
    expect(text).toContain('Occupation: Registered nurse');
    expect(text).toContain('Hobbies > Topic > Sport: bouldering (likes)');
    expect(text).toContain('Lifestyle > Topic > Food: coriander and olives (dislikes)');
    expect(text).toContain('Health > Topic > Sleep: six hours a night\n');
    expect(text.endsWith('Summary:\nI am a nurse in Lyon.')).toBe(true);
    expect(text).not.toContain('Life story:');
  });

  it('includes the life-story core when there is one and is deterministic', () => {
    const core = { values: ['care', 'honesty'], tone: 'positive', lifeAttitude: 'Steady.', stories: ['Moved at 20.'], interests: ['climbing'] };
    const text = renderProfile({ ...P, core });
    expect(text).toContain('Life story:\nValues: care; honesty');
    expect(text).toContain('Story 1: Moved at 20.');
    expect(renderProfile({ ...P, core })).toBe(text);
    expect(personaProfiles([P])).toEqual([{ id: 'p-test', text: renderProfile(P) }]);
  });

  it('omits empty sections', () => {
    const text = renderProfile({ ...P, attributes: [], summary: ' ' });
    expect(text).not.toContain('Attributes:');
    expect(text).not.toContain('Summary:');
  });
});

describe('helpers', () => {
  it('takeProfiles caps, trims and rejects bad sets', () => {
    const set = [{ id: 'a', text: ' x ' }, { id: 'b', text: 'y' }, { id: 'c', text: 'z' }];
    expect(takeProfiles(set, 2, 't')).toEqual([{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }]);
    expect(() => takeProfiles([...set, { id: 'a', text: 'w' }], 1, 't')).toThrow(/duplicate profile id "a"/);
    expect(() => takeProfiles([{ id: 'a', text: ' \n' }], 1, 't')).toThrow(/has no text/);
    expect(() => takeProfiles([{ id: '', text: 'q' }], 1, 't')).toThrow(/empty id/);
  });

  it('capOption and meanOrNull', () => {
    expect(capOption(undefined, 7, 'x')).toBe(7);
    expect(capOption(3, 7, 'x')).toBe(3);
    expect(() => capOption(0, 7, 'x')).toThrow(RangeError);
    expect(() => capOption(1.5, 7, 'x')).toThrow(RangeError);
    expect(meanOrNull([])).toBeNull();
    expect(meanOrNull([1, 2, 4])).toBeCloseTo(7 / 3, 12);
  });
});
