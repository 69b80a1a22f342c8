/**
 * Intrinsic LLM judge: one call per profile rates the profile itself (no downstream task).
 *
 * The paper's (DeepPersona, arXiv 2511.07338, "intrinsic quality"; as far as the authors' public
 * README and project page state it): PersonaHub, OpenCharacter and DeepPersona profiles are
 * compared on the mean number of attributes, uniqueness and actionability potential; the reported
 * DeepPersona figures (50.92 attributes, uniqueness 4.12, actionability 5.00) put the two ratings
 * on a 1–5 scale, which we use.
 *
 * Our adaptation (the paper's judge prompt is not public to us): the wording below; the attribute
 * count is counted by the judge for every set, so baselines given only as text are counted by the
 * same rule as ours (an exact count for our personas is in the offline metrics); an extra 1–5
 * coverage rating (how many areas of life the profile spans, after the taxonomy's 12 roots); a
 * one-sentence reason per rating; integer scores enforced by the schema (an out-of-range or
 * unparsable reply is re-asked once by the client, then counted as a failure and never averaged);
 * plain means over the profiles judged.
 */
import { z } from 'zod';
import type { LlmClient } from '../../llm/client.js';
import { capOption, type JudgeProfile, meanOrNull, reasonSchema, scoreSchema, takeProfiles } from './profile.js';

/** Bump when the prompt or schema changes: part of the cache key. */
export const INTRINSIC_PROMPT = 'judge-intrinsic@1';

/** Profiles judged per set unless the caller says otherwise. */
export const DEFAULT_INTRINSIC_PERSONAS = 20;

export const INTRINSIC_METRICS = ['attributeCount', 'coverage', 'uniqueness', 'actionability'] as const;
export type IntrinsicMetric = (typeof INTRINSIC_METRICS)[number];

/** How each metric reads in a table; which are the paper's and which are ours. */
export const INTRINSIC_LABELS: Record<IntrinsicMetric, { label: string; description: string; source: 'paper' | 'ours' }> = {
  attributeCount: { label: 'attribute count', description: 'distinct attributes the judge counts in the profile', source: 'paper' },
  coverage: { label: 'coverage of life areas (1–5)', description: 'how many of twelve areas of life the profile covers', source: 'ours' },
  uniqueness: { label: 'uniqueness (1–5)', description: 'how distinctive the person is against a generic person of the same age, sex, place and occupation', source: 'paper' },
  actionability: { label: 'actionability potential (1–5)', description: 'how useful the profile is for personalising answers', source: 'paper' },
};

const countSchema = z.number().superRefine((v, ctx) => {
  if (!Number.isInteger(v) || v < 0) ctx.addIssue({ code: 'custom', message: `attributeCount ${v} is not a whole number ≥ 0` });
});

export const intrinsicSchema = z.object({
  attributeCount: z.object({ reason: reasonSchema, count: countSchema }),
  coverage: z.object({ reason: reasonSchema, score: scoreSchema }),
  uniqueness: z.object({ reason: reasonSchema, score: scoreSchema }),
  actionability: z.object({ reason: reasonSchema, score: scoreSchema }),
});

const SYSTEM = [
  'You are an expert evaluator of synthetic user profiles (personas) that AI assistants use to personalise their answers.',
  'Read the profile and rate it. Judge only what the profile states; length alone is not quality, and repeated facts count once.',
  '- attributeCount: count the distinct attributes the profile gives the person (each concrete characteristic with a value, e.g. age, a food preference, a sleep habit; a fact stated in several places counts once). Give a whole number.',
  '- coverage (1–5): how many areas of the person\'s life the profile covers, among demographics, health, psychology and cognition, culture and social context, relationships, work, education, hobbies and lifestyle, daily routine, values and beliefs, emotional skills, media habits. 1 = one or two areas; 3 = about half of them; 5 = nearly all, each with some depth.',
  '- uniqueness (1–5): how distinctive this person is compared with a generic person of the same age, sex, place and occupation. 1 = stereotypical, could describe almost anyone in that group; 3 = a few specific details; 5 = many specific, concrete, non-obvious details that clearly set this person apart.',
  '- actionability (1–5): how useful the profile is for personalising an assistant\'s answers (recommendations, plans, advice). 1 = almost nothing to act on; 3 = enough for a few kinds of request; 5 = clear preferences, constraints, goals and circumstances that would change answers in many domains.',
  'Scores are whole numbers from 1 to 5. Give each a one-sentence reason, written before the score.',
  'Reply with JSON only: {"attributeCount": {"reason": "...", "count": 0}, "coverage": {"reason": "...", "score": 1}, "uniqueness": {"reason": "...", "score": 1}, "actionability": {"reason": "...", "score": 1}}.',
].join('\n');

