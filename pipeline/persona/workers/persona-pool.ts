import { Worker } from 'node:worker_threads';
import type { GeneratedPersona } from '../generate-persona.js';
import type { PoolContext, PoolReply } from './pool-messages.js';
import { workerEntry } from '../../core/repo-path.js';

/**
 * Offline persona generation on worker threads. Persona i depends only on (seed, i, taxonomy
 * version), so splitting a range across threads changes nothing in the output, only the wall time
 * (generation is CPU-bound: ~7 ms a persona of 235 attributes on one core of this machine). Ranges
 * come back in index order.
 */
export interface PersonaPool {
  generate(from: number, to: number): Promise<GeneratedPersona[]>;
  close(): Promise<void>;
}

const ENTRY = workerEntry(import.meta.url, 'persona-worker');

export function createPersonaPool(context: PoolContext, threads: number): PersonaPool {
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(ENTRY);
    worker.postMessage({ kind: 'init', context });
    return worker;
  });
  const pending = new Map<number, { resolve: (r: GeneratedPersona[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (reply: PoolReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.kind === 'done') waiting?.resolve(reply.results);
      else waiting?.reject(new Error(`persona worker: ${reply.message}`));
    });
    worker.on('error', (error) => {
      for (const w of pending.values()) w.reject(error);
      pending.clear();
    });
  }
  const run = (worker: Worker, from: number, to: number) =>
    new Promise<GeneratedPersona[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'generate', id, from, to });
    });
  return {
    async generate(from, to) {
      const size = Math.ceil((to - from) / workers.length);
      const parts = workers.map((w, t) => [w, from + t * size, Math.min(to, from + (t + 1) * size)] as const).filter(([, a, b]) => a < b);
      return (await Promise.all(parts.map(([w, a, b]) => run(w, a, b)))).flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
