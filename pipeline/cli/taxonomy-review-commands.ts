import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PipelineError } from '../core/errors.js';
import type { MatchedPair, Share } from '../taxonomy/compare-reference.js';
import { REFERENCE_TAXONOMY_FILE } from '../taxonomy/reference-file.js';
import { withReadOnlyStore } from './read-commands.js';

/** `taxonomy compare` and `taxonomy sample`: the two ways to judge a taxonomy, against a reference and by eye. */

// What the actions use (the embedder loads the NLP model, the readers DuckDB) is imported when
// they run, not here: the definitions load with `--help`.
const comparing = async () => ({
  ...(await import('../embed/stage-embedder.js')),
  ...(await import('../taxonomy/compare-reference.js')),
  ...(await import('../taxonomy/match-calibration.js')),
  ...(await import('../taxonomy/stored-paths.js')),
});
const readers = async () => ({ ...(await import('../taxonomy/export.js')), ...(await import('./context.js')) });

const integer = (flag: string, min: number) => (v: string): number => {
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) {
    throw new PipelineError('USAGE', `${flag} must be an integer ≥ ${min}, got "${v}"`, `e.g. ${flag} ${Math.max(min, 1) * 20}`);
  }
  return Number(v);
};
const seedOf = (v: string) => integer('--seed', Number.MIN_SAFE_INTEGER)(v);
const similarityOf = (v: string): number => {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x < -1 || x > 1) throw new PipelineError('USAGE', `--threshold must be a number in [-1, 1], got "${v}"`, 'e.g. --threshold 0.6');
  return x;
};

