import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { PipelineError } from '../core/errors.js';
import type { PersonaExportFormat } from '../persona/persona-export.js';
import type { GlobalOptions } from './context.js';
import { PERSONA_EXPORT_FORMATS } from '../persona/persona-export-formats.js';
import { withReadOnlyStore } from './read-commands.js';

// The persona engine, the store and the printer are imported by the actions, not here: the
// definitions load with `--help`, which must not load DuckDB.
const personaEngine = async () => ({
  ...(await import('../core/hash.js')),
  ...(await import('../persona/persona-context.js')),
  ...(await import('../persona/persona-run.js')),
  ...(await import('../persona/workers/persona-pool.js')),
  ...(await import('./context.js')),
});

// Flag values are checked with PipelineError, not commander's InvalidArgumentError: commander
// would print two lines (its error and a help pointer); user errors print one (see main.ts).
const count = (flag: string, min: number) => (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new PipelineError('USAGE', `${flag} must be an integer ≥ ${min}, got "${v}"`, `e.g. ${flag} ${Math.max(min, 1) * 10}`);
  return Number(v);
};

const ANCHOR_KEYS = ['country', 'age', 'sex'] as const;
type AnchorOverrides = Config['sample']['anchors'];

/** `--anchor country=CA --anchor age=30-45` → { country: 'CA', age: '30-45' } (checked by the sampler). */
function collectAnchor(pair: string, previous: AnchorOverrides = {}): AnchorOverrides {
  const match = /^(\w+)=(.+)$/.exec(pair.trim());
  const example = 'e.g. --anchor country=CA --anchor age=30-45 --anchor sex=female';
  if (!match) throw new PipelineError('USAGE', `invalid anchor "${pair}"`, `give key=value with a key of ${ANCHOR_KEYS.join(', ')}, ${example}`);
  const key = match[1] as (typeof ANCHOR_KEYS)[number];
  if (!ANCHOR_KEYS.includes(key)) throw new PipelineError('USAGE', `unknown anchor "${match[1]}"`, `anchors are ${ANCHOR_KEYS.join(', ')}, ${example}`);
  const value = match[2]!.trim();
  if (key === 'sex' && value !== 'female' && value !== 'male') throw new PipelineError('USAGE', `invalid anchor sex=${value}`, 'use sex=female or sex=male');
  return { ...previous, [key]: value };
}

