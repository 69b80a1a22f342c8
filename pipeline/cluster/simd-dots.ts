import { DOT_KERNELS_WASM } from './dot-kernels-wasm.js';

/**
 * The WebAssembly SIMD dot-product kernels (dot-kernels.wat) behind a small JS interface. The rows
 * are copied into the kernel's memory once (setRows), zero-padded to a multiple of 4 floats, then
 * any number of passes run against them. Dots are float32 sums (lanes, then pairs of lanes): the
 * same row and centroid give the same bits whatever the chunk, block or thread.
 */
export interface DotKernels {
  /** Copies n rows of d floats in (replacing earlier ones). */
  setRows(x: Float32Array, n: number, d: number): void;
  /** labels[i] / best[i] = the row's nearest (largest dot) of the k rows of c, ties to the lowest index. */
  nearest(c: Float32Array, k: number, labels: Int32Array, best: Float64Array): void;
  /** out[j·n + i] = row i · row j of y (column by column: one column per y row). */
  dots(y: Float32Array, ny: number, out: Float64Array): void;
}

// Node has WebAssembly at run time; this project's TypeScript libs (ES2023, no DOM) don't declare it.
export interface WasmModule { readonly kind?: 'WebAssembly.Module' }
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { exports: unknown };
};

let compiled: WasmModule | undefined;

/** The compiled module (once per thread); a WebAssembly.Module can also be posted to a worker. */
export function dotKernelsModule(): WasmModule {
  return (compiled ??= new WebAssembly.Module(Buffer.from(DOT_KERNELS_WASM, 'base64')));
}

/**
 * A kernel instance with its own memory. Self-contained (no imports): worker threads run this
 * function's source text, so it takes the compiled module as an argument.
 */
export function createDotKernels(module: WasmModule): DotKernels {
  type Exports = {
    memory: WasmMemory;
    nearest(x: number, n: number, c: number, k: number, d: number, labels: number, best: number): void;
    dots(x: number, nx: number, y: number, ny: number, d: number, out: number): void;
  };
  const wasm = new WebAssembly.Instance(module).exports as unknown as Exports;
  // Calls cover at most this many rows: V8 first runs wasm in its baseline tier and swaps in the
  // optimised code only for later calls, so one call over every row would run unoptimised (~3× slower).
  const CHUNK = 1024;
  let n = 0;
  let d = 0;
  let d4 = 0;
  let rowsEnd = 0; // bytes; the rows start at 0, scratch space follows
  function reserve(bytes: number): void {
    const have = wasm.memory.buffer.byteLength;
    if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / 65_536));
  }
  function copyIn(src: Float32Array, rows: number, at: number): void {
    const view = new Float32Array(wasm.memory.buffer, at, rows * d4);
    if (d4 === d) return view.set(src.subarray(0, rows * d));
    view.fill(0);
    for (let i = 0; i < rows; i++) view.set(src.subarray(i * d, (i + 1) * d), i * d4);
  }
  return {
    setRows(x, rows, dims) {
      [n, d, d4] = [rows, dims, (dims + 3) & ~3];
      rowsEnd = n * d4 * 4;
      reserve(rowsEnd);
      copyIn(x, n, 0);
    },
    nearest(c, k, labels, best) {
      const cAt = rowsEnd;
      const labelsAt = cAt + k * d4 * 4;
      const bestAt = labelsAt + CHUNK * 8; // 8-byte aligned: every offset before it is a multiple of 16 or 8
      reserve(bestAt + CHUNK * 8);
      copyIn(c, k, cAt);
      for (let i = 0; i < n; i += CHUNK) {
        const rows = Math.min(CHUNK, n - i);
        wasm.nearest(i * d4 * 4, rows, cAt, k, d4, labelsAt, bestAt);
        labels.set(new Int32Array(wasm.memory.buffer, labelsAt, rows), i);
        best.set(new Float64Array(wasm.memory.buffer, bestAt, rows), i);
      }
    },
    dots(y, ny, out) {
      const yAt = rowsEnd;
      const outAt = yAt + ny * d4 * 4;
      reserve(outAt + CHUNK * ny * 8);
      copyIn(y, ny, yAt);
      for (let i = 0; i < n; i += CHUNK) {
        const rows = Math.min(CHUNK, n - i);
        const stride = (rows + 3) & ~3; // the kernel's column stride
        wasm.dots(i * d4 * 4, rows, yAt, ny, d4, outAt);
        const chunk = new Float64Array(wasm.memory.buffer, outAt, ny * stride);
        for (let j = 0; j < ny; j++) out.set(chunk.subarray(j * stride, j * stride + rows), j * n + i);
      }
    },
  };
}
