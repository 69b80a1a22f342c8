/**
 * LLM values for the chosen taxonomy leaves, the paper's progressive filling: attributes go in
 * batches of at most 50 paths, roots kept together (a root's attributes fill consecutive
 * batches), and every batch sees the anchors, the life-story core and every value filled so far,
 * including earlier batches of its own root. That running profile is what keeps value 120
 * consistent with value 3; it is also why batches of one persona run strictly one after another.
 *
 * In the prompt each attribute is a short id (v1…v50), not its full path, in both the list and
 * the reply: paths are long and would be paid for twice. A batch that fails leaves its keys
 * missing and the next batch goes on with what was filled; missing keys fall back to corpus values.
 */
import { z } from 'zod';
import type { LlmCache } from '../../llm/cache.js';
import type { LlmClient } from '../../llm/client.js';
import type { Anchors, PersonaAttribute } from '../types.js';
import { cleanValue, type LifeStoryCore, oneLine, type ProfileLine, renderAnchors, renderCore, renderPath, renderProfile } from './prompts.js';

/** Bump when the prompt or schema changes: part of the cache key. */
export const VALUES_PROMPT = 'persona-values@1';
/** The paper's batch size, and a hard cap: longer lists make models skip or misalign ids. */
export const MAX_BATCH = 50;

export interface ValuePath {
  /** The caller's key (e.g. the leaf's nodeId); results are keyed by it. */
  key: string;
  path: string;
  label: string;
  valueType: PersonaAttribute['valueType'];
  /** Defaults to the first path segment. */
  root?: string;
}

export interface FillValuesOptions {
  anchors: Anchors;
  core?: LifeStoryCore;
  paths: readonly ValuePath[];
  /** Values already decided (e.g. the anchor occupation): shown as profile, never asked for. */
  fixed?: readonly ProfileLine[];
  /** Default 50. */
  maxChars?: number;
  /** Default 50, clamped to 1…50. */
  batchSize?: number;
  /** Failure records name `${itemKey}#values-<batch>`. */
  itemKey?: string;
}

export interface FilledValue {
  value: string;
  callId: string;
}

export interface ValueBatchCall {
  /** null when the batch failed (already recorded by the client's failure sink). */
  callId: string | null;
  cached: boolean;
  /** The caller keys asked for in this batch, in prompt order. */
  keys: string[];
  /** How many of them got a usable value. */
  filled: number;
}

export interface FillValuesResult {
  /** Usable values by caller key, in fill order. */
  values: Map<string, FilledValue>;
  /** Keys without a usable value (failed batch, missing or empty answer), in fill order. */
  missing: string[];
  calls: ValueBatchCall[];
}

const TYPE_HINT: Record<ValuePath['valueType'], string> = { numeric: 'number', categorical: 'short category', free_text: 'short phrase' };

const rootOf = (p: ValuePath) => p.root ?? p.path.split('.')[0]!.trim();

/**
 * Roots in order of first appearance, each root's paths in their given order, then cut into
 * the fewest batches of at most `size`, evened out (120 at 50 → 40/40/40), so that no batch is
 * a small remainder and a root is split over two consecutive batches only where a cut falls.
 */
export function planBatches<T extends ValuePath>(paths: readonly T[], size = MAX_BATCH): T[][] {
  const cap = Math.max(1, Math.min(MAX_BATCH, Math.trunc(size) || MAX_BATCH));
  const byRoot = new Map<string, T[]>();
  for (const p of paths) byRoot.set(rootOf(p), [...(byRoot.get(rootOf(p)) ?? []), p]);
  const ordered = [...byRoot.values()].flat();
  if (ordered.length === 0) return [];
  const per = Math.ceil(ordered.length / Math.ceil(ordered.length / cap));
  const out: T[][] = [];
  for (let i = 0; i < ordered.length; i += per) out.push(ordered.slice(i, i + per));
  return out;
}

/**
 * Exactly the batch's ids, all required, so strict structured outputs make the model answer each
 * one. Validation is more forgiving than the JSON Schema: a missing id becomes '' (reported as
 * missing) and a bare number becomes its string, instead of throwing the whole batch away.
 */
export function batchSchema(ids: readonly string[]) {
  const shape = Object.fromEntries(ids.map((id) => [id, z.string()]));
  const lenient = (v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(ids.map((id) => {
      const x = o[id];
      return [id, x === undefined || x === null ? '' : typeof x === 'number' || typeof x === 'boolean' ? String(x) : x];
    }));
  };
  return z.object({ values: z.preprocess(lenient, z.object(shape)) });
}

