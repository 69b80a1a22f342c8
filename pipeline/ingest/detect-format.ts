import { open } from 'node:fs/promises';
import { JsonArrayScanner } from './json-array-reader.js';

export type SourceFormat = 'puffin' | 'prefeval' | 'chat-jsonl';

const PEEK_BYTES = 64 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonlFormat(keys: (k: string) => boolean): SourceFormat | undefined {
  if (keys('conversations') || keys('prompt_index')) return 'puffin';
  if (keys('messages') || keys('turns')) return 'chat-jsonl';
  return undefined;
}

function arrayFormat(keys: (k: string) => boolean): SourceFormat | undefined {
  return keys('conversation') && (keys('persona') || keys('implicit_query') || keys('preference')) ? 'prefeval' : undefined;
}

/** Key test on text that did not fit in the peek; a nested key could fool it, which is why it is only a fallback. */
const keyRegex = (text: string) => (k: string) => new RegExp(`"${k}"\\s*:`).test(text);

/**
 * Guesses the format from the first 64 KB only, so detection costs the same on a 1 GB file.
 * A record longer than the peek falls back to looking for its top-level key names.
 */
export async function detectFormat(path: string): Promise<SourceFormat | undefined> {
  const handle = await open(path, 'r');
  let peek: Buffer;
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await handle.read(buf, 0, PEEK_BYTES, 0);
    peek = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const complete = peek.length < PEEK_BYTES;
  const text = peek.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();

  if (trimmed.startsWith('[')) {
    const scanner = new JsonArrayScanner(path);
    const first = scanner.push(peek)[0];
    if (first?.ok) return isObject(first.value) ? arrayFormat((k) => k in (first.value as object)) : undefined;
    return first ? undefined : arrayFormat(keyRegex(trimmed));
  }

  const lines = text.split('\n');
  if (!complete) lines.pop(); // the last line may be cut mid-record
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) return jsonlFormat((k) => k in value);
    } catch {
      // not parseable: look at the next line
    }
  }
  const firstLine = trimmed.split('\n', 1)[0] ?? '';
  return firstLine.startsWith('{') && !complete && lines.every((l) => l.trim() === '')
    ? jsonlFormat(keyRegex(firstLine))
    : undefined;
}
