import { open } from 'node:fs/promises';
import { decodeUtf8 } from './line-reader.js';

const PEEK_BYTES = 4096;

/** Magic numbers of the archives a corpus is usually shipped in. */
const COMPRESSED: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
];

/**
 * Why a file in a folder was not ingested, in words that say what to do. Called only for files
 * no adapter recognised, so the last answer is the generic one.
 */
export async function skipReason(path: string): Promise<string> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    head = buf.subarray(0, (await handle.read(buf, 0, PEEK_BYTES, 0)).bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return 'empty file';
  const archive = COMPRESSED.find(([, magic]) => magic.every((b, i) => head[i] === b));
  if (archive) return `${archive[0]}-compressed: decompress it first`;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'UTF-16 text: convert it to UTF-8 first';
  // The peek may end inside a multi-byte character, so up to 3 trailing bytes may be cut.
  const text = [0, 1, 2, 3].map((cut) => decodeUtf8(head.subarray(0, head.length - cut))).find((t) => t !== undefined);
  if (text === undefined || text.includes('\u0000')) return 'binary, not UTF-8 text';
  if (text.trim() === '' && head.length < PEEK_BYTES) return 'only whitespace';
  return 'not Puffin, PrefEval or chat-jsonl records; --format forces one';
}
