import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** One chat-jsonl line: turns alternate user, assistant, user, … */
export const chat = (id: string, ...texts: string[]): string =>
  JSON.stringify({ id, messages: texts.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })) });

/** A chat-jsonl file of these lines in a fresh temp folder. */
export function corpus(lines: string[]): string {
  const file = join(tempDir(), 'chat.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
