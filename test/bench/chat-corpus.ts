import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

const WORDS = (
  'i am a the my and to of in it you that is was for on with have this but not be at they so what ' +
  'love work home family dog cat music jazz coffee city garden teacher nurse engineer weekend book ' +
  'travel running cooking piano school kids partner morning night movie game friend weather rain ' +
  'think really like would could maybe because always never usually sometimes hard easy new old ' +
  'café naïve 東京 😀 "quoted" back\\slash'
).split(' ');
const OPENERS = ['I am a', 'I love', 'My favorite is', 'I live in', 'I work as a', 'Can you help me with', 'I hate'];

/** Deterministic uniform integers in [min, max] (mulberry32): fast enough for 500 MB, no Math.random. */
function seededInt(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
  };
}

/**
 * Writes a chat-jsonl corpus of about `bytes` bytes: multi-turn conversations (1–4 exchanges,
 * short user turns, longer assistant turns, a small `meta` on a third of them, a little non-ASCII),
 * the same file for the same seed. Returns the conversation and turn counts.
 */
export async function writeChatCorpus(path: string, bytes: number, seed = 11): Promise<{ conversations: number; turns: number }> {
  const int = seededInt(seed);
  const words = (n: number) => {
    let text = WORDS[int(0, WORDS.length - 1)]!;
    for (let i = 1; i < n; i++) text += ` ${WORDS[int(0, WORDS.length - 1)]}`;
    return text;
  };
  const out = createWriteStream(path);
  let written = 0;
  let conversations = 0;
  let turns = 0;
  while (written < bytes) {
    let block = '';
    while (block.length < 1 << 20) {
      const messages = [];
      for (let exchange = int(1, 4); exchange > 0; exchange--) {
        messages.push({ role: 'user', content: `${OPENERS[int(0, OPENERS.length - 1)]} ${words(int(3, 40))}.` });
        messages.push({ role: 'assistant', content: `${words(int(20, 120))}.` });
      }
      const record: Record<string, unknown> = { id: `c${conversations}`, messages };
      if (int(0, 2) === 0) record.meta = { lang: 'en', model: `m${int(1, 5)}`, rating: int(1, 5) };
      block += `${JSON.stringify(record)}\n`;
      conversations++;
      turns += messages.length;
    }
    written += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
  return { conversations, turns };
}
