import writeFileAtomic from 'write-file-atomic';
import type { Config } from '../config/schema.js';
import { scrubDeep } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';
import { runEvaluation, writeEvaluations, type Evaluation } from './run-evaluation.js';

/** Runs the evaluation, stores its rows and writes eval.json (shared by `deeppersona evaluate` and the evaluate stage). */
export async function evaluateAndWrite(store: Store, config: Config, runId: string, file: string): Promise<{ evaluation: Evaluation; rows: number }> {
  const evaluation = await runEvaluation(store, config, runId);
  const rows = await writeEvaluations(store, runId, evaluation);
  await writeFileAtomic(file, evaluationJson(evaluation));
  return { evaluation, rows };
}

/** eval.json's text, PII-scrubbed like every export (today it holds metric names and numbers; a text field added later is covered). */
export const evaluationJson = (evaluation: Evaluation): string => `${JSON.stringify(scrubDeep(evaluation), null, 2)}\n`;

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3));

/** A compact text report: where we lose first, then metric, ours [95% CI], each other set. */
export function formatEvaluation(e: Evaluation): string {
  const names = e.sets.filter((s) => s.name !== 'ours').map((s) => s.name);
  const lines = [`taxonomy v${e.taxonomyVersion ?? '—'}, seed ${e.seed}: ${e.personas.evaluated} personas (${e.personas.note})`];
  for (const s of e.sets) lines.push(`  ${s.name.padEnd(28)} ${String(s.personas).padStart(5)}  ${s.label}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`);
  for (const s of e.skippedSets) lines.push(`  skipped ${s.file}: ${s.reason}`);
  lines.push('', e.whereWeLose.length ? `where we lose (${e.whereWeLose.length} metrics):` : 'where we lose: no metric');
  for (const l of e.whereWeLose) {
    lines.push(`  ${l.metric} (${l.direction} is better): ours ${fmt(l.ours)}; ${l.beatenBy.map((b) => `${b.set} ${fmt(b.value)}${b.withinIntervals ? ' (intervals overlap)' : ''}`).join(', ')}`);
  }
  lines.push('', ['metric'.padEnd(36), 'ours'.padStart(24), ...names.map((n) => short(n).padStart(14))].join(''));
  for (const m of e.metrics) {
    const ours = m.ci ? `${fmt(m.ours)} [${fmt(m.ci[0])}, ${fmt(m.ci[1])}]` : fmt(m.ours);
    lines.push([m.metric.padEnd(36), ours.padStart(24), ...names.map((n) => fmt(m.baselines[n]).padStart(14))].join(''));
  }
  return lines.join('\n');
}

/** A column head of at most 13 characters. */
const short = (name: string) => (name.length <= 13 ? name : `${name.slice(0, 12)}…`);
