import type { Config } from '../config/schema.js';
import { stageEmbedder } from '../embed/stage-embedder.js';
import { personaSetup } from '../persona/persona-context.js';
import { loadPersonaPage, personaRange } from '../persona/persona-store.js';
import type { Persona } from '../persona/types.js';
import { appendRow } from '../store/append-row.js';
import type { Store } from '../store/store.js';
import { baselinePersonas, BASELINES } from './baselines.js';
import { provenanceIndex, provenanceOf, summaryVectors, violationsOf } from './evaluation-inputs.js';
import { METRIC_DESCRIPTIONS, personaMetrics, type MetricValue } from './persona-metrics.js';
import { populationReference } from './population-reference.js';
import { extractionSection, taxonomySection } from './taxonomy-section.js';
import { personaProfiles, runJudgeSuite } from './judge/index.js';
import { createStageLlm } from '../llm/for-stage.js';

/**
 * `deeppersona evaluate`: our stored personas and the two baselines (generated from the same
 * taxonomy and seed) scored by the same metrics, plus taxonomy and extraction figures. Returns
 * the eval.json document; writes one `evaluations` row per metric and subject. Nothing in it
 * depends on the clock, so the same store gives a byte-identical eval.json.
 */

export interface MetricRow {
  metric: string;
  group: string;
  description: string;
  ours: number | null;
  ci?: [number, number];
  baselines: Record<string, number | null>;
  baselineCi: Record<string, [number, number] | undefined>;
}

export interface Evaluation {
  taxonomyVersion: number | null;
  seed: number;
  personas: { stored: number; evaluated: number; note: string };
  metrics: MetricRow[];
  reference: ReturnType<typeof populationReference>;
  taxonomy: Record<string, unknown> | null;
  extraction: Awaited<ReturnType<typeof extractionSection>>;
  judge?: { prompts: unknown; failures: unknown };
}

export async function runEvaluation(store: Store, config: Config, runId: string): Promise<Evaluation> {
  const e = config.evaluate;
  const reference = populationReference(config.sample.minAge, config.sample.maxAge);
  const setup = await personaSetup(store, { ...config, sample: { ...config.sample, llm: false } }, runId, 'evaluate');
  const extraction = await extractionSection(store);
  if (!setup.ok) {
    return { taxonomyVersion: null, seed: config.seed, personas: { stored: 0, evaluated: 0, note: setup.reason }, metrics: [], reference, taxonomy: null, extraction };
  }
  const { ctx } = setup;
  const { embedder } = stageEmbedder(store, config, runId, 'evaluate');
  const range = await personaRange(store, { seed: ctx.seed, taxonomyVersion: ctx.taxonomyVersion });
  const ours = range.count ? await loadPersonaPage(store, { seed: ctx.seed, taxonomyVersion: ctx.taxonomyVersion }, range.from, Math.min(range.to, range.from + e.maxPersonas)) : [];
  const count = ours.length || Math.min(config.sample.personas, e.maxPersonas);
  const baselineSets = Object.fromEntries(BASELINES.map((name) => [name, baselinePersonas(name, ctx, count)]));
  const index = await provenanceIndex(store, ctx.taxonomyVersion, [ours, ...Object.values(baselineSets)]);
  const score = async (personas: Persona[]) =>
    personas.length === 0 ? {} : personaMetrics({
      personas,
      summaryVectors: await summaryVectors(embedder, personas),
      leafIds: index.leafIds,
      provenance: provenanceOf(index),
      violations: violationsOf(personas, ctx.lexicon!),
      reference,
      seed: config.seed,
      bootstrapIterations: e.bootstrap,
    });
  const subjects: Record<string, Record<string, MetricValue>> = { ours: await score(ours) };
  for (const name of BASELINES) subjects[name] = await score(baselineSets[name]!);
  const metrics: MetricRow[] = Object.keys(METRIC_DESCRIPTIONS).map((metric) => ({
    metric,
    group: metric.split('.')[0]!,
    description: METRIC_DESCRIPTIONS[metric]!,
    ours: subjects.ours![metric]?.value ?? null,
    ...(subjects.ours![metric]?.ci ? { ci: subjects.ours![metric]!.ci } : {}),
    baselines: Object.fromEntries(BASELINES.map((b) => [b, subjects[b]![metric]?.value ?? null])),
    baselineCi: Object.fromEntries(BASELINES.map((b) => [b, subjects[b]![metric]?.ci])),
  }));
  const judge = e.judge ? await judgeSets(store, config, runId, ours, baselineSets) : undefined;
  if (judge) metrics.push(...judge.rows);
  const taxonomy = await taxonomySection(store, ctx.taxonomyVersion, config.taxonomy.minSupport, embedder, { roots: config.roots, reference: e.reference });
  const note = ours.length < range.count ? `first ${ours.length} of ${range.count} stored personas (evaluate.maxPersonas)` : ours.length ? 'all stored personas of the seed' : 'no personas stored yet: baselines only';
  return { taxonomyVersion: ctx.taxonomyVersion, seed: ctx.seed, personas: { stored: range.count, evaluated: ours.length, note }, metrics, reference, taxonomy, extraction, ...(judge ? { judge: judge.summary } : {}) };
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
  const rows: MetricRow[] = result.rows.map((r) => ({ metric: r.metric, group: 'judge', description: r.description, ours: r.ours, baselines: r.baselines, baselineCi: {} }));
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
