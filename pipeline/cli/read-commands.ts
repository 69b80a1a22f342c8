import type { Command } from 'commander';
import { PipelineError } from '../core/errors.js';
import type { Store, MemorySettings } from '../store/store.js';
import { escapeControls } from '../core/terminal-text.js';
import type { CliContext, GlobalOptions } from './context.js';
import { DECLARED_OUTPUTS } from '../../stages/output-files.js';
import { join, resolve } from 'node:path';

// The store, the evaluation and the scrubber are imported by the actions, not here: the
// definitions load with `--help`, which must not load DuckDB (0.2 s) or the stages (over 1 s).

/** Read-only commands open the store in DuckDB's read-only mode: they can never change a row. */
export async function openReadOnly(dbPath: string, memory: MemorySettings = {}): Promise<Store> {
  const { Store } = await import('../store/store.js');
  try {
    return await Store.open(dbPath, { ...memory, readOnly: true });
  } catch (error) {
    if (error instanceof PipelineError && error.code === 'LOCKED') throw error;
    throw new PipelineError('INPUT', `no store at ${dbPath}`, 'run `npm start` (or `deeppersona run`) first, or pass --db');
  }
}

/** Runs `fn` on the store opened read-only, and always closes it. */
export async function withReadOnlyStore<T>(command: Command, fn: (store: Store, ctx: CliContext) => Promise<T>): Promise<T> {
  const { cliContext } = await import('./context.js');
  const ctx = cliContext(command.optsWithGlobals<GlobalOptions>());
  const store = await openReadOnly(ctx.dbPath, ctx.config.duckdb);
  try {
    return await fn(store, ctx);
  } finally {
    store.close();
  }
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('per-stage state, row counts and the last run')
    .action((_opts: object, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { printJson } = await import('./context.js');
        const { outputStatus } = await import('../runner/stage-outputs.js');
        const stages = await store.all(
          `SELECT stage, status, stage_key, stage_version, run_id, finished_at::VARCHAR AS finished_at, duration_ms, counts::VARCHAR AS counts
           FROM stage_runs QUALIFY row_number() OVER (PARTITION BY stage ORDER BY started_at DESC) = 1 ORDER BY started_at`,
        );
        const lastRun = await store.one(
          'SELECT run_id, command, status, started_at::VARCHAR AS started_at, finished_at::VARCHAR AS finished_at FROM runs ORDER BY started_at DESC LIMIT 1',
        );
        const tables = await store.tableCounts();
        // Files of each stage's newest done run, beside this store: `run` rewrites the missing ones.
        const files = await outputStatus(store, DECLARED_OUTPUTS, ctx.outputsDir);
        // A run or stage still marked running was killed (see shownStatus): JSON says so too, as "killed".
        const status = {
          db: ctx.dbPath, lastRun: lastRun ? { ...lastRun, status: jsonStatus(lastRun.status) } : null,
          stages: stages.map((s) => ({ ...s, status: jsonStatus(s.status), counts: JSON.parse(String(s.counts ?? '{}')), outputs: files.get(String(s.stage))?.outputs ?? [], missingOutputs: files.get(String(s.stage))?.missing ?? [] })),
          tables,
        };
        if (ctx.json) return printJson(status);
        const lines = [`store: ${ctx.dbPath}`, `last run: ${lastRun ? `${lastRun.run_id} (${lastRun.command}, ${shownStatus(lastRun.status)})` : 'none'}`];
        for (const s of stages) {
          const out = files.get(String(s.stage));
          const missing = out?.missing.length ? `; missing ${out.missing.join(', ')} (\`deeppersona run\` rewrites ${out.missing.length > 1 ? 'them' : 'it'} from the store)` : '';
          lines.push(`stage ${s.stage}: ${shownStatus(s.status)} v${s.stage_version} key ${String(s.stage_key).slice(0, 12)} at ${s.finished_at ?? '-'}${out ? `; outputs ${out.outputs.join(', ')}` : ''}${missing}`);
        }
        lines.push(`rows: ${Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ')}`);
        if (lines.some((l) => l.includes(KILLED))) lines.push(`${KILLED}: no process holds the store, so that run was killed; the next writing command marks it abandoned`);
        ctx.reporter.line(lines.join('\n'));
      }),
    );
}

