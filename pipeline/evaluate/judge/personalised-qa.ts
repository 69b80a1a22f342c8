/**
 * Personalised QA: a responder model answers everyday requests conditioned on a profile, then a
 * judge scores each answer on a ten-metric rubric; per-metric means compare persona sets.
 *
 * The paper's (DeepPersona, arXiv 2511.07338, "LLM personalization"; as far as the authors' public
 * README and project page state it): DeepPersona, PersonaHub and OpenCharacter profiles condition
 * a responder (GPT-4.1-mini, also GPT-4.1, GPT-4o, Gemini-2.5-Flash as responder–evaluator
 * pairs); an evaluator scores the answers on ten personalisation metrics, of which Personalization
 * Fit, Attribute Coverage, Depth, Justification and Engagement are named, and the radar caption
 * also names actionability, response diversity and contextual grounding; the headline is the mean
 * over the ten metrics (+11.6% for GPT-4.1-mini).
 *
 * Our reconstruction: the twelve request texts (QA_REQUESTS: general requests spanning the
 * taxonomy's areas of life; the paper's own question list is not public to us), the two rubric
 * metrics we could not confirm (relevance, consistency with the profile), every metric's wording,
 * the 1–5 integer scale, the prompts, the answer length limit, and the aggregation (flat means over
 * every judged (profile, request) pair; a failed call is counted and left out, never averaged).
 * The judge sees the profile, the request and the answer; it never sees which system wrote the
 * profile, and every set goes through byte-identical prompts.
 */
import { z } from 'zod';
import type { LlmClient } from '../../llm/client.js';
import { capOption, type JudgeProfile, meanOrNull, nonBlank, reasonSchema, scoreSchema, takeProfiles } from './profile.js';

/** Bump when a prompt or schema changes: part of the cache key. */
export const RESPONDER_PROMPT = 'qa-responder@1';
export const QA_JUDGE_PROMPT = 'qa-judge@1';
/** Versions of the two constants below; a change to either must bump it. */
export const QA_REQUESTS_VERSION = 'qa-requests@1';
export const QA_RUBRIC_VERSION = 'qa-rubric@1';

export const DEFAULT_QA_PERSONAS = 5;

export interface QaRequest {
  id: string;
  /** The area of life it probes (after the taxonomy's roots). */
  area: string;
  text: string;
}

/** The twelve user requests (QA_REQUESTS_VERSION), written so any adult or teenager can ask them. */
export const QA_REQUESTS: readonly QaRequest[] = [
  { id: 'weekend', area: 'hobbies and lifestyle', text: 'Recommend something for me to do this weekend.' },
  { id: 'meals', area: 'food and daily routine', text: 'Plan my meals for tomorrow: breakfast, lunch and dinner.' },
  { id: 'book', area: 'media consumption', text: 'Suggest a book I would enjoy reading next, and tell me why.' },
  { id: 'career', area: 'career and education', text: 'What should my next step be in my work or studies?' },
  { id: 'exercise', area: 'health', text: 'Suggest an exercise routine I could realistically keep up.' },
  { id: 'money', area: 'finances and values', text: 'How should I manage my money over the next year?' },
  { id: 'trip', area: 'travel and lifestyle', text: 'Plan a short trip for my next few days off.' },
  { id: 'someone-close', area: 'relationships', text: 'Help me plan something meaningful for someone close to me.' },
  { id: 'new-skill', area: 'education and learning', text: 'What new skill should I learn in the next six months, and how should I go about it?' },
  { id: 'stress', area: 'emotional wellbeing and routine', text: 'Help me organise a typical weekday so that I feel less stressed.' },
  { id: 'watch', area: 'media consumption', text: 'Recommend a film or series for me to watch tonight.' },
  { id: 'community', area: 'values and social context', text: 'Suggest a way I could contribute to my community.' },
];

export interface QaMetric {
  id: string;
  name: string;
  description: string;
  source: 'paper' | 'ours';
}

