/**
 * Extraction quality on PrefEval persona-driven conversations: for each topic and overall, the
 * share of conversations where some mention matches the record's `persona` / `preference` under
 * the evaluation matching rule, mentions per 100 user turns, and user turns per second.
 *
 *   npx tsx test/bench/extraction-quality.ts [prefeval-dir] [--puffin [puffin-human-prompts.jsonl]]
 *
 * With --puffin it also runs over the Puffin human turns (no ground truth: speed, volume, grounding
 * and a sample of mentions to read by eye).
 *
 * The ground truth is only read here, after extraction; the extractor never sees it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Conversation, Extractor, Turn } from '../../pipeline/core/types.js';
import { createHeuristicExtractor } from '../../pipeline/extractors/heuristic/index.js';
import { mentionMatches } from '../../pipeline/extractors/match-rule.js';

export interface PrefEvalRecord {
  topic: string;
  index: number;
  persona: string;
  preference: string;
  /** User texts in order (`conversation[k].user`), assistant texts alongside. */
  pairs: Array<{ user: string; assistant: string }>;
}

export interface QualityRow {
  conversations: number;
  userTurns: number;
  mentions: number;
  personaMatch: number;
  preferenceMatch: number;
  mentionsPer100Turns: number;
  /** Mentions whose quote is not `turn.text.slice(spanStart, spanEnd)`; must be 0. */
  groundingErrors: number;
}

export interface QualityReport {
  extractorId: string;
  overall: QualityRow & { seconds: number; turnsPerSecond: number };
  byTopic: Record<string, QualityRow>;
}

export const DEFAULT_PREFEVAL_DIRS = [
  'data/prefeval/benchmark_dataset/implicit_preference/persona-driven',
  '/work/shared/data/prefeval/benchmark_dataset/implicit_preference/persona-driven',
];

/** Reads every `<topic>.json` in a PrefEval persona-driven folder, in file-name order. */
export function loadPrefEvalPersona(dir: string): PrefEvalRecord[] {
  const out: PrefEvalRecord[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const topic = file.replace(/\.json$/, '');
    const rows = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<Record<string, unknown>>;
    rows.forEach((r, index) => {
      const conv = (r.conversation ?? {}) as Record<string, { user?: string; assistant?: string }>;
      const keys = Object.keys(conv).sort((a, b) => Number(a) - Number(b));
      const pairs = keys.map((k) => ({ user: conv[k]?.user ?? '', assistant: conv[k]?.assistant ?? '' }));
      out.push({ topic, index, persona: String(r.persona ?? ''), preference: String(r.preference ?? ''), pairs });
    });
  }
  return out;
}

function toConversation(r: PrefEvalRecord): Conversation {
  const conversationId = `prefeval/${r.topic}/${r.index}`;
  const turns: Turn[] = [];
  r.pairs.forEach((p, k) => {
    turns.push({ turnId: `${conversationId}/${2 * k}`, conversationId, turnIndex: 2 * k, role: 'user', text: p.user });
    turns.push({ turnId: `${conversationId}/${2 * k + 1}`, conversationId, turnIndex: 2 * k + 1, role: 'assistant', text: p.assistant });
  });
  // Ground truth stays out of the conversation the extractor sees.
  return { conversationId, sourceId: 'prefeval', externalId: `persona-driven/${r.topic}/${r.index}`, meta: { topic: r.topic }, turns };
}

const emptyRow = (): QualityRow => ({
  conversations: 0, userTurns: 0, mentions: 0, personaMatch: 0, preferenceMatch: 0, mentionsPer100Turns: 0, groundingErrors: 0,
});

function finish(row: QualityRow): QualityRow {
  const n = Math.max(1, row.conversations);
  return {
    ...row,
    personaMatch: row.personaMatch / n,
    preferenceMatch: row.preferenceMatch / n,
    mentionsPer100Turns: (100 * row.mentions) / Math.max(1, row.userTurns),
  };
}

