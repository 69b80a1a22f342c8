import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Self-disclosures a real chat corpus repeats across people; each appears in several conversations. */
const DISCLOSURES = [
  "I'm a nurse", 'i work as a teacher', 'I work at a bank', "im a software engineer", 'I have two dogs', 'i have a cat .',
  'I live in Oslo', "I'm from Toronto", 'I love hiking', 'i dont drink coffee', "I'm vegan", "I'm allergic to peanuts",
  'my husband is a chef', 'I have three kids', 'my daughter is 5', 'I study biology', 'I graduated from MIT', 'I believe in karma',
  'I watch a lot of anime', 'my favourite show is The Office', 'I usually run in the morning', "I'm 34", 'I speak Spanish',
  "I can't stand jazz", 'I love reading mystery novels', 'I play guitar', 'I enjoy cooking Italian food', 'I go to the gym every day',
];

/**
 * Writes a chat-jsonl corpus of `count` conversations, each mixing a few disclosures chosen by a
 * fixed stride (no randomness), so the taxonomy has support across conversations.
 */
export function writeDisclosureCorpus(dir: string, count: number, offset = 0, name = 'people.jsonl'): string {
  const lines: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    const picks = [0, 7, 13].map((stride) => DISCLOSURES[(i * 5 + stride) % DISCLOSURES.length]!);
    lines.push(JSON.stringify({ id: `p${i}`, messages: [{ role: 'user', content: `Hi! ${picks.join('. ')}. Can you help me plan my week?` }, { role: 'assistant', content: 'Sure.' }] }));
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
