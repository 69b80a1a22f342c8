/** Pure builders for the scripted OpenAI-compatible test server (see openai-server.ts). */
import { createHash } from 'node:crypto';

/** What a chat handler tells the server to do with one request. */
export type ChatReply =
  | { json: unknown; delayMs?: number }
  | { content: string; finishReason?: 'stop' | 'length'; delayMs?: number }
  | { status: number; message?: string; headers?: Record<string, string>; delayMs?: number }
  /** Never answer (until the server closes): exercises client timeouts. */
  | { hang: true };

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  temperature?: number;
  [k: string]: unknown;
}

export interface ChatContext {
  /** 0-based index among all chat requests (direct and batch) this server has seen. */
  index: number;
  /** How many identical bodies were seen before this one (0 on the first attempt). */
  seen: number;
  via: 'direct' | 'batch';
}

export type ChatHandler = (body: ChatRequestBody, ctx: ChatContext) => ChatReply | Promise<ChatReply>;

export const defaultChat: ChatHandler = () => ({ json: {} });

/** Concatenated content of the user messages: what fixtures usually pattern-match on. */
export function userText(body: ChatRequestBody): string {
  return body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
}

const approxTokens = (s: string) => Math.ceil(s.length / 4);

export function chatCompletion(body: ChatRequestBody, content: string, finishReason: string, n: number) {
  const prompt = approxTokens(body.messages.map((m) => m.content).join(''));
  const completion = approxTokens(content);
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

export function errorBody(message: string, status: number) {
  return { error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', param: null, code: null } };
}

/** Deterministic unit vector seeded by the text's hash: equal texts get equal vectors. */
export function fakeEmbedding(text: string, dims: number): number[] {
  const seed = createHash('sha256').update(text).digest();
  let x = seed.readUInt32LE(0) || 1;
  const v: number[] = [];
  for (let i = 0; i < dims; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; // xorshift32
    v.push((x / 0xffffffff) * 2 - 1);
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((y) => y / norm);
}

export function embeddingsResponse(body: { model: string; input: string | string[]; dimensions?: number; encoding_format?: string }, dims: number) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const d = body.dimensions ?? dims;
  return {
    object: 'list',
    model: body.model,
    data: inputs.map((t, index) => {
      const vec = fakeEmbedding(t, d);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vec).buffer).toString('base64') : vec;
      return { object: 'embedding', index, embedding };
    }),
    usage: { prompt_tokens: inputs.reduce((a, t) => a + approxTokens(t), 0), total_tokens: inputs.reduce((a, t) => a + approxTokens(t), 0) },
  };
}
