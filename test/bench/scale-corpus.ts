import { createReadStream, createWriteStream, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SourceTurn } from '../../pipeline/ingest/read-source.js';
import { adaptPrefEval } from '../../pipeline/ingest/adapters/prefeval.js';
import { adaptPuffin } from '../../pipeline/ingest/adapters/puffin.js';
import { personaRng, uniform, type RandomGenerator } from '../../pipeline/persona/rng.js';

/**
 * Corpora for the scale bench, both chat-jsonl and seeded (same times, same bytes):
 * - `selfDisclosures`: 20,000 × times one-turn conversations of six short self-disclosures whose
 *   values are made-up three-syllable words (issue 11's reproduction): nearly every value is new,
 *   so value vocabularies grow with the corpus.
 * - `recombinedChat`: the bundled corpus (Puffin prompts and PrefEval conversations) recombined
 *   `times` over: each conversation keeps an original's number of exchanges, each exchange (a user
 *   turn and the assistant turns after it) drawn from the whole pool, so turns and lengths stay
 *   realistic while no conversation repeats.
 */
export const SELF_DISCLOSURES_PER_TIME = 20_000;

const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';
const below = (rng: RandomGenerator, n: number) => Math.floor(uniform(rng) * n);
const syllable = (rng: RandomGenerator) => CONSONANTS[below(rng, CONSONANTS.length)]! + VOWELS[below(rng, VOWELS.length)]!;
const madeUpWord = (rng: RandomGenerator) => syllable(rng) + syllable(rng) + syllable(rng);

export async function writeSelfDisclosures(file: string, times: number, seed = 42): Promise<number> {
  const out = createWriteStream(file);
  const n = SELF_DISCLOSURES_PER_TIME * times;
  for (let i = 0; i < n; i++) {
    const rng = personaRng(seed, i, 'scale-self-disclosures');
    const w = () => madeUpWord(rng);
    const place = w();
    const content = `I am a ${w()}. I live in ${place[0]!.toUpperCase()}${place.slice(1)}. I love ${w()}. I enjoy ${w()}. I have a ${w()}. I hate ${w()}.`;
    await write(out, `${JSON.stringify({ id: String(i), messages: [{ role: 'user', content }] })}\n`);
  }
  await close(out);
  return n;
}

type Exchange = SourceTurn[];

/** The bundled conversations, each as its exchanges (a user turn and the non-user turns after it). */
async function bundledConversations(dataDir: string): Promise<Exchange[][]> {
  const conversations: Exchange[][] = [];
  const add = (turns: SourceTurn[]) => {
    const exchanges: Exchange[] = [];
    for (const turn of turns) {
      if (turn.role === 'user' || exchanges.length === 0) exchanges.push([turn]);
      else exchanges[exchanges.length - 1]!.push(turn);
    }
    if (exchanges.length) conversations.push(exchanges);
  };
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(join(dataDir, 'puffin', 'puffin-human-prompts.jsonl')) })) {
    const result = adaptPuffin(JSON.parse(text), { line: ++line, index: line - 1, topic: 'puffin' });
    if (result.ok) add(result.turns);
  }
  const prefeval = join(dataDir, 'prefeval', 'benchmark_dataset', 'implicit_preference');
  for (const variant of readdirSync(prefeval).sort()) {
    for (const file of readdirSync(join(prefeval, variant)).sort()) {
      const records = JSON.parse(readFileSync(join(prefeval, variant, file), 'utf8')) as unknown[];
      records.forEach((record, index) => {
        const result = adaptPrefEval(record, { line: index + 1, index, topic: basename(file, '.json') });
        if (result.ok) add(result.turns);
      });
    }
  }
  return conversations;
}

export async function writeRecombinedChat(file: string, dataDir: string, times: number, seed = 42): Promise<number> {
  const conversations = await bundledConversations(dataDir);
  const pool = conversations.flat();
  const out = createWriteStream(file);
  let turns = 0;
  for (let copy = 0; copy < times; copy++) {
    for (const [j, original] of conversations.entries()) {
      const rng = personaRng(seed, copy * conversations.length + j, 'scale-recombined');
      const messages = original.flatMap(() => pool[below(rng, pool.length)]!).map((t) => ({ role: t.role, content: t.text }));
      turns += messages.length;
      await write(out, `${JSON.stringify({ id: `${copy}-${j}`, messages })}\n`);
    }
  }
  await close(out);
  return turns;
}

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

const close = (out: WriteStream) => new Promise<void>((resolve, reject) => out.on('error', reject).end(() => resolve()));
