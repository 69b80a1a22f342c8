import { Worker } from 'node:worker_threads';
import { DEFAULT_ROOTS, type Conversation, type Extractor, type Mention } from '../../../core/types.js';
import { withTurn } from '../../../extract/extraction-error.js';
import { HEURISTIC_EXTRACTOR_ID, toMentions, type TextMention } from '../index.js';
import type { WorkerReply } from './messages.js';
import { workerEntry } from '../../../core/repo-path.js';

/**
 * The offline extractor on worker threads. A turn's mentions depend only on its text and the
 * roots, so which thread reads it changes nothing in the output, only the wall time: tagging is
 * CPU-bound and one core reads about 3,000 chat turns a second. Each conversation goes to the
 * thread with the fewest waiting; an exception comes back naming its turn, like in-process.
 */
export interface PooledExtractor extends Extractor {
  /** How many conversations the stage should keep in flight to keep every thread busy. */
  readonly parallelism: number;
  /** Workers replaced by fresh ones so far (RECYCLE_AFTER_TEXTS). */
  readonly recycled: number;
  close(): Promise<void>;
}

const ENTRY = workerEntry(import.meta.url, 'heuristic-worker');
/** Conversations per message. */
const BATCH = 32;

interface Waiting {
  resolve: (results: TextMention[][]) => void;
  reject: (error: Error) => void;
  worker: number;
}

/**
 * Texts a worker reads before it is replaced by a fresh one (when idle). The tagger and the
 * lexicon memoise every new word they meet (wink-nlp's lexicon cache, WordNet look-ups), so a
 * worker's memory grows with the corpus's vocabulary: from about 240 MB to 460 MB over 100,000
 * turns of made-up words (measured in-process). A fresh worker costs about 0.7 s (a few % of the
 * time it takes to read 20,000 turns); this keeps a worker near 300 MB on any corpus.
 */
export const RECYCLE_AFTER_TEXTS = 20_000;

export function createHeuristicPool(opts: { roots?: readonly string[]; threads: number; recycleAfter?: number }): PooledExtractor {
  const recycleAfter = opts.recycleAfter ?? RECYCLE_AFTER_TEXTS;
  const pending = new Map<number, Waiting>();
  const start = (w: number): Worker => {
    const worker = new Worker(ENTRY);
    worker.postMessage({ kind: 'init', roots: opts.roots ?? DEFAULT_ROOTS });
    worker.on('message', (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      load[w] = (load[w] ?? 1) - 1;
      if (!waiting) return;
      if (reply.kind === 'done') waiting.resolve(reply.results);
      else waiting.reject(Object.assign(new Error(reply.message), { name: reply.name, stack: reply.stack, index: reply.index }));
    });
    worker.on('error', (error) => {
      if (workers[w] !== worker) return; // a retired worker: nothing of the new one's is its to fail
      for (const [id, w2] of pending) if (w2.worker === w) { w2.reject(error); pending.delete(id); }
    });
    return worker;
  };
  const load: number[] = [];
  const sent: number[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < Math.max(1, opts.threads); w++) {
    load.push(0);
    sent.push(0);
    workers.push(start(w));
  }
  let recycled = 0;
  let nextId = 0;
  /** Replaces worker w by a fresh one when it has read its share and has nothing in flight. */
  const recycle = (w: number) => {
    if (sent[w]! < recycleAfter || load[w] !== 0) return;
    void workers[w]!.terminate();
    workers[w] = start(w);
    sent[w] = 0;
    recycled++;
  };
  // Conversations asked for in the same tick travel together: one message per batch, not per
  // conversation (a message costs about as much as tagging a short turn).
  let queue: { texts: string[]; resolve: (r: TextMention[][]) => void; reject: (e: Error) => void }[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const w = load.indexOf(Math.min(...load));
    recycle(w);
    const id = nextId++;
    load[w] = (load[w] ?? 0) + 1;
    const texts = batch.flatMap((b) => b.texts);
    sent[w] = sent[w]! + texts.length;
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
    get recycled() {
      return recycled;
    },
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