export function registerPersonaCommands(program: Command): void {
  const personas = program.command('personas').description('generate, inspect and export personas of the current taxonomy');

  personas
    .command('generate')
    .description('generate personas [start, start + n) of a seed; with --anchor, a separate set with those anchors fixed')
    .requiredOption('-n, --count <n>', 'personas to generate', count('-n', 1))
    .option('--start <i>', 'first persona index (ranges concatenate: 0-99 then 100-199 = 0-199)', count('--start', 0), 0)
    .option('--seed <s>', 'run seed (default: the config seed)', count('--seed', 0))
    .option('--anchor <key=value>', 'fix an anchor for every persona: country=CA, age=30-45, sex=female (repeatable)', collectAnchor)
    .option('--out <file>', 'JSONL output (default: outputs/personas-<seed>[-<anchors>]-<start>-<end>.jsonl)')
    .action(async (opts: { count: number; start: number; seed?: number; anchor?: AnchorOverrides; out?: string }, command: Command) => {
      const { canonicalJson, personaSetup, personaThreads, runPersonas, createPersonaPool, cliContext, printJson, withRun } = await personaEngine();
      const base = cliContext(command.optsWithGlobals<GlobalOptions>());
      const anchors = { ...base.config.sample.anchors, ...opts.anchor };
      const config = { ...base.config, seed: opts.seed ?? base.config.seed, sample: { ...base.config.sample, anchors } };
      const variant = opts.anchor ? canonicalJson(anchors) : '';
      const tag = opts.anchor ? `-${Object.entries(anchors).map(([k, v]) => `${k}_${v}`).join('-').replace(/[^\w.-]+/g, '_')}` : '';
      const file = resolve(opts.out ?? join(base.outputsDir, `personas-${config.seed}${tag}-${opts.start}-${opts.start + opts.count}.jsonl`));
      const { result, manifestPath } = await withRun({ ...base, config }, 'personas generate', async (store, manifest) => {
        const setup = await personaSetup(store, config, manifest.runId, 'sample');
        if (!setup.ok) throw new PipelineError('INPUT', `cannot generate personas: ${setup.reason}`, 'run `npm start` (or `deeppersona run --until cluster`) first');
        const ctx = { ...setup.ctx, variant };
        const threads = personaThreads(config, opts.count);
        const pool = threads > 1 ? createPersonaPool({ ...setup.poolContext, variant }, threads) : undefined;
        const bar = base.reporter.progress('personas', opts.count);
        try {
          const counts = await runPersonas({ store, ctx, start: opts.start, count: opts.count, jsonlPath: file, clear: 'range', llm: setup.llm, pool, onChunk: (done) => bar.update(done) });
          setup.llm?.checkFailureRate();
          return { ...counts, ...(setup.llm?.counts() ?? {}), taxonomyVersion: ctx.taxonomyVersion, file };
        } finally {
          bar.stop();
          await pool?.close();
        }
      });
      if (base.json) return printJson(result);
      const mean = result.personas ? (result.attributes / result.personas).toFixed(1) : '0';
      base.reporter.line(`${result.personas} personas (indices ${opts.start}-${opts.start + opts.count - 1}, seed ${config.seed}, taxonomy v${result.taxonomyVersion}): ` +
        `${mean} attributes each, ${result.personasWithViolations} with remaining violations\n${file}\nmanifest: ${manifestPath}`);
    });

  personas
    .command('show')
    .description('a persona card: anchors, summary, and every attribute with its taxonomy path, node and one evidence quote (file:line)')
    .argument('<id>', 'persona id, or seed:index (e.g. 42:0)')
    .action((id: string, _opts: object, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { loadPersona } = await import('../persona/persona-store.js');
        const { formatPersonaCard, personaEvidence } = await import('../persona/persona-card.js');
        const { printJson } = await import('./context.js');
        const persona = await loadPersona(store, id);
        if (!persona) throw new PipelineError('INPUT', `no persona ${id}`, 'list some with: deeppersona sql "select persona_id, persona_seed from personas limit 5"');
        const version = Number(await store.scalar('SELECT taxonomy_version FROM personas WHERE persona_id = $1', [persona.personaId]));
        const evidence = await personaEvidence(store, persona, version);
        if (ctx.json) return printJson({ ...persona, taxonomyVersion: version, evidence: Object.fromEntries(evidence) });
        ctx.reporter.line(formatPersonaCard(persona, evidence, version));
      }),
    );

  personas
    .command('export')
    .description('write the stored personas of a seed (current taxonomy) as jsonl, parquet, an Arrow IPC file or the DeepPersona profile JSON')
    .option('--format <format>', `output format: ${PERSONA_EXPORT_FORMATS.join(', ')}`, 'jsonl')
    .option('--seed <s>', 'run seed (default: the config seed)', count('--seed', 0))
    .option('--anchor <key=value>', 'export the set generated with these anchors (as given to generate; repeatable)', collectAnchor)
    .option('--out <file>', 'output file (default: outputs/personas-export.<ext>)')
    .action((opts: { format: PersonaExportFormat; seed?: number; anchor?: AnchorOverrides; out?: string }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { PERSONA_EXPORT_FORMATS, exportPersonas } = await import('../persona/persona-export.js');
        const { currentTaxonomyVersion } = await import('../persona/persona-context.js');
        const { canonicalJson } = await import('../core/hash.js');
        const { printJson } = await import('./context.js');
        if (!PERSONA_EXPORT_FORMATS.includes(opts.format)) {
          throw new PipelineError('USAGE', `unknown persona export format "${opts.format}"`, `use one of ${PERSONA_EXPORT_FORMATS.join(', ')}`);
        }
        const version = await currentTaxonomyVersion(store);
        if (version === null) throw new PipelineError('INPUT', 'no taxonomy in the store', 'run `npm start` first');
        const ext = opts.format === 'deeppersona' ? 'json' : opts.format;
        const file = resolve(opts.out ?? join(ctx.outputsDir, `personas-export.${ext}`));
        const variant = opts.anchor ? canonicalJson({ ...ctx.config.sample.anchors, ...opts.anchor }) : '';
        const written = await exportPersonas(store, { seed: opts.seed ?? ctx.config.seed, taxonomyVersion: version, variant }, opts.format, file);
        if (ctx.json) return printJson({ format: opts.format, personas: written, file });
        ctx.reporter.line(`${written} personas (${opts.format}) → ${file}`);
      }),
    );
}