export interface IntrinsicOptions {
  /** Judge at most this many profiles (the first ones); default DEFAULT_INTRINSIC_PERSONAS. */
  personas?: number;
  /** Names the set in failure records (e.g. "ours", "personahub"); never part of a prompt. */
  label?: string;
}

export interface IntrinsicScore {
  profileId: string;
  attributeCount: number;
  coverage: number;
  uniqueness: number;
  actionability: number;
  /** One sentence per metric, trimmed. */
  reasons: Record<IntrinsicMetric, string>;
  callId: string;
  cached: boolean;
}

export interface IntrinsicResult {
  promptVersion: string;
  /** Profiles sent to the judge (after the cap). */
  judged: number;
  /** Calls that gave no usable verdict (error, invalid JSON, out-of-range score after one re-ask). */
  failed: number;
  failedIds: string[];
  /** One per successful verdict, in profile order. */
  scores: IntrinsicScore[];
  /** Mean over the successful verdicts; null when there are none. */
  means: Record<IntrinsicMetric, number | null>;
}

/** The judge's user message: only the profile, so equal texts from any set share a cache entry. */
export function intrinsicMessages(profile: JudgeProfile) {
  return [
    { role: 'system' as const, content: SYSTEM },
    { role: 'user' as const, content: `Profile:\n${profile.text}` },
  ];
}

/** Rates each profile (calls go through the client's queue); failures are counted, never thrown. */
export async function judgeIntrinsic(
  client: LlmClient,
  profiles: readonly JudgeProfile[],
  opts: IntrinsicOptions = {},
): Promise<IntrinsicResult> {
  const label = opts.label ?? 'profiles';
  const chosen = takeProfiles(profiles, capOption(opts.personas, DEFAULT_INTRINSIC_PERSONAS, 'intrinsic personas'), `judgeIntrinsic(${label})`);
  const verdicts = await Promise.all(
    chosen.map((p) =>
      client.completeJson({
        messages: intrinsicMessages(p),
        schema: intrinsicSchema,
        schemaName: 'judge_intrinsic',
        promptVersion: INTRINSIC_PROMPT,
        itemKey: `judge-intrinsic:${label}:${p.id}`,
      }),
    ),
  );
  const scores: IntrinsicScore[] = [];
  const failedIds: string[] = [];
  verdicts.forEach((res, i) => {
    const id = chosen[i]!.id;
    if (!res) return void failedIds.push(id);
    const v = res.value;
    scores.push({
      profileId: id,
      attributeCount: v.attributeCount.count,
      coverage: v.coverage.score,
      uniqueness: v.uniqueness.score,
      actionability: v.actionability.score,
      reasons: {
        attributeCount: v.attributeCount.reason.trim(),
        coverage: v.coverage.reason.trim(),
        uniqueness: v.uniqueness.reason.trim(),
        actionability: v.actionability.reason.trim(),
      },
      callId: res.callId,
      cached: res.cached,
    });
  });
  const means = Object.fromEntries(INTRINSIC_METRICS.map((m) => [m, meanOrNull(scores.map((s) => s[m]))])) as Record<IntrinsicMetric, number | null>;
  return { promptVersion: INTRINSIC_PROMPT, judged: chosen.length, failed: failedIds.length, failedIds, scores, means };
}
