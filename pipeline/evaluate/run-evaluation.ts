import type { Config } from '../config/schema.js';
import { stageEmbedder } from '../embed/stage-embedder.js';
import { personaSetup } from '../persona/persona-context.js';
import { loadPersonaPage, personaRange } from '../persona/persona-store.js';
import type { Persona } from '../persona/types.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { relative, resolve } from 'node:path';
import { DEFAULT_REFERENCE_DIR, locateReference } from '../taxonomy/compare-reference.js';
import { baselinePersonas, BASELINES, type BaselineName } from './baselines.js';
import { gatherSets } from './comparison-sets.js';
import { provenanceIndex, provenanceOf, sourceOf, violationsOf } from './evaluation-inputs.js';
import { directionOf, METRICS, type Direction } from './metric-catalog.js';
import type { NoiseFloor } from './metrics/index.js';
import { setMetrics, type MetricValue } from './persona-metrics.js';
import { qualityContext, qualityOf } from './quality-hook.js';
import type { ComparisonSet } from './readers/types.js';
import { whereWeLose, type Loss } from './where-we-lose.js';
import { populationReference } from './population-reference.js';
import { extractionSection, taxonomySection } from './taxonomy-section.js';
import { personaProfiles, runJudgeSuite } from './judge/index.js';
import { createStageLlm } from '../llm/for-stage.js';

/**
 * `deeppersona evaluate`: every comparison set (comparison-sets.ts: ours, our reconstructions,
 * the authors' released sets, --compare files) scored by the same metrics, the metrics where a
 * set beats ours listed first, plus taxonomy and extraction figures. Returns the eval.json
 * document; writes one `evaluations` row per metric and subject. Nothing in it depends on the
 * clock, so the same store and inputs give a byte-identical eval.json.
 */

export interface MetricRow {
  metric: string;
  group: string;
  description: string;
  /** Which way is better (metric-catalog.ts); `none` = descriptive. */
  direction: Direction;
  ours: number | null;
  ci?: [number, number];
  /** Every other comparison set's value, by set name. */
  baselines: Record<string, number | null>;
  baselineCi: Record<string, [number, number] | undefined>;
  /** Subject (ours included) → why its value is null. */
  notApplicable?: Record<string, string>;
  /** Subject → what to keep in mind (e.g. how many personas state the anchor). */
  notes?: Record<string, string>;
  /** Fidelity: subject → the plug-in value before bias correction. */
  plugin?: Record<string, number>;
  /** Fidelity: subject → what draws from the population itself score at that set's n. */
  noiseFloor?: Record<string, NoiseFloor>;
}

export interface SetSummary {
  name: string;
  kind: ComparisonSet['kind'];
  label: string;
  source?: string;
  personas: number;
  notes: string[];
}

export interface Evaluation {
  /** Metrics where some set beats ours, both values: read this first. */
  whereWeLose: Loss[];
  taxonomyVersion: number | null;
  seed: number;
  personas: { stored: number; evaluated: number; note: string };
  sets: SetSummary[];
  skippedSets: { file: string; reason: string }[];
  intervals: string;
  metrics: MetricRow[];
  reference: ReturnType<typeof populationReference>;
  taxonomy: Record<string, unknown> | null;
  extraction: Awaited<ReturnType<typeof extractionSection>>;
  judge?: { prompts: unknown; failures: unknown };
}

export const INTERVALS_NOTE = 'fidelity: bias-corrected estimate 2·plugin − median(bootstrap replicates) with the basic bootstrap 95% interval (contains the estimate by construction); the plug-in and the noise floor (population draws at the same n) beside each';