/** Runs `extractor` over the records and scores its mentions against persona and preference. */
export async function evaluateExtraction(records: readonly PrefEvalRecord[], extractor: Extractor): Promise<QualityReport> {
  const overall = emptyRow();
  const topics = new Map<string, QualityRow>();
  let seconds = 0;
  for (const r of records) {
    const conversation = toConversation(r);
    const t0 = performance.now();
    const { mentions } = await extractor.extract(conversation);
    seconds += (performance.now() - t0) / 1000;
    const row = topics.get(r.topic) ?? emptyRow();
    topics.set(r.topic, row);
    const texts = new Map(conversation.turns.map((t) => [t.turnId, t.text]));
    const bad = mentions.filter((m) => texts.get(m.turnId)?.slice(m.spanStart, m.spanEnd) !== m.quote).length;
    const persona = mentions.some((m) => mentionMatches(m, r.persona)) ? 1 : 0;
    const preference = mentions.some((m) => mentionMatches(m, r.preference)) ? 1 : 0;
    for (const target of [row, overall]) {
      target.conversations += 1;
      target.userTurns += r.pairs.length;
      target.mentions += mentions.length;
      target.personaMatch += persona;
      target.preferenceMatch += preference;
      target.groundingErrors += bad;
    }
  }
  const byTopic: Record<string, QualityRow> = {};
  for (const [topic, row] of [...topics.entries()].sort(([a], [b]) => a.localeCompare(b))) byTopic[topic] = finish(row);
  return {
    extractorId: extractor.id,
    overall: { ...finish(overall), seconds, turnsPerSecond: overall.userTurns / Math.max(seconds, 1e-9) },
    byTopic,
  };
}

export function formatReport(report: QualityReport): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [`extractor ${report.extractorId}`, 'topic                                   convs  persona  prefer  mentions/100 turns'];
  const line = (name: string, r: QualityRow) =>
    `${name.padEnd(38)} ${String(r.conversations).padStart(6)}  ${pct(r.personaMatch).padStart(7)}  ${pct(r.preferenceMatch).padStart(6)}  ${r.mentionsPer100Turns.toFixed(1).padStart(8)}`;
  for (const [topic, r] of Object.entries(report.byTopic)) lines.push(line(topic, r));
  lines.push(line('OVERALL', report.overall));
  const o = report.overall;
  lines.push(`user turns ${o.userTurns}, mentions ${o.mentions}, grounding errors ${o.groundingErrors}, ${o.seconds.toFixed(2)} s, ${Math.round(o.turnsPerSecond)} user turns/s`);
  return lines.join('\n');
}

const DEFAULT_PUFFIN = ['data/puffin/puffin-human-prompts.jsonl', '/work/shared/data/puffin/puffin-human-prompts.jsonl'];

/** Puffin human turns, one conversation each (the file has no conversation boundaries). */
async function runPuffin(file: string, extractor: Extractor): Promise<string> {
  const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { prompt_index: number; value: string });
  let mentions = 0;
  let bad = 0;
  let seconds = 0;
  const sample: string[] = [];
  for (const r of rows) {
    const conversationId = `puffin/${r.prompt_index}`;
    const turn: Turn = { turnId: `${conversationId}/0`, conversationId, turnIndex: 0, role: 'user', text: r.value };
    const t0 = performance.now();
    const res = await extractor.extract({ conversationId, sourceId: 'puffin', externalId: String(r.prompt_index), meta: {}, turns: [turn] });
    seconds += (performance.now() - t0) / 1000;
    for (const m of res.mentions) {
      mentions += 1;
      if (r.value.slice(m.spanStart, m.spanEnd) !== m.quote) bad += 1;
      if (mentions % 10 === 1) sample.push(`  #${r.prompt_index} [${m.attribute}] ${m.value} (${m.polarity}) «${m.quote.replace(/\s+/g, ' ')}»`);
    }
  }
  return [
    `puffin: user turns ${rows.length}, mentions ${mentions} (${((100 * mentions) / rows.length).toFixed(1)}/100 turns), grounding errors ${bad}, ${Math.round(rows.length / seconds)} user turns/s`,
    'every 10th mention:',
    ...sample,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const puffinAt = args.indexOf('--puffin');
  const puffinArg = puffinAt >= 0 && args[puffinAt + 1] && !args[puffinAt + 1]?.startsWith('--') ? args[puffinAt + 1] : undefined;
  const arg = args.find((a, i) => !a.startsWith('--') && !(puffinAt >= 0 && i === puffinAt + 1));
  const dir = arg ?? DEFAULT_PREFEVAL_DIRS.find((d) => existsSync(d));
  if (!dir || !existsSync(dir)) {
    console.error(`PrefEval persona-driven folder not found (tried ${arg ?? DEFAULT_PREFEVAL_DIRS.join(', ')})`);
    process.exitCode = 1;
    return;
  }
  const records = loadPrefEvalPersona(dir);
  const extractor = createHeuristicExtractor();
  console.log(formatReport(await evaluateExtraction(records, extractor)));
  if (puffinAt >= 0) {
    const file = puffinArg ?? DEFAULT_PUFFIN.find((f) => existsSync(f));
    console.log(file && existsSync(file) ? await runPuffin(file, extractor) : 'puffin: file not found');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
