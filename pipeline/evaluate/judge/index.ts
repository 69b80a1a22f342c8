/**
 * The optional LLM-judge suite of the evaluation (run only when an LLM is configured): the
 * paper's intrinsic judge and personalised-QA protocols over our personas and any baselines,
 * every set through the same versioned prompts, summarised as evaluation-table rows
 * `{ metric, ours, baselines }` (null = nothing could be scored) with the raw verdicts kept.
 * See intrinsic.ts and personalised-qa.ts for what is the paper's and what is our adaptation.
 */
import type { LlmClient } from '../../llm/client.js';
import {
  INTRINSIC_LABELS, INTRINSIC_METRICS, INTRINSIC_PROMPT, judgeIntrinsic,
  type IntrinsicOptions, type IntrinsicResult,
} from './intrinsic.js';
import {
  QA_JUDGE_PROMPT, QA_METRICS, QA_REQUESTS_VERSION, QA_RUBRIC_VERSION, RESPONDER_PROMPT, runPersonalisedQa,
  type QaOptions, type QaResult,
} from './personalised-qa.js';
import type { JudgeProfile } from './profile.js';

export * from './intrinsic.js';
export * from './personalised-qa.js';
export * from './profile.js';

export interface JudgeSuiteInput {
  /** Our personas as profiles (personaProfiles(personas), or renderProfile per persona). */
  ours: readonly JudgeProfile[];
  /** Baseline name → its profiles as text (e.g. { personahub: [...], opencharacter: [...] }). */
  baselines?: Readonly<Record<string, readonly JudgeProfile[]>>;
  /** The evaluator model for both protocols; default the responder `client`. */
  judge?: LlmClient;
  /** Caps for the intrinsic judge, or false to skip it. */
  intrinsic?: Pick<IntrinsicOptions, 'personas'> | false;
  /** Caps for personalised QA, or false to skip it. */
  qa?: Pick<QaOptions, 'personas' | 'requests'> | false;
}

export interface JudgeRow {
  metric: string;
  /** What the row measures and whether it is the paper's metric or ours (for the table's notes). */
  description: string;
  ours: number | null;
  baselines: Record<string, number | null>;
}

export interface JudgePromptIds {
  intrinsic: string;
  responder: string;
  qaJudge: string;
  qaRequests: string;
  qaRubric: string;
}

export interface PerSet<T> {
  ours: T;
  baselines: Record<string, T>;
}

export interface JudgeSuiteResult {
  rows: JudgeRow[];
  details: { intrinsic: PerSet<IntrinsicResult> | null; qa: PerSet<QaResult> | null };
  prompts: JudgePromptIds;
  /** Calls that gave no usable answer, over every set. */
  failures: { intrinsic: number; qaResponder: number; qaJudge: number };
}

export const JUDGE_PROMPTS: JudgePromptIds = {
  intrinsic: INTRINSIC_PROMPT,
  responder: RESPONDER_PROMPT,
  qaJudge: QA_JUDGE_PROMPT,
  qaRequests: QA_REQUESTS_VERSION,
  qaRubric: QA_RUBRIC_VERSION,
};

/** Row names, in table order. */
export const JUDGE_ROW_NAMES = {
  intrinsic: Object.fromEntries(INTRINSIC_METRICS.map((m) => [m, `Judge: ${INTRINSIC_LABELS[m].label}`])) as Record<(typeof INTRINSIC_METRICS)[number], string>,
  qa: Object.fromEntries(QA_METRICS.map((m) => [m.id, `Personalised QA: ${m.name} (1–5)`])) as Record<(typeof QA_METRICS)[number]['id'], string>,
  qaOverall: 'Personalised QA: mean of the 10 metrics (1–5)',
} as const;

async function perSet<T>(
  ours: readonly JudgeProfile[],
  baselines: Readonly<Record<string, readonly JudgeProfile[]>>,
  run: (profiles: readonly JudgeProfile[], label: string) => Promise<T>,
): Promise<PerSet<T>> {
  const names = Object.keys(baselines);
  const [o, ...rest] = await Promise.all([run(ours, 'ours'), ...names.map((n) => run(baselines[n]!, n))]);
  return { ours: o!, baselines: Object.fromEntries(names.map((n, i) => [n, rest[i]!])) };
}

function row<T>(metric: string, description: string, sets: PerSet<T>, pick: (r: T) => number | null): JudgeRow {
  return {
    metric,
    description,
    ours: pick(sets.ours),
    baselines: Object.fromEntries(Object.entries(sets.baselines).map(([n, r]) => [n, pick(r)])),
  };
}

/**
 * Runs both protocols over every set at once (the clients' queues bound the concurrency) and
 * returns the table rows. Requires a configured client: callers skip the suite without an LLM.
 */
export async function runJudgeSuite(client: LlmClient, input: JudgeSuiteInput): Promise<JudgeSuiteResult> {
  const baselines = input.baselines ?? {};
  if ('ours' in baselines) throw new Error('runJudgeSuite: a baseline cannot be named "ours"');
  const judge = input.judge ?? client;
  const intrinsicOpts = input.intrinsic;
  const qaOpts = input.qa;
  const [intrinsic, qa] = await Promise.all([
    intrinsicOpts === false ? null : perSet(input.ours, baselines, (p, label) => judgeIntrinsic(judge, p, { ...intrinsicOpts, label })),
    qaOpts === false ? null : perSet(input.ours, baselines, (p, label) => runPersonalisedQa(client, p, { ...qaOpts, judge, label })),
  ]);
  const rows: JudgeRow[] = [];
  if (intrinsic) {
    for (const m of INTRINSIC_METRICS) {
      const { description, source } = INTRINSIC_LABELS[m];
      rows.push(row(JUDGE_ROW_NAMES.intrinsic[m], `LLM judge, mean per profile: ${description} (${source === 'paper' ? 'the paper\'s metric' : 'our addition'}; ${INTRINSIC_PROMPT})`, intrinsic, (r) => r.means[m]));
    }
  }
  if (qa) {
    for (const m of QA_METRICS) {
      const note = m.source === 'paper' ? 'named by the paper' : 'our reconstruction';
      rows.push(row(JUDGE_ROW_NAMES.qa[m.id], `Personalised QA, judge score 1–5 on ${m.description} (${note}; ${QA_RUBRIC_VERSION})`, qa, (r) => r.means[m.id]));
    }
    rows.push(row(JUDGE_ROW_NAMES.qaOverall, `Personalised QA: mean of the ten rubric means (${QA_REQUESTS_VERSION}, ${QA_RUBRIC_VERSION})`, qa, (r) => r.overall));
  }
  const all = <T>(s: PerSet<T> | null): T[] => (s ? [s.ours, ...Object.values(s.baselines)] : []);
  return {
    rows,
    details: { intrinsic, qa },
    prompts: JUDGE_PROMPTS,
    failures: {
      intrinsic: all(intrinsic).reduce((n, r) => n + r.failed, 0),
      qaResponder: all(qa).reduce((n, r) => n + r.counts.responderFailed, 0),
      qaJudge: all(qa).reduce((n, r) => n + r.counts.judgeFailed, 0),
    },
  };
}