const system = (maxChars: number) => [
  'You fill in attributes of one realistic synthetic person, a few dozen at a time.',
  'Every value must agree with the fixed facts, the life story and every line of the profile so far: never contradict them, and build on them where relevant.',
  'Values must be plausible for the person\'s age, place and occupation. Be specific and concrete (e.g. "two rescue cats", not "has pets"); vary values, avoid stereotypes.',
  `Each value is a short phrase of at most ${maxChars} characters, not a sentence about the person; a number for [number] attributes, with its unit where it needs one.`,
  'If an attribute cannot apply to this person, give a short honest value such as "none" or "not yet".',
  'Reply with JSON only: {"values": {"v1": "...", "v2": "..."}} with exactly the ids asked for.',
].join('\n');

function userPrompt(o: FillValuesOptions, soFar: readonly ProfileLine[], batch: readonly ValuePath[], at: number, of: number): string {
  const parts = ['Fixed facts:', renderAnchors(o.anchors), ''];
  if (o.core) parts.push('Life story:', renderCore(o.core), '');
  parts.push('Profile so far:', soFar.length ? renderProfile(soFar) : '(nothing yet)', '');
  parts.push(`Attributes to fill (batch ${at + 1} of ${of}):`);
  batch.forEach((p, i) => parts.push(`v${i + 1} | ${renderPath(p.path, rootOf(p))}${labelNote(p)} [${TYPE_HINT[p.valueType]}]`));
  return parts.join('\n');
}

/** A label differing from the path's last segment (a relabelled leaf) is said once, in brackets. */
function labelNote(p: ValuePath): string {
  const last = p.path.split('.').at(-1)?.trim().toLowerCase();
  return p.label && p.label.trim().toLowerCase() !== last ? ` (${oneLine(p.label)})` : '';
}

export async function fillValuesWithLlm(client: LlmClient, opts: FillValuesOptions): Promise<FillValuesResult> {
  const maxChars = opts.maxChars ?? 50;
  const keys = new Set<string>();
  for (const p of opts.paths) {
    if (keys.has(p.key)) throw new Error(`fillValuesWithLlm: duplicate key ${p.key}`);
    keys.add(p.key);
  }
  const batches = planBatches(opts.paths, opts.batchSize ?? MAX_BATCH);
  const soFar: ProfileLine[] = [...(opts.fixed ?? [])];
  const result: FillValuesResult = { values: new Map(), missing: [], calls: [] };
  for (const [at, batch] of batches.entries()) {
    const ids = batch.map((_, i) => `v${i + 1}`);
    const res = await client.completeJson({
      messages: [
        { role: 'system', content: system(maxChars) },
        { role: 'user', content: userPrompt(opts, soFar, batch, at, batches.length) },
      ],
      schema: batchSchema(ids),
      schemaName: 'persona_values',
      promptVersion: VALUES_PROMPT,
      itemKey: `${opts.itemKey ?? 'persona'}#values-${at}`,
    });
    let filled = 0;
    batch.forEach((p, i) => {
      const raw = res?.value.values[ids[i]!];
      const value = typeof raw === 'string' ? cleanValue(raw, maxChars) : '';
      if (!res || value === '') return void result.missing.push(p.key);
      filled++;
      result.values.set(p.key, { value, callId: res.callId });
      soFar.push({ path: p.path, root: rootOf(p), value });
    });
    result.calls.push({ callId: res?.callId ?? null, cached: res?.cached ?? false, keys: batch.map((p) => p.key), filled });
  }
  return result;
}

export interface ValuesUsage {
  promptTokens: number;
  completionTokens: number;
  filled: number;
  /** promptTokens / filled (0 when nothing was filled): the cost figure the paper's batching cuts. */
  promptTokensPerFilled: number;
}

/**
 * Token use of one fill, read from the cache records of its calls (so a fully cached rerun
 * reports the same figures as the run that paid for them). Pass the client's cache.
 */
export async function valuesUsage(cache: LlmCache, result: FillValuesResult): Promise<ValuesUsage> {
  let promptTokens = 0;
  let completionTokens = 0;
  for (const call of result.calls) {
    const usage = call.callId ? (await cache.get(call.callId))?.usage : undefined;
    promptTokens += usage?.promptTokens ?? 0;
    completionTokens += usage?.completionTokens ?? 0;
  }
  const filled = result.values.size;
  return { promptTokens, completionTokens, filled, promptTokensPerFilled: filled ? promptTokens / filled : 0 };
}
