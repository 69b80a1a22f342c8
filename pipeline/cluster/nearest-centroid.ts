import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { createDotKernels, dotKernelsModule, type DotKernels } from './simd-dots.js';

/**
 * The k-means hot loop: for every row, the centroid with the largest dot product (= nearest on the
 * unit sphere). n·k·d multiply-adds per pass (2·10¹¹ at 1M × 2,000 × 100), so it runs in the
 * WebAssembly SIMD kernel (simd-dots.ts: ~7–10 G multiply-adds/s per core here, against ~0.7–2
 * for the register-blocked scalar JS loop it replaced) and is split over worker threads by row range.
 * A row's dot products come out bit-identical whichever block or thread computes them, and ties go
 * to the lowest centroid index, so labels are identical for any thread count.
 */
export function assignNearest(
  x: Float32Array,
  n: number,
  c: Float32Array,
  k: number,
  d: number,
  labels: Int32Array,
  best: Float64Array,
): void {
  const kernels = createDotKernels(dotKernelsModule());
  kernels.setRows(x, n, d);
  kernels.nearest(c, k, labels, best);
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
var __name = (fn) => fn; // esbuild's keepNames helper, which the transpiled source below may call
${createDotKernels.toString()}
parentPort.once('message', ({ port, flag, module, x, n, d }) => {
  const kernels = createDotKernels(module);
  kernels.setRows(x, n, d); // the kernel keeps its own copy; the posted rows can be collected
  const done = new Int32Array(flag);
  Atomics.store(done, 1, 1); // booted: the source compiled and the rows arrived
  port.on('message', ({ c, k }) => {
    try {
      const labels = new Int32Array(n);
      const best = new Float64Array(n);
      kernels.nearest(c, k, labels, best);
      port.postMessage({ labels, best }, [labels.buffer, best.buffer]);
    } catch (error) {
      port.postMessage({ error: String((error && error.stack) || error) });
    }
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  });
});`;

interface Helper {
  worker: Worker;
  port: MessagePort;
  done: Int32Array;
  start: number;
  end: number;
}

/** Below this many multiply-adds per pass (~0.1 s on one core) a worker's ~30 ms start-up outweighs the saving. */
const PARALLEL_MIN_WORK = 5e8;
const START_TIMEOUT_MS = 30_000;

/**
 * Nearest-centroid passes over one fixed set of rows, split across the calling thread plus
 * `threads − 1` workers. The interface is synchronous, so the caller blocks in Atomics.wait (allowed
 * on Node's main thread) and collects replies with receiveMessageOnPort instead of the event loop.
 * Every thread's kernel keeps a copy of its row range, made once: extra memory ≈ one copy of the
 * rows (400 MB for 1M × 100). Call close() when done.
 */
export class NearestPool {
  private readonly helpers: Helper[] = [];
  private readonly ownEnd: number;
  private readonly own: DotKernels;

  constructor(
    x: Float32Array,
    n: number,
    private readonly d: number,
    k: number,
    { threads = defaultThreads(), minWork = PARALLEL_MIN_WORK }: { threads?: number; minWork?: number } = {},
  ) {
    const parts = n * k * d < minWork ? 1 : Math.max(1, Math.min(threads, Math.ceil(n / 1024)));
    const bound = (p: number) => Math.round((n * p) / parts);
    this.ownEnd = bound(1);
    const module = dotKernelsModule();
    this.own = createDotKernels(module);
    this.own.setRows(x, this.ownEnd, d);
    for (let p = 1; p < parts; p++) {
      const [start, end] = [bound(p), bound(p + 1)];
      // Plain-JS source: skip the parent's loaders (e.g. tsx), which would only slow start-up.
      const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
      worker.unref(); // never keep the process alive; close() terminates it anyway
      const { port1, port2 } = new MessageChannel();
      const flag = new SharedArrayBuffer(8); // [reply ready, booted]
      const rows = x.slice(start * d, end * d);
      worker.postMessage({ port: port2, flag, module, x: rows, n: end - start, d }, [port2, rows.buffer]);
      this.helpers.push({ worker, port: port1, done: new Int32Array(flag), start, end });
    }
  }

  /** Fills labels[i] / best[i] with row i's nearest centroid among the k rows of c and its dot product. */
  assign(c: Float32Array, k: number, labels: Int32Array, best: Float64Array): void {
    for (const h of this.helpers) {
      Atomics.store(h.done, 0, 0);
      h.port.postMessage({ c: c.slice(0, k * this.d), k });
    }
    this.own.nearest(c, k, labels.subarray(0, this.ownEnd), best.subarray(0, this.ownEnd));
    for (const h of this.helpers) {
      const reply = this.collect(h);
      if ('error' in reply) throw new Error(`nearest-centroid worker failed: ${reply.error}`);
      labels.set(reply.labels, h.start);
      best.set(reply.best, h.start);
    }
  }

  private collect(h: Helper): { labels: Int32Array; best: Float64Array } | { error: string } {
    const started = Date.now();
    for (;;) {
      // The flag is raised after postMessage, so once it is up the reply is already queued.
      Atomics.wait(h.done, 0, 0, 1000);
      if (Atomics.load(h.done, 0) === 1) {
        const msg = receiveMessageOnPort(h.port);
        if (msg) return msg.message as { labels: Int32Array; best: Float64Array } | { error: string };
      }
      // Errors inside a pass come back as replies; only a worker that never booted would hang us
      // (its 'error' event needs the event loop we are blocking), so time out on boot alone.
      if (Atomics.load(h.done, 1) === 0 && Date.now() - started > START_TIMEOUT_MS) {
        throw new Error('nearest-centroid worker did not start');
      }
    }
  }

  get threads(): number {
    return this.helpers.length + 1;
  }

  close(): void {
    for (const h of this.helpers) {
      h.port.close();
      void h.worker.terminate();
    }
    this.helpers.length = 0;
  }
}

/** Cores to use by default: all of them (this box has 2). */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * out[i·ny + j] = x_i · y_j for nx rows of x against ny rows of y in scalar JS, 4 × 2 register-blocked,
 * each dot summed sequentially in float64 exactly as nn-chain's cosineDistance does (nn-chain and
 * ml-hclust must start from bit-identical distances; k-means uses the SIMD kernels instead).
 */
export function dotBlock(x: Float32Array, nx: number, y: Float32Array, ny: number, d: number, out: Float64Array): void {
  for (let i = 0; i < nx; i += 4) {
    const i1 = i + 1 < nx ? i + 1 : i, i2 = i + 2 < nx ? i + 2 : i, i3 = i + 3 < nx ? i + 3 : i;
    const o0 = i * d, o1 = i1 * d, o2 = i2 * d, o3 = i3 * d;
    for (let j = 0; j < ny; j += 2) {
      const jj = j + 1 < ny ? j + 1 : j;
      const c0 = j * d, c1 = jj * d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, e0 = 0, e1 = 0, e2 = 0, e3 = 0;
      for (let t = 0; t < d; t++) {
        const y0 = y[c0 + t]!, y1 = y[c1 + t]!;
        const x0 = x[o0 + t]!, x1 = x[o1 + t]!, x2 = x[o2 + t]!, x3 = x[o3 + t]!;
        a0 += x0 * y0; a1 += x1 * y0; a2 += x2 * y0; a3 += x3 * y0;
        e0 += x0 * y1; e1 += x1 * y1; e2 += x2 * y1; e3 += x3 * y1;
      }
      // Padded rows/columns alias real ones and recompute identical values, so overwriting is harmless.
      out[i * ny + j] = a0; out[i1 * ny + j] = a1; out[i2 * ny + j] = a2; out[i3 * ny + j] = a3;
      out[i * ny + jj] = e0; out[i1 * ny + jj] = e1; out[i2 * ny + jj] = e2; out[i3 * ny + jj] = e3;
    }
  }
}
