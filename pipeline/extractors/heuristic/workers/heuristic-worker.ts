import { parentPort } from 'node:worker_threads';
import { extractFromText } from '../index.js';
import { createRootResolver, type RootResolver } from '../roots.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './messages.js';

/** One extraction thread: the offline extractor over the user turns it is sent, in order. */

let resolveRoot: RootResolver | undefined;

parentPort!.on('message', (message: WorkerInit | WorkerRequest) => {
  if (message.kind === 'init') {
    resolveRoot = createRootResolver(message.roots);
    // Load the lexicons now, while the stage is still reading its first chunk from the store.
    extractFromText("i'm a nurse and i love my two dogs", resolveRoot);
    return;
  }
  const results = [];
  for (let index = 0; index < message.texts.length; index += 1) {
    try {
      results.push(extractFromText(message.texts[index] as string, resolveRoot));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({ kind: 'error', id: message.id, index, name: e.name, message: e.message, stack: e.stack } satisfies WorkerReply);
      return;
    }
  }
  parentPort!.postMessage({ kind: 'done', id: message.id, results } satisfies WorkerReply);
});
