import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/core/errors.js';
import { openSource, type OpenSourceOptions, type ParsedRecord } from '../../pipeline/ingest/read-source.js';

const FIX = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));

async function read(name: string, opts: Partial<OpenSourceOptions> = {}): Promise<ParsedRecord[]> {
  const source = await openSource(join(FIX, name), { format: 'auto', ...opts });
  const out: ParsedRecord[] = [];
  for await (const r of source.records()) out.push(r);
  return out;
}
/** [line, externalId or reason] per record: the whole outcome of a file at a glance. */
const outcome = (records: ParsedRecord[]) => records.map((r) => [r.line, r.ok ? r.externalId : r.reason]);

describe('openSource on real samples', () => {
  it('reads Puffin human turns verbatim as one-turn conversations', async () => {
    const source = await openSource(join(FIX, 'puffin-prompts.jsonl'), { format: 'auto' });
    expect([source.adapter, source.license, source.isSynthetic]).toEqual(['puffin', 'Apache-2.0', false]);
    const records = await read('puffin-prompts.jsonl');
    const lines = readFileSync(join(FIX, 'puffin-prompts.jsonl'), 'utf8').trimEnd().split('\n');
    expect(records).toEqual(lines.map((l, i) => {
      const src = JSON.parse(l) as { prompt_index: number; value: string };
      return { ok: true, line: i + 1, index: i, externalId: `prompt:${i + 1}`, turns: [{ role: 'user', text: src.value }], meta: { prompt_index: src.prompt_index } };
    }));
  });

  it('reads PrefEval persona-driven records with every pair in order', async () => {
    const source = await openSource(join(FIX, 'prefeval-persona/education_learning_styles.json'), { format: 'auto' });
    expect([source.adapter, source.license, source.isSynthetic]).toEqual(['prefeval', 'CC BY-NC 4.0', true]);
    const records = await read('prefeval-persona/education_learning_styles.json');
    const src = JSON.parse(readFileSync(join(FIX, 'prefeval-persona/education_learning_styles.json'), 'utf8')) as {
      persona: string; conversation: Record<string, { user: string; assistant: string }>;
    }[];
    expect(records).toHaveLength(5);
    records.forEach((r, i) => {
      if (!r.ok) throw new Error(r.reason);
      expect(r.externalId).toBe(`persona-driven/education_learning_styles/${i}`);
      expect(r.turns.map((t) => t.text)).toEqual(Object.values(src[i]!.conversation).flatMap((p) => [p.user, p.assistant]));
      expect(r.meta).toMatchObject({ persona: src[i]!.persona, topic: 'education_learning_styles', record_index: i, variant: 'persona-driven' });
      expect(Object.keys(r.meta).sort()).toEqual(['explanation', 'persona', 'preference', 'question', 'record_index', 'topic', 'variant']);
    });
    expect(records.map((r) => r.line)).toEqual([2, 34, 62, 90, 118]);
  });

  it('reads PrefEval choice-based records as four turns', async () => {
    const records = await read('prefeval-choice/pet_ownership.json');
    expect(outcome(records).map(([, id]) => id)).toEqual([0, 1, 2].map((i) => `choice-based/pet_ownership/${i}`));
    const first = records[0]!;
    if (!first.ok) throw new Error(first.reason);
    expect(first.turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(first.meta).toMatchObject({ variant: 'choice-based', aligned_op: (first.meta.options as string[])[0] });
  });
});

describe('openSource rejections (one ParsedRecord per record read)', () => {
  it('malformed JSON', async () => {
    const out = outcome(await read('bad-malformed.jsonl'));
    expect(out.map(([l, r]) => [l, String(r).replace(/:.*/, '')])).toEqual([[1, '1'], [2, 'malformed JSON'], [3, '2'], [4, 'malformed JSON']]);
  });

  it('wrong shape', async () => {
    expect(outcome(await read('bad-shape.jsonl'))).toEqual([
      [1, '1'],
      [2, 'wrong shape: missing "conversations" array'],
      [3, 'wrong shape: turn 2 has unknown "from" "robot"'],
      [4, 'wrong shape: expected a JSON object'],
      [5, 'wrong shape: turn 1 "value" is not a string'],
      [6, '2'],
    ]);
  });

  it('empty and whitespace-only turns, and no turns at all', async () => {
    expect(outcome(await read('bad-empty-turn.jsonl'))).toEqual([[1, '1'], [2, 'empty turn 2 (assistant)'], [3, 'empty turn 1 (user)'], [4, 'no turns'], [5, '2']]);
  });

  it('turns over maxTurnBytes, counted in UTF-8 bytes (exactly at the limit passes)', async () => {
    expect(outcome(await read('bad-oversize-turn.jsonl', { maxTurnBytes: 40 }))).toEqual([[1, '1'], [2, 'turn 2 is 60 bytes, over maxTurnBytes 40'], [3, '4'], [4, '2']]);
  });

  it('duplicate ids keep the first accepted occurrence', async () => {
    const records = await read('bad-duplicate.jsonl');
    expect(outcome(records)).toEqual([
      [1, '17'], [2, '1'],
      [3, 'duplicate conversation id "17" (first at line 1)'],
      [4, 'duplicate conversation id "17" (first at line 1)'],
      [5, 'empty turn 1 (user)'],
      [6, '18'],
    ]);
    expect(records[2]).toMatchObject({ excerpt: '{"id":17,"conversations":[{"from":"human","value":"second"}]}' });
  });

  it('invalid UTF-8 costs only its own line', async () => {
    const records = await read('bad-utf8.jsonl');
    expect(outcome(records)).toEqual([[1, '1'], [2, 'invalid UTF-8'], [3, 'invalid UTF-8'], [4, '5']]);
    expect(records[3]).toMatchObject({ turns: [{ role: 'user', text: 'naïve café ☕ 😀' }] });
  });

  it('CRLF endings and blank lines: blanks are not records, text is kept exactly', async () => {
    const records = await read('crlf.jsonl');
    expect(outcome(records)).toEqual([[2, '1'], [5, '3'], [6, '2']]);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(records[1]).toMatchObject({ turns: [{ role: 'user', text: '  line one\r\nline two  ' }] });
  });

  it('chat JSONL with aliases, bad shapes and duplicates; license comes from the caller', async () => {
    expect(outcome(await read('chat.jsonl'))).toEqual([
      [1, 'a1'], [2, 'line:2'],
      [3, 'wrong shape: turn 1 "content" is not a string'],
      [4, 'wrong shape: turn 1 has unknown role "tool"'],
      [5, 'wrong shape: "meta" is not an object'],
      [6, 'duplicate conversation id "a1" (first at line 1)'],
    ]);
    expect((await openSource(join(FIX, 'chat.jsonl'), { format: 'auto' })).license).toBe('unknown');
    expect((await openSource(join(FIX, 'chat.jsonl'), { format: 'auto', license: 'CC-BY-4.0' })).license).toBe('CC-BY-4.0');
  });

  it('bad elements in a JSON array, with unique indexes', async () => {
    const records = await read('bad-elements.json', { format: 'prefeval' });
    expect(outcome(records).map(([l, r]) => [l, String(r).replace(/^malformed JSON:.*/, 'malformed JSON')])).toEqual([
      [2, 'persona-driven/bad-elements/0'],
      [17, 'malformed JSON'],
      [18, 'invalid UTF-8'],
      [19, 'wrong shape: "conversation" keys are not "0","1",…'],
      [20, 'empty turn 2 (assistant)'],
      [21, 'wrong shape: expected a JSON object'],
      [22, 'persona-driven/bad-elements/6'],
    ]);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a truncated JSON array rejects its last element', async () => {
    expect(outcome(await read('truncated.json'))).toEqual([[2, 'persona-driven/truncated/0'], [17, 'truncated JSON: file ends before the array closes']]);
  });

  it('can be read twice with the same result', async () => {
    const source = await openSource(join(FIX, 'bad-duplicate.jsonl'), { format: 'puffin' });
    const twice: ParsedRecord[][] = [[], []];
    for (const out of twice) for await (const r of source.records()) out.push(r);
    expect(twice[1]).toEqual(twice[0]);
  });
});

describe('openSource file-level errors', () => {
  const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof PipelineError ? `${e.code}: ${e.message}` : String(e)));

  it('missing file, directory, undetectable format, unknown format name', async () => {
    expect(await code(openSource('/nonexistent/x.jsonl', { format: 'auto' }))).toBe('INPUT: /nonexistent/x.jsonl: no such file');
    expect(await code(openSource(FIX, { format: 'auto' }))).toMatch(/^INPUT: .*not a regular file/);
    expect(await code(openSource(join(FIX, 'undetectable.jsonl'), { format: 'auto' }))).toMatch(/^INPUT: .*cannot detect the input format/);
    expect(await code(openSource(join(FIX, 'chat.jsonl'), { format: 'csv' as 'auto' }))).toMatch(/^USAGE: unknown format "csv"/);
  });

  it('a forced format reads what detection would not', async () => {
    expect(outcome(await read('undetectable.jsonl', { format: 'chat-jsonl' }))).toEqual([[1, 'wrong shape: missing "messages" or "turns" array'], [2, 'no turns']]);
  });
});
