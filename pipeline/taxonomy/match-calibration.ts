import { PipelineError } from '../core/errors.js';
import type { Embedder } from '../core/types.js';
import { labelSimilarity, nodeFeatures } from './label-similarity.js';

/**
 * The similarity at which `taxonomy compare` calls two nodes the same, chosen on hand-labelled
 * pairs (test/fixtures/taxonomy/compare-pairs.jsonl): the cut with the best F1 of "same", ties to
 * the stricter cut. Precision and recall are reported on the pairs it was chosen on and, more
 * honestly, 5-fold cross-validated (each fold judged at the cut chosen on the other four).
 */

export interface LabelledPair {
  ours: string[];
  reference: string[];
  same: boolean;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface Calibration extends Scores {
  embedderId: string;
  threshold: number;
  pairs: number;
  same: number;
  crossValidated: Scores;
}

/** Calibrations of the shipped embedders, kept equal to calibrateThreshold on the fixture by a test. */
export const CALIBRATIONS: Readonly<Record<string, Omit<Calibration, 'embedderId'>>> = {
  'wink-sif@100d.v1': { threshold: 0.633, pairs: 200, same: 56, precision: 0.875, recall: 0.75, f1: 0.8077, crossValidated: { precision: 0.8571, recall: 0.75, f1: 0.8 } },
};

export const PATH_SEPARATOR = ' › ';

/** JSON Lines, one `{"ours": "A › B › C", "reference": "X › Y", "same": true}` per line. */
export function parseLabelledPairs(text: string, file: string): LabelledPair[] {
  const out: LabelledPair[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      throw new PipelineError('INPUT', `${where}: not valid JSON (${(error as Error).message})`, 'one JSON object per line');
    }
    const r = row as Record<string, unknown>;
    if (typeof r?.ours !== 'string' || typeof r.reference !== 'string' || typeof r.same !== 'boolean') {
      throw new PipelineError('INPUT', `${where}: expected {"ours": string, "reference": string, "same": boolean}`, `paths separate labels with "${PATH_SEPARATOR.trim()}"`);
    }
    out.push({ ours: r.ours.split(PATH_SEPARATOR), reference: r.reference.split(PATH_SEPARATOR), same: r.same });
  });
  if (out.length === 0 || !out.some((p) => p.same) || out.every((p) => p.same)) {
    throw new PipelineError('INPUT', `${file}: needs labelled pairs of both kinds (same and not same)`, 'label at least one pair each way');
  }
  return out;
}

export async function calibrateThreshold(pairs: readonly LabelledPair[], embedder: Embedder): Promise<Calibration> {
  const ours = await nodeFeatures(embedder, pairs.map((p) => p.ours));
  const refs = await nodeFeatures(embedder, pairs.map((p) => p.reference));
  const scored = pairs.map((p, i) => ({ score: labelSimilarity(ours[i]!, refs[i]!), same: p.same }));
  const { threshold, ...scores } = bestCut(scored);
  // Cross-validation: folds by position (i mod 5), so the result is fixed for a file.
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let fold = 0; fold < 5; fold++) {
    const cut = bestCut(scored.filter((_, i) => i % 5 !== fold)).threshold;
    scored.forEach((s, i) => {
      if (i % 5 !== fold) return;
      if (s.score >= cut) s.same ? tp++ : fp++;
      else if (s.same) fn++;
    });
  }
  return {
    embedderId: embedder.id, threshold, pairs: pairs.length, same: pairs.filter((p) => p.same).length, ...scores,
    crossValidated: rates(tp, fp, fn),
  };
}

/**
 * The cut with the best F1 (ties: the higher cut), placed halfway to the next lower score so a
 * float rounding of either side cannot flip a pair, and rounded to 3 decimals where that keeps
 * the same pairs on each side.
 */
function bestCut(scored: readonly { score: number; same: boolean }[]): Scores & { threshold: number } {
  const cuts = [...new Set(scored.map((s) => s.score))].sort((a, b) => b - a);
  let best = { ...rates(0, 0, 0), threshold: Infinity, index: -1 };
  cuts.forEach((cut, index) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of scored) {
      if (s.score >= cut) s.same ? tp++ : fp++;
      else if (s.same) fn++;
    }
    const r = rates(tp, fp, fn);
    if (r.f1 > best.f1) best = { ...r, threshold: cut, index };
  });
  const lower = cuts[best.index + 1];
  if (lower === undefined) return pick(best, best.threshold);
  const mid = (best.threshold + lower) / 2;
  const rounded = Math.round(mid * 1000) / 1000;
  return pick(best, rounded > lower && rounded <= best.threshold ? rounded : mid);
}

const pick = (s: Scores, threshold: number) => ({ precision: s.precision, recall: s.recall, f1: s.f1, threshold });

function rates(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The cut for this embedder: the caller's, else its shipped calibration, else its own `match` threshold (uncalibrated). */
export function matchThreshold(embedder: Embedder, override?: { threshold: number; source: string }): { threshold: number; source: string; calibration?: Omit<Calibration, 'embedderId'> } {
  if (override) return override;
  const calibration = CALIBRATIONS[embedder.id];
  if (calibration) return { threshold: calibration.threshold, source: `calibrated on ${calibration.pairs} labelled pairs`, calibration };
  return { threshold: embedder.thresholds.match, source: `uncalibrated: ${embedder.id}'s own match threshold (calibrate with --calibrate PAIRS.jsonl)` };
}
