import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLifeStory, LIFE_STORY_PROMPT, pickLifeStoryShape, TONES } from '../../../pipeline/persona/llm/life-story.js';
import { personaRng } from '../../../pipeline/persona/rng.js';
import { userText } from '../../helpers/openai-server.js';
import { rig, type Rig } from '../../llm/setup.js';
import { ANCHORS, chatBodies, systemText } from './fixtures.js';

const GOOD = {
  values: ['  Work is how I keep my word  ', '', 'Luck favours the stubborn'],
  lifeAttitude: ' Expects the worst,\n plans for it anyway. ',
  stories: ['At 17 she failed her exams and retook them at night school.', 'At 26 she nursed her father through a long illness.', 'A third one.'],
  interests: ['trail running', 'late-night poker', 'a third interest'],
};

let r: Rig | undefined;
afterEach(async () => { await r?.server.close(); r = undefined; });

describe('generateLifeStory', () => {
  it('follows the anchors, uses the given tone and story count, cleans and caps the answer', async () => {
    r = await rig({ chat: () => ({ json: GOOD }) });
    const story = await generateLifeStory(r.client, ANCHORS, '42:7', { tone: 'negative', storyCount: 2 });
    expect(story).toEqual({
      values: ['Work is how I keep my word', 'Luck favours the stubborn'],
      tone: 'negative',
      lifeAttitude: 'Expects the worst, plans for it anyway.',
      stories: GOOD.stories.slice(0, 2),
      interests: ['trail running', 'late-night poker'],
      callId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const [body] = chatBodies(r.server);
    const prompt = userText(body!);
    for (const s of ['Age: 34', 'Sex: female', 'Lyon, Auvergne-Rhône-Alpes, France', 'Occupation: Registered nurse', 'NEGATIVE', 'cynicism', 'exactly 2 short formative episodes', 'exactly 2 hobbies', '42:7']) {
      expect(prompt).toContain(s);
    }
    expect(systemText(body!)).toContain('must not be contradicted');
    expect(LIFE_STORY_PROMPT).toBe('persona-life-story@1');
  });

  it('explains a missing occupation instead of leaving it to the model', async () => {
    r = await rig({ chat: () => ({ json: GOOD }) });
    await generateLifeStory(r.client, { ...ANCHORS, age: 10, occupation: null }, 'kid', { tone: 'positive', storyCount: 1 });
    const prompt = userText(chatBodies(r.server)[0]!);
    expect(prompt).toContain('Occupation: none (school age)');
    expect(prompt).toContain('exactly 1 short formative episode ');
    expect(prompt).toContain('growth, connection');
  });

  it('the seed key and the tone are part of the request; the same inputs hit the cache', async () => {
    r = await rig({ chat: () => ({ json: GOOD }) });
    const a = await generateLifeStory(r.client, ANCHORS, 'p-a', { tone: 'neutral', storyCount: 3 });
    const b = await generateLifeStory(r.client, ANCHORS, 'p-b', { tone: 'neutral', storyCount: 3 });
    const c = await generateLifeStory(r.client, ANCHORS, 'p-a', { tone: 'positive', storyCount: 3 });
    expect(new Set([a!.callId, b!.callId, c!.callId]).size).toBe(3);
    expect(r.server.count('/v1/chat/completions')).toBe(3);

    const again = await generateLifeStory(r.newClient(), ANCHORS, 'p-a', { tone: 'neutral', storyCount: 3 });
    expect(r.server.count('/v1/chat/completions')).toBe(3);
    expect(again).toEqual(a);
    expect(again!.stories).toHaveLength(3);
  });

  it('invalid JSON: undefined after one re-ask, recorded, no throw', async () => {
    r = await rig({ chat: () => ({ content: 'Here is a story: once upon a time' }) });
    const story = await generateLifeStory(r.client, ANCHORS, 'p-x', { tone: 'neutral', storyCount: 1, itemKey: 'persona-9' });
    expect(story).toBeUndefined();
    expect(r.server.count('/v1/chat/completions')).toBe(2);
    expect(r.failures.failures.map((f) => f.itemKey)).toEqual(['persona-9#life-story']);
  });

  it('too few interests: the re-ask names the problem; a fixed answer is used, a repeated one is not', async () => {
    const oneInterest = { ...GOOD, interests: ['trail running', '  '] };
    r = await rig({ chat: (_b, ctx) => ({ json: ctx.index === 0 ? oneInterest : GOOD }) });
    const fixed = await generateLifeStory(r.client, ANCHORS, 'p-y', { tone: 'neutral', storyCount: 1 });
    expect(fixed?.interests).toEqual(['trail running', 'late-night poker']);
    const bodies = chatBodies(r.server);
    expect(bodies).toHaveLength(2);
    expect(userText(bodies[1]!)).toContain('give exactly 2 interests');

    r.server.setHandler({ chat: () => ({ json: oneInterest }) });
    expect(await generateLifeStory(r.client, ANCHORS, 'p-z', { tone: 'neutral', storyCount: 1 })).toBeUndefined();
    r.server.setHandler({ chat: () => ({ json: { ...GOOD, stories: [] } }) });
    expect(await generateLifeStory(r.client, ANCHORS, 'p-w', { tone: 'neutral', storyCount: 1 })).toBeUndefined();
    r.server.setHandler({ chat: () => ({ json: { values: ['x'], stories: ['y'] } }) });
    expect(await generateLifeStory(r.client, ANCHORS, 'p-v', { tone: 'neutral', storyCount: 1 })).toBeUndefined();
  });

  it('rejects a tone outside TONES', async () => {
    r = await rig({ chat: () => ({ json: GOOD }) });
    await expect(generateLifeStory(r.client, ANCHORS, 'p', { tone: 'cheerful' as never, storyCount: 1 })).rejects.toThrow(/unknown tone/);
    expect(r.server.count('/v1/chat/completions')).toBe(0);
  });
});

describe('pickLifeStoryShape', () => {
  it('is a deterministic draw from the caller stream covering every tone and 1–3 stories', () => {
    const shapes = Array.from({ length: 90 }, (_, i) => pickLifeStoryShape(personaRng(42, i, 'life-story')));
    expect(shapes).toEqual(Array.from({ length: 90 }, (_, i) => pickLifeStoryShape(personaRng(42, i, 'life-story'))));
    expect(new Set(shapes.map((s) => s.tone))).toEqual(new Set(TONES));
    expect(new Set(shapes.map((s) => s.storyCount))).toEqual(new Set([1, 2, 3]));
    expect(shapes).not.toEqual(Array.from({ length: 90 }, (_, i) => pickLifeStoryShape(personaRng(43, i, 'life-story'))));
  });
});

describe('pipeline/persona/llm sources', () => {
  it('never use Math.random and stay under 300 lines', () => {
    const dir = new URL('../../../pipeline/persona/llm/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text, f).not.toMatch(/Math\.random/);
      expect(text.split('\n').length, f).toBeLessThanOrEqual(300);
    }
  });
});
