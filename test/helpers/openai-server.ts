/**
 * A scripted OpenAI-compatible server for tests (chat, embeddings, files, batches), listening on
 * 127.0.0.1 only. Every request is recorded; chat answers come from a handler that can delay,
 * fail with any status (429 + Retry-After, 500, 400), hang, or return arbitrary/truncated content.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chatCompletion, defaultChat, embeddingsResponse, errorBody,
  type ChatHandler, type ChatReply, type ChatRequestBody,
} from './openai-fakes.js';

export * from './openai-fakes.js';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON, or for uploads `{ purpose, filename, content }`. */
  body: unknown;
}

export interface ServerScript {
  chat?: ChatHandler;
  /** Answer 400 to response_format json_schema, like servers without structured outputs. */
  rejectJsonSchema?: boolean;
  /** Scripted failure for embeddings requests (return undefined for a normal answer). */
  embeddings?: (index: number) => ChatReply | undefined;
  embeddingDims?: number;
  /** A batch completes on the Nth retrieve. */
  batchPollsToComplete?: number;
}

export interface OpenAiTestServer {
  url: string;
  requests: RecordedRequest[];
  setHandler(script: Partial<ServerScript>): void;
  /** Requests to one path (e.g. '/v1/chat/completions'), optionally one method. */
  count(path: string, method?: string): number;
  close(): Promise<void>;
}

interface BatchRec { obj: Record<string, unknown>; polls: number }

export async function startOpenAiServer(initial: ServerScript = {}): Promise<OpenAiTestServer> {
  let script: ServerScript = { ...initial };
  const requests: RecordedRequest[] = [];
  const files = new Map<string, { content: string; purpose: string; filename: string }>();
  const batches = new Map<string, BatchRec>();
  const seenBodies = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let chatIndex = 0;
  let embedIndex = 0;
  let ids = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'application/octet-stream' : 'application/json', ...headers });
    res.end(text);
  };
  const later = (ms: number, fn: () => void) => {
    if (!ms) return fn();
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  /** Runs the chat script; returns status + body (for direct replies and batch output lines alike). */
  async function runChat(body: ChatRequestBody, via: 'direct' | 'batch') {
    const sig = JSON.stringify(body);
    const seen = seenBodies.get(sig) ?? 0;
    seenBodies.set(sig, seen + 1);
    const index = chatIndex++;
    if (script.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      const reply: ChatReply = { status: 400, message: "response_format type 'json_schema' is not supported by this server" };
      return { reply, status: 400, out: errorBody(reply.message!, 400) as unknown };
    }
    const reply = await (script.chat ?? defaultChat)(body, { index, seen, via });
    if ('hang' in reply) return { reply, status: 0, out: null as unknown };
    if ('status' in reply) return { reply, status: reply.status, out: errorBody(reply.message ?? `scripted ${reply.status}`, reply.status) as unknown };
    const content = 'json' in reply ? JSON.stringify(reply.json) : reply.content;
    const finish = 'finishReason' in reply && reply.finishReason ? reply.finishReason : 'stop';
    return { reply, status: 200, out: chatCompletion(body, content, finish, index) as unknown };
  }

  async function finishBatch(b: BatchRec) {
    const input = files.get(b.obj.input_file_id as string)?.content ?? '';
    const lines: string[] = [];
    for (const line of input.split('\n').filter((l) => l.trim())) {
      const row = JSON.parse(line) as { custom_id: string; body: ChatRequestBody };
      const r = await runChat(row.body, 'batch');
      const status = r.status === 0 ? 500 : r.status; // a hang inside a batch is just a failed line
      lines.push(JSON.stringify({ id: `batch_req_${++ids}`, custom_id: row.custom_id, response: { status_code: status, request_id: `req_${ids}`, body: r.out }, error: null }));
    }
    const outId = `file-out-${++ids}`;
    files.set(outId, { content: lines.join('\n') + '\n', purpose: 'batch_output', filename: `${outId}.jsonl` });
    Object.assign(b.obj, { status: 'completed', output_file_id: outId, completed_at: (b.obj.created_at as number) + 60 });
  }

  async function route(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const isMultipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    let body: unknown = undefined;
    if (isMultipart) {
      // undici's Request parses multipart for us, exactly as the client's FormData encoded it.
      const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: req.headers as Record<string, string>, body: raw }).formData();
      const file = form.get('file') as File;
      body = { purpose: String(form.get('purpose')), filename: file.name, content: await file.text() };
    } else if (raw.length) body = JSON.parse(raw.toString('utf8'));
    requests.push({ method, path, body });

    if (method === 'POST' && path === '/v1/chat/completions') {
      const r = await runChat(body as ChatRequestBody, 'direct');
      if ('hang' in r.reply) return; // left open until the client gives up or the server closes
      const headers = 'headers' in r.reply ? r.reply.headers : undefined;
      return later(r.reply.delayMs ?? 0, () => send(res, r.status, r.out, headers));
    }
    if (method === 'POST' && path === '/v1/embeddings') {
      const scripted = script.embeddings?.(embedIndex++);
      if (scripted && 'hang' in scripted) return;
      if (scripted && 'status' in scripted) return later(scripted.delayMs ?? 0, () => send(res, scripted.status, errorBody(scripted.message ?? 'scripted', scripted.status), scripted.headers));
      return send(res, 200, embeddingsResponse(body as Parameters<typeof embeddingsResponse>[0], script.embeddingDims ?? 16));
    }
    if (method === 'POST' && path === '/v1/files') {
      const f = body as { purpose: string; filename: string; content: string };
      const id = `file-${++ids}`;
      files.set(id, f);
      return send(res, 200, { id, object: 'file', bytes: Buffer.byteLength(f.content), created_at: 1_700_000_000, filename: f.filename, purpose: f.purpose, status: 'processed' });
    }
    const fileContent = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (method === 'GET' && fileContent) {
      const f = files.get(fileContent[1]!);
      return f ? send(res, 200, f.content) : send(res, 404, errorBody('no such file', 404));
    }
    if (method === 'POST' && path === '/v1/batches') {
      const b = body as Record<string, unknown>;
      const id = `batch_${++ids}`;
      const obj = { id, object: 'batch', endpoint: b.endpoint, input_file_id: b.input_file_id, completion_window: b.completion_window, status: 'validating', created_at: 1_700_000_000, metadata: b.metadata ?? null };
      batches.set(id, { obj, polls: 0 });
      return send(res, 200, obj);
    }
    const batchGet = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (method === 'GET' && batchGet) {
      const b = batches.get(batchGet[1]!);
      if (!b) return send(res, 404, errorBody('no such batch', 404));
      b.polls++;
      if (b.obj.status !== 'completed') {
        if (b.polls >= (script.batchPollsToComplete ?? 2)) await finishBatch(b);
        else b.obj.status = 'in_progress';
      }
      return send(res, 200, b.obj);
    }
    send(res, 404, errorBody(`no route ${method} ${path}`, 404));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      route(req, res, Buffer.concat(chunks)).catch((e: unknown) => send(res, 500, errorBody(`test server error: ${String(e)}`, 500)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setHandler(s) { script = { ...script, ...s }; },
    count: (path, method) => requests.filter((r) => r.path === path && (!method || r.method === method)).length,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections(); // includes hung requests, so close() cannot wait forever
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
