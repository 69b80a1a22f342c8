import { Worker } from 'node:worker_threads';
import { DEFAULT_ROOTS, type Conversation, type Extractor, type Mention } from '../../../core/types.js';
import { withTurn } from '../../../extract/extraction-error.js';
import { HEURISTIC_EXTRACTOR_ID, toMentions, type TextMention } from '../index.js';
import type { WorkerReply } from './messages.js';

/**
 * The offline extractor on worker threads. A turn's mentions depend only on its text and the
 * roots, so which thread reads it changes nothing in the output, only the wall time: tagging is
 * CPU-bound and one core reads about 3,000 chat turns a second. Each conversation goes to the
 * thread with the fewest waiting; an exception comes back naming its turn, like in-process.
 */
export interface PooledExtractor extends Extractor {
  /** How many conversations the stage should keep in flight to keep every thread busy. */
  readonly parallelism: number;
  close(): Promise<void>;
}

const ENTRY = new URL('./entry.mjs', import.meta.url);
/** Conversations per message. */
const BATCH = 32;

interface Waiting {
  resolve: (results: TextMention[][]) => void;
  reject: (error: Error) => void;
  worker: number;
}

export function createHeuristicPool(opts: { roots?: readonly string[]; threads: number }): PooledExtractor {
  const workers = Array.from({ length: Math.max(1, opts.threads) }, () => {
    const worker = new Worker(ENTRY);
    worker.postMessage({ kind: 'init', roots: opts.roots ?? DEFAULT_ROOTS });
    return worker;
  });
  const load = workers.map(() => 0);
  const pending = new Map<number, Waiting>();
  let nextId = 0;
  workers.forEach((worker, w) => {
    worker.on('message', (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      load[w] = (load[w] ?? 1) - 1;
      if (!waiting) return;
      if (reply.kind === 'done') waiting.resolve(reply.results);
      else waiting.reject(Object.assign(new Error(reply.message), { name: reply.name, stack: reply.stack, index: reply.index }));
    });
    worker.on('error', (error) => {
      for (const [id, w2] of pending) if (w2.worker === w) { w2.reject(error); pending.delete(id); }
    });
  });
  // Conversations asked for in the same tick travel together: one message per batch, not per
  // conversation (a message costs about as much as tagging a short turn).
  let queue: { texts: string[]; resolve: (r: TextMention[][]) => void; reject: (e: Error) => void }[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const w = load.indexOf(Math.min(...load));
    const id = nextId++;
    load[w] = (load[w] ?? 0) + 1;
    const texts = batch.flatMap((b) => b.texts);
    pending.set(id, {
      worker: w,
      resolve: (results) => {
        let at = 0;
        for (const b of batch) {
          b.resolve(results.slice(at, at + b.texts.length));
          at += b.texts.length;
        }
      },
      reject: (error) => {
        // Name the conversation whose text threw; the rest of the batch is retried alone.
        let at = 0;
        const index = (error as { index?: number }).index ?? -1;
        for (const b of batch) {
          if (index >= at && index < at + b.texts.length) b.reject(Object.assign(error, { index: index - at }));
          else send(b.texts).then(b.resolve, b.reject);
          at += b.texts.length;
        }
      },
    });
    workers[w]!.postMessage({ kind: 'extract', id, texts });
  };
  const send = (texts: string[]) =>
    new Promise<TextMention[][]>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ texts, resolve, reject });
      if (queue.length >= BATCH) {
        flush();
      }
    });
  return {
    id: HEURISTIC_EXTRACTOR_ID,
    parallelism: workers.length * BATCH * 2,
    async extract(conversation: Conversation) {
      const turns = conversation.turns.filter((t) => t.role === 'user');
      let results: TextMention[][];
      try {
        results = await send(turns.map((t) => t.text));
      } catch (error) {
        // Rethrown through withTurn so the failure names the turn that threw, as in-process.
        const turn = turns[(error as { index?: number }).index ?? 0];
        if (!turn) throw error;
        return withTurn(turn, () => { throw error; });
      }
      const mentions: Mention[] = [];
      turns.forEach((turn, i) => mentions.push(...toMentions(turn, results[i] ?? [])));
      return { mentions, ungrounded: 0 };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
