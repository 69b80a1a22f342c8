import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/core/errors.js';
import { collectInputs } from '../../pipeline/ingest/collect-inputs.js';
import { sourcePathKey } from '../../pipeline/ingest/source-id.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { runPipeline } from '../../pipeline/runner/run-pipeline.js';
import { startRun } from '../../pipeline/runner/run-record.js';
import { ALL_STAGES } from '../../stages/index.js';
import { testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const record = `${JSON.stringify({ id: '1', messages: [{ role: 'user', content: 'I am a nurse' }] })}\n`;

/** A folder with one good file and one of each kind a user may drop in by mistake. */
function folder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  const files: Record<string, string | Buffer> = {
    'ok.jsonl': record,
    'empty.jsonl': '',
    'sub/spaces.jsonl': ' \n\n',
    'zipped.jsonl': gzipSync(record),
    'corpus.jsonl.gz': gzipSync(record),
    'image.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'utf16.jsonl': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(record, 'utf16le')]),
    'other.json': '{"foo": 1}\n',
    'notes.txt': 'not a corpus, not listed',
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

const EXPECTED = [
  ['corpus.jsonl.gz', 'compressed: decompress it first'],
  ['empty.jsonl', 'empty file'],
  ['image.json', 'binary, not UTF-8 text'],
  ['other.json', 'not Puffin, PrefEval or chat-jsonl records; --format forces one'],
  ['sub/spaces.jsonl', 'only whitespace'],
  ['utf16.jsonl', 'UTF-16 text: convert it to UTF-8 first'],
  ['zipped.jsonl', 'gzip-compressed: decompress it first'],
];

describe('files skipped in a folder', () => {
  it('each comes with the reason it was not ingested', async () => {
    const dir = folder();
    const { files, skipped } = await collectInputs([dir], 'auto');
    expect(files).toEqual([join(dir, 'ok.jsonl')]);
    expect(skipped.map((s) => [s.path.slice(dir.length + 1), s.reason])).toEqual(EXPECTED);
  });

  it('are listed with path and reason in the human summary, not only counted', async () => {
    const dir = folder();
    const store = await tempStore();
    const config = testConfig({ ingest: { paths: [dir] } });
    const reporter = createMemoryReporter();
    const manifest = await startRun(store, 'test', config);
    await runPipeline({ store, config, stages: ALL_STAGES, manifest, reporter, outputsDir: tempDir(), until: 'ingest' });
    expect(reporter.lines.slice(0, EXPECTED.length)).toEqual(EXPECTED.map(([name, reason]) => `ingest: skipped ${sourcePathKey(join(dir, name!))} (${reason})`));
    expect(reporter.lines[EXPECTED.length]).toMatch(/^ingest: 1 files .*1 stored.*; 7 files skipped \(/);
    expect(manifest.stages[0]!.counts.filesSkipped).toBe(7);
  });

  it('a folder with nothing ingestible says why in its one-line error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '');
    writeFileSync(join(dir, 'b.jsonl'), gzipSync(record));
    const error = await collectInputs([dir], 'auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as Error).message).toBe(
      `${dir}: nothing ingestible (no .json/.jsonl file that an adapter recognises; skipped ${join(dir, 'a.jsonl')}: empty file; ${join(dir, 'b.jsonl')}: gzip-compressed: decompress it first)`,
    );
  });
});
