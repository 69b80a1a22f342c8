import { describe, expect, it } from 'vitest';
import { compileDotKernels, moduleSource } from '../../scripts/build-wasm.js';
import { DOT_KERNELS_WASM } from '../../pipeline/cluster/dot-kernels-wasm.js';
import { createDotKernels, dotKernelsModule } from '../../pipeline/cluster/simd-dots.js';
import { randomUnit } from './synthetic.js';

/** Float64 reference: every row's dot with every column row. */
function referenceDots(x: Float32Array, n: number, y: Float32Array, ny: number, d: number): Float64Array {
  const out = new Float64Array(n * ny);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < ny; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += x[i * d + t]! * y[j * d + t]!;
      out[j * n + i] = s;
    }
  }
  return out;
}

const kernels = () => createDotKernels(dotKernelsModule());

describe('SIMD dot kernels', () => {
  it('ship the bytes that dot-kernels.wat compiles to (else run `npm run build:wasm`)', async () => {
    const source = moduleSource(await compileDotKernels());
    expect(source).toContain(`'${DOT_KERNELS_WASM}'`);
  });

  // d = 7 and 13 need padding to a multiple of 4; 2,500 rows span three 1,024-row chunks and end in
  // a short block of 4; 9 columns end in a short block of 2.
  for (const d of [7, 13, 100]) {
    it(`dots match a float64 reference, column by column (d = ${d})`, () => {
      const n = d === 100 ? 301 : 2_500;
      const x = randomUnit(n, d, d).data;
      const y = randomUnit(9, d, d + 1).data;
      const k = kernels();
      k.setRows(x, n, d);
      const out = new Float64Array(9 * n);
      k.dots(y, 9, out);
      const ref = referenceDots(x, n, y, 9, d);
      expect(out.reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i]!)), 0)).toBeLessThan(1e-6);
    });

    it(`nearest picks the largest dot, within float32 rounding (d = ${d})`, () => {
      const n = 2_050;
      const x = randomUnit(n, d, 2 * d).data;
      const c = randomUnit(37, d, 2 * d + 1).data;
      const k = kernels();
      k.setRows(x, n, d);
      const labels = new Int32Array(n);
      const best = new Float64Array(n);
      k.nearest(c, 37, labels, best);
      const ref = referenceDots(x, n, c, 37, d);
      let [shortfall, error, exact] = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        let [top, arg] = [-Infinity, 0];
        for (let j = 0; j < 37; j++) if (ref[j * n + i]! > top) [top, arg] = [ref[j * n + i]!, j];
        const chosen = ref[labels[i]! * n + i]!;
        shortfall = Math.max(shortfall, top - chosen); // > 0 only for a near-tie within float32 rounding
        error = Math.max(error, Math.abs(best[i]! - chosen));
        if (labels[i] === arg) exact++;
      }
      expect(shortfall).toBeLessThan(1e-6);
      expect(error).toBeLessThan(1e-6);
      expect(exact).toBeGreaterThan(n * 0.99);
    });
  }

  it('breaks ties to the lowest centroid index and agrees with dots bit for bit', () => {
    const d = 12;
    const x = randomUnit(10, d, 3).data;
    const base = randomUnit(3, d, 4).data;
    const c = new Float32Array(6 * d);
    [2, 0, 1, 0, 2, 1].forEach((from, j) => c.set(base.subarray(from * d, (from + 1) * d), j * d)); // each centroid twice
    const k = kernels();
    k.setRows(x, 10, d);
    const labels = new Int32Array(10);
    const best = new Float64Array(10);
    k.nearest(c, 6, labels, best);
    const dots = new Float64Array(6 * 10);
    k.dots(c, 6, dots);
    const firstOf = [1, 2, 0]; // first column holding base row 0, 1, 2
    for (let i = 0; i < 10; i++) {
      const col = [0, 1, 2].reduce((a, b) => (dots[firstOf[b]! * 10 + i]! > dots[firstOf[a]! * 10 + i]! ? b : a));
      expect(labels[i]).toBe(firstOf[col]);
      expect(best[i]).toBe(dots[labels[i]! * 10 + i]); // the same float32 sum, not merely close
    }
  });

  it("gives a row the same bits wherever it sits (block, chunk or another instance's rows)", () => {
    const d = 20;
    const x = randomUnit(1_500, d, 5).data;
    const c = randomUnit(15, d, 6).data;
    const whole = kernels();
    whole.setRows(x, 1_500, d);
    const all = { labels: new Int32Array(1_500), best: new Float64Array(1_500) };
    whole.nearest(c, 15, all.labels, all.best);
    const part = kernels();
    part.setRows(x.subarray(1_027 * d), 473, d); // starts mid-block and mid-chunk of the whole
    const tail = { labels: new Int32Array(473), best: new Float64Array(473) };
    part.nearest(c, 15, tail.labels, tail.best);
    expect(tail.labels).toEqual(all.labels.subarray(1_027));
    expect(tail.best).toEqual(all.best.subarray(1_027));
  });
});
