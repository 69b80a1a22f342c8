import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../pipeline/ingest/detect-format.js';

const FIX = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'detect-format-'));
const file = (name: string, data: string): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('detectFormat', () => {
  it.each([
    ['puffin-prompts.jsonl', 'puffin'],
    ['bad-shape.jsonl', 'puffin'],
    ['crlf.jsonl', 'puffin'],
    ['bad-utf8.jsonl', 'puffin'],
    ['chat.jsonl', 'chat-jsonl'],
    ['prefeval-persona/education_learning_styles.json', 'prefeval'],
    ['prefeval-choice/pet_ownership.json', 'prefeval'],
    ['truncated.json', 'prefeval'],
    ['undetectable.jsonl', undefined],
  ])('%s → %s', async (name, expected) => {
    expect(await detectFormat(join(FIX, name))).toBe(expected);
  });

  it('skips unparseable first lines and uses the first object', async () => {
    expect(await detectFormat(file('a.jsonl', 'not json\n\n{"turns": []}\n'))).toBe('chat-jsonl');
    expect(await detectFormat(file('b.jsonl', '\uFEFF{"messages": []}\n'))).toBe('chat-jsonl');
  });

  it('falls back to key names when the first record is longer than the peek', async () => {
    const long = 'x'.repeat(100_000);
    expect(await detectFormat(file('c.jsonl', `{"id": 1, "conversations": [{"from": "human", "value": "${long}"}]}\n`))).toBe('puffin');
    expect(await detectFormat(file('d.json', `[{"preference": "p", "conversation": {"0": {"user": "${long}"}}}]`))).toBe('prefeval');
  });

  it('returns undefined for other JSON and non-JSON', async () => {
    expect(await detectFormat(file('e.json', '[{"conversations": []}]'))).toBeUndefined();
    expect(await detectFormat(file('f.json', '[1, 2]'))).toBeUndefined();
    expect(await detectFormat(file('g.json', '{\n  "conversation": {},\n  "persona": "x"\n}\n'))).toBeUndefined();
    expect(await detectFormat(file('h.txt', 'hello\nworld\n'))).toBeUndefined();
    expect(await detectFormat(file('i.jsonl', ''))).toBeUndefined();
  });
});
