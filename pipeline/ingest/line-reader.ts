import { createReadStream } from 'node:fs';

export type LineItem =
  | { ok: true; line: number; text: string }
  | { ok: false; line: number; reason: string; excerpt: string };

export interface ReadLinesOptions {
  /** A longer line is reported as an error instead of being buffered (V8 strings top out near 512 MiB). */
  maxLineBytes?: number;
  highWaterMark?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;
const EXCERPT_BYTES = 800;
const NL = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// ignoreBOM keeps a U+FEFF inside a line verbatim; only the file's leading BOM is dropped (below).
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes strictly; undefined means invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Best-effort text for error excerpts (invalid bytes become U+FFFD). */
export function excerptOf(bytes: Uint8Array, chars = 200): string {
  return clip(lenient.decode(bytes.subarray(0, EXCERPT_BYTES)), chars);
}

/** First `chars` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, chars = 200): string {
  if (text.length <= chars) return text;
  const code = text.charCodeAt(chars - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? chars - 1 : chars);
}

/**
 * Streams `path` as lines split on LF at the byte level (a trailing CR is dropped), with 1-based
 * line numbers. Each line is decoded on its own so one bad byte costs one line, not the file.
 * Blank lines are yielded too (text ''); callers decide whether they count.
 */
export async function* readLines(path: string, opts: ReadLinesOptions = {}): AsyncGenerator<LineItem> {
  const maxBytes = opts.maxLineBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | undefined; // kept for the excerpt once an oversized line stops being buffered
  let line = 1;
  let first = true;

  const append = (piece: Buffer): void => {
    if (piece.length === 0) return;
    size += piece.length;
    if (head) return;
    parts.push(piece);
    if (size > maxBytes) {
      head = Buffer.concat(parts).subarray(0, EXCERPT_BYTES);
      parts = [];
    }
  };

  const finish = (n: number): LineItem => {
    let item: LineItem;
    if (head) {
      item = { ok: false, line: n, reason: `line is ${size} bytes, over the ${maxBytes}-byte limit`, excerpt: excerptOf(head) };
    } else {
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
      const text = decodeUtf8(bytes);
      item = text === undefined
        ? { ok: false, line: n, reason: 'invalid UTF-8', excerpt: excerptOf(bytes) }
        : { ok: true, line: n, text };
    }
    parts = [];
    size = 0;
    head = undefined;
    return item;
  };

  const stream = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 1 << 16 });
  for await (const data of stream) {
    let chunk = data as Buffer;
    if (first) {
      first = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    let start = 0;
    for (let nl = chunk.indexOf(NL, start); nl !== -1; nl = chunk.indexOf(NL, start)) {
      append(chunk.subarray(start, nl));
      yield finish(line++);
      start = nl + 1;
    }
    append(chunk.subarray(start));
  }
  if (size > 0) yield finish(line);
}