/** The ten rubric metrics (QA_RUBRIC_VERSION), each scored 1–5 by the judge. */
export const QA_METRICS = [
  { id: 'personalization_fit', name: 'Personalization fit', source: 'paper', description: 'how well the answer is tailored to this particular user rather than to anyone who might ask' },
  { id: 'attribute_coverage', name: 'Attribute coverage', source: 'paper', description: 'how many distinct, relevant facts about the user the answer draws on (1 = none, 5 = many, from several areas of their life)' },
  { id: 'depth', name: 'Depth', source: 'paper', description: 'how detailed and thorough the content and reasoning are' },
  { id: 'justification', name: 'Justification', source: 'paper', description: 'how well the answer explains why its suggestions suit this user, tying them to what is known about them' },
  { id: 'engagement', name: 'Engagement', source: 'paper', description: 'how engaging the answer would be for this user to read, in a tone and style that suit them' },
  { id: 'actionability', name: 'Actionability', source: 'paper', description: 'how concrete and immediately usable the next steps are' },
  { id: 'diversity', name: 'Diversity', source: 'paper', description: 'how far the answer goes beyond generic, default suggestions to options this user would not get by default' },
  { id: 'contextual_grounding', name: 'Contextual grounding', source: 'paper', description: 'how well the answer fits the user\'s circumstances: place, culture, age, budget, schedule and constraints' },
  { id: 'relevance', name: 'Relevance', source: 'ours', description: 'how directly the answer addresses the request actually made' },
  { id: 'consistency', name: 'Consistency with the profile', source: 'ours', description: 'whether the answer avoids contradicting the profile or inventing facts about the user (5 = nothing contradicted or invented)' },
] as const satisfies readonly QaMetric[];

export type QaMetricId = (typeof QA_METRICS)[number]['id'];
export const QA_METRIC_IDS: readonly QaMetricId[] = QA_METRICS.map((m) => m.id);

export const answerSchema = z.object({ answer: nonBlank('answer') });

/** The reason comes first, so a judge that writes in order reasons before it scores. */
export const qaJudgeSchema = z.object({
  reason: reasonSchema,
  scores: z.object(Object.fromEntries(QA_METRIC_IDS.map((id) => [id, scoreSchema])) as Record<QaMetricId, typeof scoreSchema>),
});

const RESPONDER_SYSTEM = [
  'You are a helpful personal assistant. This is what you know about the user you are talking to:',
  '',
  '{profile}',
  '',
  'Answer the user\'s request. Tailor the answer to this user wherever the profile makes it relevant, without repeating the profile back. At most 250 words.',
  'Reply with JSON only: {"answer": "..."}.',
].join('\n');

const JUDGE_SYSTEM = [
  'You are an expert evaluator of personalised answers. You are given a user\'s profile, a request the user made, and an AI assistant\'s answer written for that user.',
  'Score the answer on each metric with a whole number from 1 to 5 (1 = very poor, 2 = poor, 3 = adequate, 4 = good, 5 = excellent):',
  ...QA_METRICS.map((m) => `- ${m.id} (${m.name}): ${m.description}.`),
  'Judge the answer against this profile only; do not reward length for its own sake.',
  `Reply with JSON only: {"reason": "one sentence on the answer's main strength or weakness", "scores": {${QA_METRIC_IDS.map((id) => `"${id}": 1`).join(', ')}}}.`,
].join('\n');

export function responderMessages(profile: JudgeProfile, request: QaRequest) {
  return [
    { role: 'system' as const, content: RESPONDER_SYSTEM.replace('{profile}', () => profile.text) },
    { role: 'user' as const, content: request.text },
  ];
}

export function qaJudgeMessages(profile: JudgeProfile, request: QaRequest, answer: string) {
  const user = ['User profile:', profile.text, '', 'User request:', request.text, '', 'Assistant\'s answer:', answer].join('\n');
  return [
    { role: 'system' as const, content: JUDGE_SYSTEM },
    { role: 'user' as const, content: user },
  ];
}

export interface QaOptions {
  /** At most this many profiles (the first ones); default DEFAULT_QA_PERSONAS. */
  personas?: number;
  /** The first n requests, or these request ids; default all twelve. */
  requests?: number | readonly string[];
  /** The evaluator; default the responder's client (the paper pairs responder and evaluator models). */
  judge?: LlmClient;
  /** Names the set in failure records (e.g. "ours", "personahub"); never part of a prompt. */
  label?: string;
}

export type QaStatus = 'ok' | 'responder-failed' | 'judge-failed';

