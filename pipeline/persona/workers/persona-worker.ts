import { parentPort } from 'node:worker_threads';
import { createAnchorSampler } from '../../anchors/sample-anchors.js';
import { generatePersona, type GenerateContext } from '../generate-persona.js';
import { buildCatalog } from '../leaf-catalog.js';
import type { PoolInit, PoolReply, PoolRequest } from './pool-messages.js';

/** One generation thread: rebuilds the context from plain data, then generates the index ranges it is sent. */

let ctx: GenerateContext | undefined;

parentPort!.on('message', (message: PoolInit | PoolRequest) => {
  if (message.kind === 'init') {
    const { rows, samplerOptions, ...rest } = message.context;
    ctx = { ...rest, catalog: buildCatalog(rows.leaves, rows.pairs), sampler: createAnchorSampler(samplerOptions), ...(rows.evidence ? { evidence: rows.evidence } : {}) };
    return;
  }
  try {
    const results = [];
    for (let i = message.from; i < message.to; i++) results.push(generatePersona(ctx!, i));
    parentPort!.postMessage({ kind: 'done', id: message.id, results } satisfies PoolReply);
  } catch (error) {
    parentPort!.postMessage({ kind: 'error', id: message.id, message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies PoolReply);
  }
});
