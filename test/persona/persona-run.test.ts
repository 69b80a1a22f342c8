import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personaSetup } from '../../pipeline/persona/persona-context.js';
import { runPersonas } from '../../pipeline/persona/persona-run.js';
import { createPersonaPool } from '../../pipeline/persona/workers/persona-pool.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeDisclosureCorpus } from '../taxonomy/corpus.js';

/** A store with a taxonomy, and the persona setup over it. */
async function taxonomyStore() {
  const store = await tempStore();
  const config = testConfig({ ingest: { paths: [writeDisclosureCorpus(tempDir(), 60)] }, sample: { k: 40 } });
  await runStages(store, config, { until: 'cluster' });
  const setup = await personaSetup(store, config, 'test-run', 'sample');
  if (!setup.ok) throw new Error(setup.reason);
  return { store, setup };
}

describe('persona runs', () => {
  it('ranges concatenate: 0–4 then 4–10 is byte-identical to 0–10, and the store holds every index once', async () => {
    const { store, setup } = await taxonomyStore();
    const dir = tempDir();
    const file = (name: string) => join(dir, name);
    await runPersonas({ store, ctx: setup.ctx, start: 0, count: 4, jsonlPath: file('a.jsonl'), clear: 'range', chunkSize: 3 });
    await runPersonas({ store, ctx: setup.ctx, start: 4, count: 6, jsonlPath: file('b.jsonl'), clear: 'range', chunkSize: 3 });
    expect(await store.scalar('SELECT count(*) FROM personas')).toBe(10n);
    await runPersonas({ store, ctx: setup.ctx, start: 0, count: 10, jsonlPath: file('all.jsonl'), clear: 'range' });
    const read = (name: string) => readFileSync(file(name), 'utf8');
    expect(read('a.jsonl') + read('b.jsonl')).toBe(read('all.jsonl'));
    expect(read('all.jsonl').trimEnd().split('\n')).toHaveLength(10);
    expect(await store.scalar('SELECT count(*) FROM personas')).toBe(10n);
    expect(await store.scalar('SELECT count(DISTINCT persona_index) FROM personas')).toBe(10n);
  });

  it('worker threads give exactly the personas of one thread', async () => {
    const { store, setup } = await taxonomyStore();
    const dir = tempDir();
    await runPersonas({ store, ctx: setup.ctx, start: 0, count: 7, jsonlPath: join(dir, 'one.jsonl'), clear: 'all' });
    const pool = createPersonaPool(setup.poolContext, 2);
    try {
      await runPersonas({ store, ctx: setup.ctx, start: 0, count: 7, jsonlPath: join(dir, 'two.jsonl'), clear: 'all', pool, chunkSize: 4 });
    } finally {
      await pool.close();
    }
    const one = readFileSync(join(dir, 'one.jsonl'), 'utf8');
    expect(readFileSync(join(dir, 'two.jsonl'), 'utf8')).toBe(one);
    expect(one.trimEnd().split('\n')).toHaveLength(7);
  });
});
