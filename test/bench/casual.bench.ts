/**
 * The offline extractor on the casual-chat development set (test/fixtures/casual-chat): recall and
 * precision of mention values against the labelled persona facts (pipeline/evaluate/labelled-turns.ts),
 * next to a crude regex baseline, then misses and false positives to read. Nothing is asserted.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scoreLabelledTurns, type ExtractedValue, type LabelledScore, type LabelledTurn } from '../../pipeline/evaluate/labelled-turns.js';
import { extractFromText } from '../../pipeline/extractors/heuristic/index.js';

const DEV_SET = fileURLToPath(new URL('../fixtures/casual-chat/dev-set.jsonl', import.meta.url));

// "i am / i'm / im / i have / i've / i like / i love" and everything up to the next punctuation.
const TRIGGER = /(?<![\p{L}\p{N}'’])(i am|i['’]m|im|i have|i['’]ve|i like|i love)\s+([^.,!?;:()"\n]+)/giu;

/** The crude baseline: attribute = the trigger, value = the words after it up to punctuation. */
export function regexBaseline(text: string): ExtractedValue[] {
  const out: ExtractedValue[] = [];
  for (const m of text.matchAll(TRIGGER)) {
    const value = m[2]!.trim();
    if (value) out.push({ attribute: m[1]!.toLowerCase().replace(/['’]/g, ''), value });
  }
  return out;
}

export function loadDevSet(file = DEV_SET): LabelledTurn[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledTurn);
}

const summary = (name: string, s: LabelledScore): string =>
  `casual ${name}: ${s.turns} turns, ${s.facts} facts, ${s.mentions} mentions; recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)}`;

export function benchCasual(_work: string, _dataDir: string, _opts: { named: boolean }): void {
  const items = loadDevSet();
  const started = performance.now();
  const attributes = new Map<string, number>();
  const offline = scoreLabelledTurns(items, (text) => {
    const mentions = extractFromText(text);
    for (const m of mentions) attributes.set(m.attribute, (attributes.get(m.attribute) ?? 0) + 1);
    return mentions;
  });
  const ms = performance.now() - started;
  console.log(`${summary('offline extractor', offline)} (${ms.toFixed(0)} ms)`);
  console.log(summary('regex baseline', scoreLabelledTurns(items, regexBaseline)));
  const names = [...attributes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`casual attributes (${names.length} distinct): ${names.map(([a, n]) => `${a} ${n}`).join(', ')}`);
  console.log(`casual misses (${Math.min(40, offline.misses.length)} of ${offline.misses.length}):`);
  for (const m of offline.misses.slice(0, process.env.CASUAL_ALL ? undefined : 40)) console.log(`  ${m.id} ${m.fact} | ${m.text}`);
  console.log(`casual false positives (${Math.min(30, offline.falsePositives.length)} of ${offline.falsePositives.length}):`);
  for (const f of offline.falsePositives.slice(0, process.env.CASUAL_ALL ? undefined : 30)) console.log(`  ${f.id} ${f.attribute}=${f.value} | ${f.text}`);
}