export async function runEvaluation(store: Store, config: Config, runId: string): Promise<Evaluation> {
  const e = config.evaluate;
  const reference = populationReference(config.sample.minAge, config.sample.maxAge);
  const setup = await personaSetup(store, { ...config, sample: { ...config.sample, llm: false } }, runId, 'evaluate');
  const extraction = await extractionSection(store);
  if (!setup.ok) {
    return { whereWeLose: [], taxonomyVersion: null, seed: config.seed, personas: { stored: 0, evaluated: 0, note: setup.reason }, sets: [], skippedSets: [], intervals: INTERVALS_NOTE, metrics: [], reference, taxonomy: null, extraction };
  }
  const { ctx } = setup;
  const { embedder } = stageEmbedder(store, config, runId, 'evaluate');
  const range = await personaRange(store, { seed: ctx.seed, taxonomyVersion: ctx.taxonomyVersion });
  const ours = range.count ? await loadPersonaPage(store, { seed: ctx.seed, taxonomyVersion: ctx.taxonomyVersion }, range.from, Math.min(range.to, range.from + e.maxPersonas)) : [];
  const count = ours.length || Math.min(config.sample.personas, e.maxPersonas);
  const ages = { minAge: config.sample.minAge, maxAge: config.sample.maxAge };
  const baselineSets = Object.fromEntries(BASELINES.map((name) => [name, baselinePersonas(name, ctx, count, ages)])) as Record<BaselineName, Persona[]>;
  const index = await provenanceIndex(store, ctx.taxonomyVersion, [ours, ...Object.values(baselineSets)]);
  const { sets, skipped } = gatherSets(config, ours, baselineSets, sourceOf(index));
  const fidelity = { reference, seed: config.seed, iterations: e.bootstrap, floorDraws: e.noiseFloorDraws, floors: new Map() };
  const quality = await qualityContext(store);
  const subjects = new Map<string, Record<string, MetricValue>>();
  for (const set of sets) {
    const summaries = set.personas.flatMap((p) => (p.summary ? [p.summary] : []));
    const taxonomy = set.native ? { leafIds: index.leafIds, provenance: provenanceOf(index), violations: violationsOf(set.native, ctx.lexicon!) } : undefined;
    const scored = set.personas.length ? setMetrics({ set, summaryVectors: summaries.length ? await embedder.embed(summaries) : [], taxonomy, fidelity }) : {};
    subjects.set(set.name, { ...scored, ...qualityOf(set, quality) });
  }
  const metrics = metricRows(sets.map((s) => s.name), subjects);
  const judge = e.judge ? await judgeSets(store, config, runId, ours, baselineSets) : undefined;
  if (judge) metrics.push(...judge.rows);
  const taxonomy = await taxonomySection(store, ctx.taxonomyVersion, config.taxonomy.minSupport, embedder, { roots: config.roots, reference: referenceTaxonomy(config), labelSample: e.labelSample, seed: config.seed });
  const note = ours.length < range.count ? `first ${ours.length} of ${range.count} stored personas (evaluate.maxPersonas)` : ours.length ? 'all stored personas of the seed' : 'no personas stored yet: other sets only';
  return {
    whereWeLose: whereWeLose(metrics),
    taxonomyVersion: ctx.taxonomyVersion,
    seed: ctx.seed,
    personas: { stored: range.count, evaluated: ours.length, note },
    sets: sets.map((s) => ({ name: s.name, kind: s.kind, label: s.label, ...(s.source ? { source: relative(process.cwd(), s.source) } : {}), personas: s.personas.length, notes: s.notes })),
    skippedSets: skipped,
    intervals: INTERVALS_NOTE,
    metrics,
    reference,
    taxonomy,
    extraction,
    ...(judge ? { judge: judge.summary } : {}),
  };
}

/** The reference taxonomy to compare with: the configured file, else the one in the authors' release (skipped with a note when absent). */
function referenceTaxonomy(config: Config): { file: string } | { skipped: string } {
  const e = config.evaluate;
  if (e.reference) return { file: e.reference };
  if (e.referenceDir === false) return { skipped: 'evaluate.referenceDir is false' };
  return locateReference(undefined, resolve(e.referenceDir ?? DEFAULT_REFERENCE_DIR));
}