export function registerTaxonomyReviewCommands(taxonomy: Command): void {
  taxonomy
    .command('compare')
    .description('the current version against a reference taxonomy, leaf to leaf one to one, at a threshold calibrated on labelled pairs')
    .argument('[reference]', `nested-JSON taxonomy file, or a DeepPersona reference folder holding ${REFERENCE_TAXONOMY_FILE} (default: ../shared/data/deeppersona-reference beside the repo; skipped when absent)`)
    .option('--pairs <n>', 'also print n matched pairs drawn at random, for a reader to judge', integer('--pairs', 1))
    .option('--seed <s>', 'seed of the --pairs draw (default: the config seed)', seedOf)
    .option('--threshold <x>', 'similarity at which two leaves match (default: the calibrated one)', similarityOf)
    .option('--calibrate <pairs.jsonl>', 'calibrate the threshold on these labelled pairs first (e.g. test/fixtures/taxonomy/compare-pairs.jsonl) and print how well it separates them')
    .action((arg: string | undefined, opts: { pairs?: number; seed?: number; threshold?: number; calibrate?: string }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { stageEmbedder, compareWithReference, locateReference, parseNestedTaxonomy, calibrateThreshold, parseLabelledPairs, labelChains, nestedFromChains } = await comparing();
        const { resolveVersion, printJson } = await readers();
        const found = locateReference(arg);
        if ('skipped' in found) {
          if (ctx.json) return printJson({ skipped: found.skipped });
          return ctx.reporter.line(`taxonomy compare: skipped: ${found.skipped}`);
        }
        const reference = parseNestedTaxonomy(readJson(found.file), found.file);
        const versionId = await resolveVersion(store);
        const { chains, leaves } = await labelChains(store, versionId);
        const ours = nestedFromChains(leaves.map((id) => chains.get(id)!));
        // No flush: a read-only store cannot keep LLM cache rows (the default wink embedder makes none).
        const { embedder } = stageEmbedder(store, ctx.config, 'compare', 'compare');
        const calibration = opts.calibrate ? await calibrateThreshold(parseLabelledPairs(readText(opts.calibrate), opts.calibrate), embedder) : null;
        const threshold = opts.threshold !== undefined ? { threshold: opts.threshold, source: 'set by --threshold' }
          : calibration ? { threshold: calibration.threshold, source: `calibrated on ${opts.calibrate}` } : undefined;
        const seed = opts.seed ?? ctx.config.seed;
        const result = await compareWithReference(ours, reference, embedder, { roots: ctx.config.roots, threshold, pairs: opts.pairs, seed });
        const cal = calibration ?? result.calibration;
        if (ctx.json) return printJson({ version: versionId, reference: found.file, seed, ...result, ...(calibration ? { calibration } : {}) });
        const { ours: o, reference: r } = result.counts;
        const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
        const row = (name: string, a: number, b: number) => `  ${name.padEnd(22)}${num(a).padStart(8)}${num(b).padStart(11)}`;
        const lines = [
          `taxonomy v${versionId} vs ${found.file} (${result.embedderId})`,
          `match: similarity ≥ ${result.threshold} (${result.thresholdSource})` +
            (cal ? `; on ${cal.pairs} labelled pairs: precision ${pct(cal.precision)}, recall ${pct(cal.recall)} (cross-validated ${pct(cal.crossValidated.precision)}, ${pct(cal.crossValidated.recall)})` : ''),
          `one-to-one: ${result.oneToOne.matched} matched pairs`,
          `  reference leaves matched: ${shareText(result.oneToOne.reference)}`,
          `  our leaves matched: ${shareText(result.oneToOne.ours)}`,
          `  root agreement of matched pairs: ${shareText(result.oneToOne.rootAgreement)}`,
          `many-to-one (not exclusive: one leaf may count for many): reference leaves whose nearest leaf of ours passes ${shareText(result.manyToOne.reference)}; ` +
            `our leaves whose nearest reference leaf passes ${shareText(result.manyToOne.ours)}` +
            (result.manyToOne.widest[0] ? `; widest: ${result.manyToOne.widest[0].ours} counts for ${result.manyToOne.widest[0].referenceLeaves}` : ''),
          `  ${''.padEnd(22)}${'ours'.padStart(8)}${'reference'.padStart(11)}`,
          row('roots', o.roots, r.roots), row('nodes', o.nodes, r.nodes), row('leaves', o.leaves, r.leaves),
          row('max depth', o.maxDepth, r.maxDepth), row('mean leaves per root', o.meanLeavesPerRoot, r.meanLeavesPerRoot),
        ];
        if (opts.pairs) lines.push(`${result.pairs.length} random matched pairs (seed ${seed}):`, ...result.pairs.map(pairLine));
        ctx.reporter.line(lines.join('\n'));
      }),
    );
  taxonomy
    .command('sample')
    .description('random leaf paths (value facet where a leaf is split), each with one member value, its quote and where it was said, to rate by eye')
    .option('--n <n>', 'paths to draw', integer('--n', 1), 60)
    .option('--seed <s>', 'seed (default: the config seed)', seedOf)
    .option('--version <v>', 'taxonomy version (default: current)')
    .action((opts: { n: number; seed?: number; version?: string }, command: Command) =>
      withReadOnlyStore(command, async (store, ctx) => {
        const { resolveVersion, printJson } = await readers();
        const { sampleLeafPaths } = await import('../taxonomy/sample-paths.js');
        const { PATH_SEPARATOR } = await import('../taxonomy/match-calibration.js');
        const versionId = await resolveVersion(store, opts.version);
        const seed = opts.seed ?? ctx.config.seed;
        const { units, rows } = await sampleLeafPaths(store, versionId, opts.n, seed);
        if (ctx.json) return printJson({ version: versionId, seed, units, rows: rows.map((r) => ({ ...r, pathText: r.path.join(PATH_SEPARATOR) })) });
        const lines = [`taxonomy v${versionId}: ${rows.length} random leaf paths of ${units} (value facets where a leaf is split), seed ${seed}`];
        rows.forEach((r, i) => lines.push(
          `${String(i + 1).padStart(3)}. ${r.path.join(PATH_SEPARATOR)} = ${r.value}${r.polarity === 'negative' ? ' (negative)' : ''}`,
          `     "${r.quote}"  ${r.locator}  ${r.externalId}`,
        ));
        ctx.reporter.line(lines.join('\n'));
      }),
    );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const shareText = (s: Share) => `${pct(s.share)} (${s.matched}/${s.total})`;
const pairLine = (p: MatchedPair, i: number) => `${String(i + 1).padStart(3)}. ${p.similarity.toFixed(3)}  ${p.ours}  ⇄  ${p.reference}`;

function readText(file: string): string {
  if (!existsSync(file)) throw new PipelineError('INPUT', `${file}: no such file`, 'pass a JSON Lines file of {"ours", "reference", "same"} pairs');
  return readFileSync(file, 'utf8');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PipelineError('INPUT', `${file}: not valid JSON (${(error as Error).message})`, 'the reference must be one JSON object');
  }
}
