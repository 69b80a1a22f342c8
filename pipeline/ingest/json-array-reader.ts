import { createReadStream } from 'node:fs';
import { PipelineError } from '../core/errors.js';
import { DEFAULT_MAX_RECORD_BYTES, clip, decodeUtf8, excerptOf } from './line-reader.js';

/** One top-level array element; `index` is 0-based and counts bad elements too. */
export type ArrayItem =
  | { ok: true; line: number; index: number; raw: string; value: unknown }
  | { ok: false; line: number; index: number; reason: string; excerpt: string };

const BOM = [0xef, 0xbb, 0xbf];
const TRUNCATED = 'truncated JSON: file ends before the array closes';
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Push-based scanner: feed chunks, get the elements they complete. It only tracks nesting,
 * strings and escapes (UTF-8 continuation bytes are >= 0x80, so they never look like syntax);
 * JSON.parse does the real validation per element, so one bad element never sinks the file.
 */
export class JsonArrayScanner {
  private state: 'start' | 'between' | 'element' | 'done' = 'start';
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private size = 0;
  private head: Buffer | undefined;
  private startLine = 0;
  private index = 0;
  private trailingReported = false;
  private offset = 0; // bytes consumed before the current chunk
  private bomBytes = 0;

  constructor(private label: string, private maxElementBytes = DEFAULT_MAX_RECORD_BYTES) {}

  push(chunk: Buffer): ArrayItem[] {
    const out: ArrayItem[] = [];
    let segStart = 0; // where the current element's bytes begin inside this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.state === 'element') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (b === 0x5c) this.escaped = true;
          else if (b === 0x22) this.inString = false;
        } else if (b === 0x22) this.inString = true;
        else if (b === 0x7b || b === 0x5b) this.depth++;
        else if ((b === 0x7d || b === 0x5d) && this.depth > 0) this.depth--;
        else if (this.depth === 0 && (b === 0x2c || b === 0x5d)) {
          // A stray `}` at depth 0 falls through and stays in the element, so JSON.parse rejects it.
          this.append(chunk.subarray(segStart, i));
          out.push(this.finishElement());
          this.state = b === 0x2c ? 'between' : 'done';
        }
      } else if (isSpace(b) || (this.state === 'between' && b === 0x2c)) {
        // skip whitespace and separators between elements
      } else if (this.state === 'start') {
        // A leading BOM may straddle chunks, so count its bytes rather than peeking ahead.
        if (this.offset + i === this.bomBytes && b === BOM[this.bomBytes]) { this.bomBytes++; continue; }
        if (b !== 0x5b) throw new PipelineError('INPUT', `${this.label}: not a JSON array (line ${this.line} starts with ${JSON.stringify(String.fromCharCode(b))})`);
        this.state = 'between';
      } else if (this.state === 'between') {
        if (b === 0x5d) this.state = 'done';
        else {
          this.state = 'element';
          this.startLine = this.line;
          segStart = i;
          i--; // rescan this byte in element mode
          continue;
        }
      } else if (!this.trailingReported) {
        this.trailingReported = true;
        out.push({ ok: false, line: this.line, index: this.index, reason: 'trailing data after the array', excerpt: excerptOf(chunk.subarray(i)) });
      }
      if (b === 0x0a) this.line++;
    }
    if (this.state === 'element') this.append(chunk.subarray(segStart));
    this.offset += chunk.length;
    return out;
  }

  end(): ArrayItem[] {
    if (this.state === 'start') throw new PipelineError('INPUT', `${this.label}: empty file, expected a JSON array`);
    if (this.state === 'between') return [{ ok: false, line: this.line, index: this.index, reason: TRUNCATED, excerpt: '' }];
    if (this.state === 'element') {
      const bytes = this.head ?? Buffer.concat(this.parts, this.size);
      return [{ ok: false, line: this.startLine, index: this.index, reason: TRUNCATED, excerpt: excerptOf(bytes) }];
    }
    return [];
  }

  private append(piece: Buffer): void {
    this.size += piece.length;
    if (this.head) return;
    this.parts.push(piece);
    if (this.size > this.maxElementBytes) {
      this.head = Buffer.concat(this.parts).subarray(0, 800);
      this.parts = [];
    }
  }

  private finishElement(): ArrayItem {
    const line = this.startLine;
    const index = this.index++;
    const { head, size } = this;
    const bytes = head ? head : Buffer.concat(this.parts, size);
    this.parts = [];
    this.size = 0;
    this.head = undefined;
    if (head) return { ok: false, line, index, reason: `record is ${size} bytes, over the ${this.maxElementBytes}-byte limit`, excerpt: excerptOf(head) };
    const raw = decodeUtf8(bytes)?.trimEnd();
    if (raw === undefined) return { ok: false, line, index, reason: 'invalid UTF-8', excerpt: excerptOf(bytes) };
    try {
      return { ok: true, line, index, raw, value: JSON.parse(raw) as unknown };
    } catch (e) {
      return { ok: false, line, index, reason: `malformed JSON: ${(e as Error).message}`, excerpt: clip(raw) };
    }
  }
}

/** Streams the elements of a top-level JSON array file; memory is bounded by the largest element. */
export async function* readJsonArray(path: string, opts: { maxElementBytes?: number } = {}): AsyncGenerator<ArrayItem> {
  const scanner = new JsonArrayScanner(path, opts.maxElementBytes);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) yield* scanner.push(chunk as Buffer);
  yield* scanner.end();
}
