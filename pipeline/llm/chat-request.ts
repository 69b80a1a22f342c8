/**
 * Pure helpers shared by direct calls and batch mode: how a structured-output request is
 * keyed and shaped, and how an answer is turned into a validated value.
 */
import { z } from 'zod';
import { requestKey } from './cache.js';
import type { LlmSettings } from './config.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonRequest<T> {
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  schemaName: string;
  promptVersion: string;
  /** Identifies the item in failure records; not part of the cache key. */
  itemKey: string;
}

/** 'json_schema' = strict structured outputs; 'json_object' = JSON mode with the schema in the prompt. */
export type ResponseMode = 'json_schema' | 'json_object';

export interface PreparedJsonRequest<T> {
  key: string;
  jsonSchema: Record<string, unknown>;
  req: JsonRequest<T>;
  model: string;
}

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // The $schema marker is noise to providers and some reject unknown top-level keys.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

export function prepareJsonRequest<T>(settings: LlmSettings, req: JsonRequest<T>): PreparedJsonRequest<T> {
  if (!settings.model) throw new Error('LLM model is not configured (llm.model or OPENAI_MODEL)');
  const jsonSchema = jsonSchemaOf(req.schema);
  const key = requestKey({
    provider: settings.provider,
    baseUrlHost: settings.baseUrlHost,
    model: settings.model,
    input: req.messages,
    params: { temperature: settings.temperature, promptVersion: req.promptVersion, schemaName: req.schemaName },
    schema: jsonSchema,
  });
  return { key, jsonSchema, req, model: settings.model };
}

/** The /v1/chat/completions body; it never contains credentials, so it is safe to cache and upload. */
export function chatBody(
  p: PreparedJsonRequest<unknown>,
  settings: LlmSettings,
  mode: ResponseMode,
  messages: ChatMessage[] = p.req.messages,
): Record<string, unknown> {
  const base = { model: p.model, temperature: settings.temperature };
  if (mode === 'json_schema') {
    return {
      ...base,
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: { name: p.req.schemaName, schema: p.jsonSchema, strict: true },
      },
    };
  }
  return { ...base, messages: withSchemaInSystem(messages, p.jsonSchema), response_format: { type: 'json_object' } };
}

/** JSON mode cannot enforce a schema, so the model is told about it (and the word JSON, which OpenAI requires). */
function withSchemaInSystem(messages: ChatMessage[], schema: unknown): ChatMessage[] {
  const note = `Reply with a single JSON object (no prose, no code fences) that validates against this JSON Schema:\n${JSON.stringify(schema)}`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${note}` }, ...rest];
  return [{ role: 'system', content: note }, ...messages];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ChatAnswer {
  content: string | null;
  finishReason: string | null;
}

/** Extracts the first choice from a chat completion body (typed loosely: it may come from a batch file). */
export function answerOf(completion: unknown): ChatAnswer {
  const choice = (completion as { choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }> })
    ?.choices?.[0];
  const content = choice?.message?.content;
  const finish = choice?.finish_reason;
  return { content: typeof content === 'string' ? content : null, finishReason: typeof finish === 'string' ? finish : null };
}

export function parseAnswer<T>(answer: ChatAnswer, schema: z.ZodType<T>): ParseResult<T> {
  if (answer.content === null) return { ok: false, reason: 'empty answer (no message content)' };
  const truncated = answer.finishReason === 'length';
  let data: unknown;
  try {
    data = JSON.parse(stripFences(answer.content));
  } catch (e) {
    const why = truncated ? 'truncated JSON (finish_reason=length)' : `invalid JSON: ${(e as Error).message}`;
    return { ok: false, reason: why };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: `schema mismatch: ${z.prettifyError(parsed.error).slice(0, 500)}` };
  return { ok: true, value: parsed.data };
}

/** Local models in JSON mode sometimes wrap the object in a markdown fence anyway. */
function stripFences(s: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(s);
  return m?.[1] ?? s;
}

export interface CompletionUsage {
  promptTokens: number;
  completionTokens: number;
}

export function usageOf(completion: unknown): CompletionUsage | null {
  const u = (completion as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } })?.usage;
  if (!u) return null;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { promptTokens: n(u.prompt_tokens), completionTokens: n(u.completion_tokens) };
}