/**
 * `status` opens the store only when no writer holds DuckDB's lock, so a run still marked running
 * was killed; the next writing command marks it abandoned (run-record.ts).
 */
export function shownStatus(status: unknown): string {
  return status === 'running' ? KILLED : String(status);
}

const KILLED = 'killed while running';

/** `status --json`'s word for a run left marked running: "killed", the same fact as the human line. */
export const jsonStatus = (status: unknown): unknown => (status === 'running' ? 'killed' : status);

export function registerSqlCommand(program: Command): void {
  program
    .command('sql')
    .description('run a read-only SQL query against the store, for auditing')
    .argument('<query>', 'SQL, e.g. "select count(*) from turns"')
    .action((query: string, _opts: object, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { printJson } = await import('./context.js');
        const { queryReadOnly, sandboxStore } = await import('../store/read-only-query.js');
        await sandboxStore(store);
        const rows = await queryReadOnly(store, query);
        if (ctx.json) return printJson(rows);
        await printTable(rows);
      }),
    );
}

async function printTable(rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return void process.stdout.write('(no rows)\n');
  const { scrubText } = await import('../privacy/scrub-output.js');
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) : String(v));
  const lines = [columns, ...rows.map((row) => columns.map((c) => cell(row[c])))].map((cells) => cells.map((c) => escapeControls(scrubText(c), { oneLine: true })).join('\t'));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerEvaluateCommand(program: Command): void {
  const evaluate = program
    .command('evaluate')
    .description('score our personas beside every comparison set (reconstructions, the authors\' released sets, --compare files), the taxonomy and extraction: the evaluations table and outputs/eval.json, where we lose first')
    .option('--reference <file>', "compare the taxonomy with a reference taxonomy (the authors' nested JSON)")
    .option('--out <file>', 'eval.json path (default: outputs/eval.json)')
    .option('--compare <file>', 'also score this persona file beside ours (JSON Lines, a JSON array of records, or the authors\' profile JSON); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (opts: { reference?: string; out?: string; compare: string[] }, command: Command) => {
      const { cliContext, printJson, withRun } = await import('./context.js');
      const { evaluateAndWrite, formatEvaluation } = await import('../evaluate/write-evaluation.js');
      const base = cliContext(command.optsWithGlobals<GlobalOptions>());
      const compare = [...base.config.evaluate.compare, ...opts.compare.map((f) => resolve(f))];
      const config = { ...base.config, evaluate: { ...base.config.evaluate, compare, ...(opts.reference ? { reference: resolve(opts.reference) } : {}) } };
      const file = resolve(opts.out ?? join(base.outputsDir, 'eval.json'));
      const { result } = await withRun({ ...base, config }, 'evaluate', (store, manifest) => evaluateAndWrite(store, config, manifest.runId, file));
      if (base.json) return printJson(result.evaluation);
      base.reporter.line(`${formatEvaluation(result.evaluation)}\n\n${file}`);
    });
  evaluate
    .command('extraction')
    .description('score stored mentions against PrefEval ground truth (persona and preference), per topic')
    .action((_opts: object, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { printJson } = await import('./context.js');
        const { formatQuality, measureExtractionQuality } = await import('../evaluate/extraction-quality.js');
        const quality = await measureExtractionQuality(store);
        if (quality.overall.conversations === 0) {
          throw new PipelineError('INPUT', 'no PrefEval persona-driven conversations in the store', 'ingest data/prefeval and run the extract stage first (npm start)');
        }
        if (ctx.json) return printJson(quality);
        ctx.reporter.line(formatQuality(quality));
      }),
    );
}
