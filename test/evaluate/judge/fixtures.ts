/** Shared fixtures for the judge tests: profiles, a router by schema name, recorded-body helpers. */
import type { JudgeProfile } from '../../../pipeline/evaluate/judge/index.js';
import type { ChatReply, ChatRequestBody, OpenAiTestServer } from '../../helpers/openai-server.js';

export const A: JudgeProfile = { id: 'p-a', text: 'Fixed facts:\nAge: 34\nAttributes:\nHobbies > Sport: bouldering (likes)\nMARK-A' };
export const B: JudgeProfile = { id: 'p-b', text: 'Fixed facts:\nAge: 71\nAttributes:\nLifestyle > Diet: vegetarian\nMARK-B' };
export const C: JudgeProfile = { id: 'p-c', text: 'A retired teacher from Porto who paints. MARK-C' };
export const D: JudgeProfile = { id: 'p-d', text: 'A student in Nairobi who codes at night. MARK-D' };

/** Which profile a prompt is about, from the MARK-x token in its text. */
export const markOf = (s: string): string | undefined => /MARK-([A-Z])/.exec(s)?.[1];

export const schemaName = (b: ChatRequestBody): string | undefined => b.response_format?.json_schema?.name;
export const systemOf = (b: ChatRequestBody): string => b.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
export const firstUser = (b: ChatRequestBody): string => b.messages.find((m) => m.role === 'user')?.content ?? '';
/** True for the client's re-ask (the original messages plus the bad answer and the complaint). */
export const isReask = (b: ChatRequestBody): boolean => b.messages.some((m) => m.role === 'assistant');

export const chatBodies = (server: OpenAiTestServer): ChatRequestBody[] =>
  server.requests.filter((q) => q.path === '/v1/chat/completions').map((q) => q.body as ChatRequestBody);

export const bodiesFor = (server: OpenAiTestServer, schema: string): ChatRequestBody[] =>
  chatBodies(server).filter((b) => schemaName(b) === schema);

export function intrinsicVerdict(count: number, coverage: number, uniqueness: number, actionability: number): ChatReply {
  return {
    json: {
      attributeCount: { count, reason: ` Counted ${count}. ` },
      coverage: { score: coverage, reason: 'Coverage reason.' },
      uniqueness: { score: uniqueness, reason: 'Uniqueness reason.' },
      actionability: { score: actionability, reason: 'Actionability reason.' },
    },
  };
}

export const METRIC_IDS = [
  'personalization_fit', 'attribute_coverage', 'depth', 'justification', 'engagement',
  'actionability', 'diversity', 'contextual_grounding', 'relevance', 'consistency',
] as const;

/** A judge reply giving every metric `all`, with per-metric overrides. */
export function qaVerdict(all: number, over: Partial<Record<(typeof METRIC_IDS)[number], number>> = {}): ChatReply {
  const scores = Object.fromEntries(METRIC_IDS.map((id) => [id, over[id] ?? all]));
  return { json: { scores, reason: ' Fine. ' } };
}
