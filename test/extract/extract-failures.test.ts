import { describe, expect, it, vi } from 'vitest';
import { EXIT_CODES, PipelineError } from '../../pipeline/core/errors.js';
import type { Conversation } from '../../pipeline/core/types.js';
import { extractOrFailure, failureReason, withTurn, type ExtractionFailure } from '../../pipeline/extract/extraction-error.js';
import type { Store } from '../../pipeline/store/store.js';
import { runStages, testConfig } from '../helpers/pipeline.js';
import { tempStore } from '../helpers/store.js';
import { chat, corpus } from '../helpers/chat-corpus.js';

// The real heuristic extractor, made to throw inside one turn: the tagger fails on any turn
// containing KABOOM while `boom.on` holds (as the span-text crash did on "i usually hike").
const boom = vi.hoisted(() => ({ on: true }));
vi.mock('../../pipeline/extractors/heuristic/tokens.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../pipeline/extractors/heuristic/tokens.js')>();
  return {
    ...real,
    tokenise: (text: string) => {
      if (boom.on && text.includes('KABOOM')) throw new TypeError('kaboom in the tagger');
      return real.tokenise(text);
    },
  };
});


const JOBS = ['nurse', 'teacher', 'plumber', 'pharmacist', 'chef', 'pilot', 'lawyer', 'baker'];

/** The conversation and turn that hold KABOOM. */
const kaboomTurn = (store: Store) =>
  store.one<{ conversation_id: string; turn_id: string }>("SELECT conversation_id, turn_id FROM turns WHERE text LIKE '%KABOOM%'");

describe('extract stage: an extractor exception fails one conversation, not the run', () => {
  it('records the turn, keeps every other conversation, ends partial, and the next run retries only that one', async () => {
    boom.on = true;
    const store = await tempStore();
    // 25 conversations, one throwing: 1/25 = 0.04 stays under the default extract.maxFailureRate 0.05.
    const lines = Array.from({ length: 24 }, (_, i) => chat(`c${i}`, `i'm a ${JOBS[i % JOBS.length]} and i live in Oslo`, 'nice'));
    lines.push(chat('bad', 'I live in Bergen', 'ok', 'i love KABOOM music and i have two dogs'));
    const config = testConfig({ ingest: { paths: [corpus(lines)] } });

    const first = await runStages(store, config, { until: 'extract' });
    const stage = first.stages.find((s) => s.stage === 'extract')!;
    expect(stage).toMatchObject({ status: 'partial', counts: { conversations: 24, erroredConversations: 1 } });
    expect(stage.summary).toMatch(/1 conversations failed in the extractor \(see failures\) and will be retried next run/);

    const bad = (await kaboomTurn(store))!;
    const failures = await store.all<{ stage: string; item_key: string; reason: string }>('SELECT stage, item_key, reason FROM failures');
    expect(failures).toEqual([{ stage: 'extract', item_key: `${bad.conversation_id}/${bad.turn_id}`, reason: expect.stringMatching(/^heuristic@\w+ threw TypeError: kaboom in the tagger \(at .*extract-failures\.test\.ts/) }]);
    // Not marked done, and none of its mentions kept (its first turn's "Bergen" included).
    expect(await store.scalar('SELECT count(*) FROM extracted_conversations WHERE conversation_id = $1', [bad.conversation_id])).toBe(0n);
    expect(await store.scalar('SELECT count(*) FROM mentions WHERE conversation_id = $1', [bad.conversation_id])).toBe(0n);
    expect(await store.scalar('SELECT count(DISTINCT conversation_id) FROM mentions')).toBe(24n);

    boom.on = false;
    const second = await runStages(store, config, { until: 'extract' });
    expect(second.stages.find((s) => s.stage === 'extract')).toMatchObject({ status: 'done', counts: { conversations: 1, erroredConversations: 0 } });
    const values = await store.all<{ value: string }>('SELECT value FROM mentions WHERE conversation_id = $1', [bad.conversation_id]);
    expect(values.map((v) => v.value)).toContain('Bergen');
    expect(await store.scalar('SELECT count(*) FROM extracted_conversations')).toBe(25n);
  });

  it('fails the stage (exit code 4) above extract.maxFailureRate, with no LLM configured, keeping what did extract', async () => {
    boom.on = true;
    const store = await tempStore();
    const lines = [chat('good', "i'm a nurse"), ...['x', 'y', 'z'].map((id) => chat(id, `i'm a KABOOM ${id}`))];
    const config = testConfig({ ingest: { paths: [corpus(lines)] } });
    const error = await runStages(store, config, { until: 'extract' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'STAGE_FAILED', message: 'extract: the extractor threw on 3 of 4 conversations, above extract.maxFailureRate 0.05' });
    expect(EXIT_CODES[(error as PipelineError).code]).toBe(4);
    expect(await store.scalar("SELECT count(*) FROM failures WHERE stage = 'extract'")).toBe(3n);
    expect(await store.scalar("SELECT status FROM stage_runs WHERE stage = 'extract'")).toBe('failed');
    expect((await store.all<{ value: string }>('SELECT value FROM mentions')).map((m) => m.value)).toEqual(['nurse']);
  });
});

describe('extractOrFailure', () => {
  const conversation: Conversation = {
    conversationId: 'conv_1', sourceId: 's', externalId: 'x', meta: {},
    turns: [{ turnId: 'turn_1', conversationId: 'conv_1', turnIndex: 0, role: 'user', text: 'hi' }],
  };

  it('keys a conversation-level throw by the conversation, an async per-turn throw by conversation/turn', async () => {
    const whole = { id: 'x@1', extract: async () => Promise.reject(new Error('window broke')) };
    expect(await extractOrFailure(whole, conversation)).toMatchObject({ conversationId: 'conv_1', message: 'window broke', itemKey: 'conv_1' });
    const perTurn = {
      id: 'x@1',
      extract: async (c: Conversation) => {
        await Promise.all(c.turns.map((t) => withTurn(t, async () => { throw new RangeError('pair broke'); })));
        return { mentions: [], ungrounded: 0 };
      },
    };
    const failure = await extractOrFailure(perTurn, conversation);
    expect(failure).toMatchObject({ conversationId: 'conv_1', turnId: 'turn_1', message: 'RangeError: pair broke', itemKey: 'conv_1/turn_1' });
    expect(failureReason('x@1', failure as ExtractionFailure)).toMatch(/^x@1 threw RangeError: pair broke \(at .+extract-failures\.test\.ts:\d+:\d+\)$/);
  });
});