export interface QaItem {
  profileId: string;
  requestId: string;
  status: QaStatus;
  answer?: string;
  scores?: Record<QaMetricId, number>;
  reason?: string;
  responderCallId?: string;
  judgeCallId?: string;
  /** Both calls came from the cache (false when a call failed). */
  cached: boolean;
}

export interface QaResult {
  promptVersions: { responder: string; judge: string; requests: string; rubric: string };
  requestIds: string[];
  profileIds: string[];
  /** Pairs attempted, judged, and failed at each step. */
  counts: { pairs: number; ok: number; responderFailed: number; judgeFailed: number };
  /** Per profile × request, profile-major. */
  items: QaItem[];
  /** Per metric, the mean over judged pairs; null when none were judged. */
  means: Record<QaMetricId, number | null>;
  /** Mean of the ten metric means (the paper's "average on ten metrics"); null when none. */
  overall: number | null;
}

function pickRequests(sel: QaOptions['requests']): QaRequest[] {
  if (Array.isArray(sel)) {
    return sel.map((id) => {
      const r = QA_REQUESTS.find((q) => q.id === id);
      if (!r) throw new RangeError(`personalised QA: unknown request id ${JSON.stringify(id)}`);
      return r;
    });
  }
  const n = capOption(sel as number | undefined, QA_REQUESTS.length, 'QA requests');
  return QA_REQUESTS.slice(0, n);
}

async function onePair(client: LlmClient, judge: LlmClient, p: JudgeProfile, q: QaRequest, label: string): Promise<QaItem> {
  const base = { profileId: p.id, requestId: q.id };
  const key = `${label}:${p.id}:${q.id}`;
  const reply = await client.completeJson({
    messages: responderMessages(p, q), schema: answerSchema, schemaName: 'qa_answer',
    promptVersion: RESPONDER_PROMPT, itemKey: `qa-responder:${key}`,
  });
  if (!reply) return { ...base, status: 'responder-failed', cached: false };
  const answer = reply.value.answer.trim();
  const verdict = await judge.completeJson({
    messages: qaJudgeMessages(p, q, answer), schema: qaJudgeSchema, schemaName: 'qa_judge',
    promptVersion: `${QA_JUDGE_PROMPT}+${QA_RUBRIC_VERSION}`, itemKey: `qa-judge:${key}`,
  });
  if (!verdict) return { ...base, status: 'judge-failed', answer, responderCallId: reply.callId, cached: false };
  return {
    ...base, status: 'ok', answer, scores: { ...verdict.value.scores }, reason: verdict.value.reason.trim(),
    responderCallId: reply.callId, judgeCallId: verdict.callId, cached: reply.cached && verdict.cached,
  };
}

/** Runs every (profile, request) pair through the clients' queues; failures are counted, never thrown. */
export async function runPersonalisedQa(client: LlmClient, profiles: readonly JudgeProfile[], opts: QaOptions = {}): Promise<QaResult> {
  const label = opts.label ?? 'profiles';
  const chosen = takeProfiles(profiles, capOption(opts.personas, DEFAULT_QA_PERSONAS, 'QA personas'), `runPersonalisedQa(${label})`);
  const requests = pickRequests(opts.requests);
  const judge = opts.judge ?? client;
  const items = await Promise.all(chosen.flatMap((p) => requests.map((q) => onePair(client, judge, p, q, label))));
  const ok = items.filter((i) => i.status === 'ok');
  const means = Object.fromEntries(QA_METRIC_IDS.map((id) => [id, meanOrNull(ok.map((i) => i.scores![id]))])) as Record<QaMetricId, number | null>;
  return {
    promptVersions: { responder: RESPONDER_PROMPT, judge: QA_JUDGE_PROMPT, requests: QA_REQUESTS_VERSION, rubric: QA_RUBRIC_VERSION },
    requestIds: requests.map((q) => q.id),
    profileIds: chosen.map((p) => p.id),
    counts: {
      pairs: items.length,
      ok: ok.length,
      responderFailed: items.filter((i) => i.status === 'responder-failed').length,
      judgeFailed: items.filter((i) => i.status === 'judge-failed').length,
    },
    items,
    means,
    overall: ok.length ? meanOrNull(QA_METRIC_IDS.map((id) => means[id]!)) : null,
  };
}
