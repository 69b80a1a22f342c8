/**
 * The paper's life-story core: after the anchors and before any taxonomy attribute, the model
 * writes the persona's values, outlook and 1–3 short formative stories, and infers two interests
 * from them. Later value batches and the summary are conditioned on this core, which is what
 * makes a persona's 100+ attributes hang together instead of being independent draws.
 *
 * The paper draws the tone (positive / neutral / negative) and the number of stories at random;
 * here the caller draws them from its seeded stream (pickLifeStoryShape) and passes them in, so
 * persona i gets the same core in every run and the whole path stays reproducible.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { z } from 'zod';
import type { LlmClient } from '../../llm/client.js';
import type { Anchors } from '../types.js';
import { type LifeStoryCore, oneLine, renderAnchors } from './prompts.js';

/** Bump when the prompt or schema changes: part of the cache key, so old answers are not reused. */
export const LIFE_STORY_PROMPT = 'persona-life-story@1';

/** The paper's three value orientations; order matters for pickLifeStoryShape's draws. */
export const TONES = ['positive', 'neutral', 'negative'] as const;
export type Tone = (typeof TONES)[number];

/** What each tone means, paraphrasing the paper's prompt (a bare word gives the model too little). */
const TONE_MEANING: Record<Tone, string> = {
  positive: 'oriented towards growth, connection, optimism or benevolence',
  neutral: 'oriented towards pragmatism, stoicism, independence or detached observation',
  negative: 'oriented towards cynicism, pessimism, self-interest or resignation',
};

export const MAX_STORIES = 3;
const MAX_VALUES = 3;
const INTERESTS = 2;

export interface LifeStory extends LifeStoryCore {
  tone: Tone;
  callId: string;
}

export interface LifeStoryShape {
  tone: Tone;
  /** 1–3. */
  storyCount: number;
}

/** The two draws the paper makes at random, from the caller's seeded stream (tone first, then count). */
export function pickLifeStoryShape(rng: RandomGenerator): LifeStoryShape {
  const tone = TONES[uniformInt(rng, 0, TONES.length - 1)]!;
  return { tone, storyCount: uniformInt(rng, 1, MAX_STORIES) };
}

const nonEmpty = (xs: string[]) => xs.map(oneLine).filter(Boolean);

/**
 * Counts are checked here rather than with minItems/maxItems: strict structured outputs reject
 * some array keywords, while a failed check makes the client re-ask once with the reason. Extra
 * items are tolerated (cut below); too few are not.
 */
export const lifeStorySchema = z
  .object({
    values: z.array(z.string()),
    lifeAttitude: z.string(),
    stories: z.array(z.string()),
    interests: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, ok: boolean, message: string) => ok || ctx.addIssue({ code: 'custom', path: [path], message });
    need('values', nonEmpty(v.values).length >= 1, 'give at least one value phrase');
    need('lifeAttitude', oneLine(v.lifeAttitude) !== '', 'lifeAttitude must not be empty');
    need('stories', nonEmpty(v.stories).length >= 1, 'give at least one story');
    need('interests', nonEmpty(v.interests).length >= INTERESTS, `give exactly ${INTERESTS} interests`);
  });

const SYSTEM = [
  'You invent the inner life of one realistic, specific person for a synthetic-persona dataset.',
  'The fixed facts (age, sex, place, occupation) are true and must not be contradicted; everything must be plausible for that age, place and occupation.',
  'The person is an individual, not a role model: lives can be ordinary, difficult or flawed. Avoid clichés and anything about community building.',
  'Answer with JSON only.',
].join('\n');

function userPrompt(anchors: Anchors, seedKey: string, shape: LifeStoryShape, storyCount: number): string {
  return [
    'Fixed facts:',
    renderAnchors(anchors),
    '',
    `Overall tone: ${shape.tone.toUpperCase()}, i.e. ${TONE_MEANING[shape.tone]}.`,
    '',
    'Write:',
    `- values: 1 to ${MAX_VALUES} short phrases stating the person's core values and beliefs in that tone, about their own principles (work, fate, self, family, money, nature…), not about society at large`,
    '- lifeAttitude: one sentence (at most 25 words) on how they approach life, following from the values, and how they cope with setbacks',
    `- stories: exactly ${storyCount} short formative episode${storyCount > 1 ? 's' : ''} from their past (2–4 concrete sentences each, at most 80 words, with their approximate age at the time), matter-of-fact, explaining how they became who they are; good or bad`,
    `- interests: exactly ${INTERESTS} hobbies or habits (good or bad) that follow from the stories, a few words each`,
    '',
    // The key only varies the request: two personas with the same anchors would otherwise share
    // one cached answer. It carries no meaning for the model.
    `Persona reference (ignore): ${seedKey}`,
  ].join('\n');
}

export interface LifeStoryOptions extends LifeStoryShape {
  /** Failure records name this item; default the seed key. */
  itemKey?: string;
}

/**
 * One call. `seedKey` should be unique per persona (e.g. its personaId or "seed:index"); `tone`
 * and `storyCount` come from the caller's seeded draw. undefined when the call fails or the
 * answer is unusable even after the client's re-ask: the caller keeps the offline path.
 */
export async function generateLifeStory(
  client: LlmClient,
  anchors: Anchors,
  seedKey: string,
  opts: LifeStoryOptions,
): Promise<LifeStory | undefined> {
  if (!TONES.includes(opts.tone)) throw new Error(`generateLifeStory: unknown tone ${String(opts.tone)}`);
  const storyCount = Math.min(MAX_STORIES, Math.max(1, Math.trunc(opts.storyCount)));
  const res = await client.completeJson({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: userPrompt(anchors, seedKey, opts, storyCount) },
    ],
    schema: lifeStorySchema,
    schemaName: 'life_story',
    promptVersion: LIFE_STORY_PROMPT,
    itemKey: `${opts.itemKey ?? seedKey}#life-story`,
  });
  if (!res) return undefined;
  const v = res.value;
  return {
    values: nonEmpty(v.values).slice(0, MAX_VALUES),
    tone: opts.tone,
    lifeAttitude: oneLine(v.lifeAttitude),
    stories: nonEmpty(v.stories).slice(0, storyCount),
    interests: nonEmpty(v.interests).slice(0, INTERESTS),
    callId: res.callId,
  };
}