/** One row per metric (our catalog first, then the independent quality metrics in their order), each set's value beside ours. */
function metricRows(names: readonly string[], subjects: ReadonlyMap<string, Record<string, MetricValue>>): MetricRow[] {
  const order = [...Object.keys(METRICS)];
  for (const values of subjects.values()) for (const m of Object.keys(values)) if (!order.includes(m)) order.push(m);
  const others = names.filter((n) => n !== 'ours');
  return order.map((metric) => {
    const of = (name: string) => subjects.get(name)?.[metric];
    const ours = of('ours');
    const perSubject = <T>(pick: (v: MetricValue) => T | undefined) => {
      const entries = names.flatMap((n) => {
        const v = of(n);
        const x = v ? pick(v) : undefined;
        return x === undefined ? [] : [[n, x] as const];
      });
      return entries.length ? Object.fromEntries(entries) : undefined;
    };
    const notApplicable = perSubject((v) => (v.value === null ? v.reason : undefined));
    const notes = perSubject((v) => v.note);
    const plugin = perSubject((v) => v.plugin);
    const noiseFloor = perSubject((v) => v.noiseFloor);
    return {
      metric,
      group: metric.split('.')[0]!,
      description: METRICS[metric]?.description ?? of(names.find((n) => of(n)) ?? 'ours')?.description ?? metric,
      direction: directionOf(metric, ours?.direction),
      ours: ours?.value ?? null,
      ...(ours?.ci ? { ci: ours.ci } : {}),
      baselines: Object.fromEntries(others.map((n) => [n, of(n)?.value ?? null])),
      baselineCi: Object.fromEntries(others.map((n) => [n, of(n)?.ci])),
      ...(notApplicable ? { notApplicable } : {}),
      ...(notes ? { notes } : {}),
      ...(plugin ? { plugin } : {}),
      ...(noiseFloor ? { noiseFloor } : {}),
    };
  });
}

/**
 * The optional LLM-judge suite (pipeline/evaluate/judge/): the paper's intrinsic judge and its
 * personalised-QA protocol over the first `judgePersonas` of each set, baselines as the text a
 * reader of each would get (PersonaHub's one line; the paper-code profile rendered like ours).
 */
async function judgeSets(store: Store, config: Config, runId: string, ours: Persona[], baselines: Record<string, Persona[]>) {
  const llm = createStageLlm(store, config, runId, 'evaluate');
  const e = config.evaluate;
  const result = await runJudgeSuite(llm.client, {
    ours: personaProfiles(ours),
    baselines: {
      personahub: (baselines.personahub ?? []).map((p) => ({ id: p.personaId, text: p.summary })),
      'paper-code': personaProfiles(baselines['paper-code'] ?? []),
    },
    intrinsic: { personas: e.judgePersonas },
    qa: { personas: e.judgePersonas, requests: e.judgeRequests },
  });
  await llm.flush();
  const rows: MetricRow[] = result.rows.map((r) => ({ metric: r.metric, group: 'judge', description: r.description, direction: directionOf(r.metric), ours: r.ours, baselines: r.baselines, baselineCi: {} }));
  return { rows, summary: { prompts: result.prompts, failures: result.failures } };
}

/** One `evaluations` row per metric and subject, in one transaction. */
export async function writeEvaluations(store: Store, runId: string, evaluation: Evaluation): Promise<number> {
  return store.transaction(async () => {
    const out = await store.appender('evaluations');
    let rows = 0;
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const m of evaluation.metrics) {
      const subjects: [string, number | null, [number, number] | undefined][] = [['ours', m.ours, m.ci], ...Object.entries(m.baselines).map(([b, v]) => [b, v, m.baselineCi[b]] as [string, number | null, [number, number] | undefined])];
      for (const [subject, value, ci] of subjects) {
        appendRow(out, [runId, evaluation.taxonomyVersion, evaluation.seed, m.metric, subject, value, ci?.[0] ?? null, ci?.[1] ?? null, now]);
        rows++;
      }
    }
    out.closeSync();
    return rows;
  });
}
