import { readFileSync, writeFileSync } from 'node:fs';
import { metricsMarkdown, replaceBetweenMarkers } from '../pipeline/evaluate/metrics-markdown.js';

/**
 * `npm run docs:metrics [-- EVAL.json [DOC.md]]`: regenerates the metrics tables of docs/evaluation.md from an
 * eval.json (default outputs/eval.json, the default run's), so the docs never carry hand-typed
 * numbers. `--print` writes the Markdown to stdout instead.
 */
const args = process.argv.slice(2);
const print = args.includes('--print');
const [evalFile = 'outputs/eval.json', doc = 'docs/evaluation.md'] = args.filter((a) => a !== '--print');
const block = metricsMarkdown(JSON.parse(readFileSync(evalFile, 'utf8')));
if (print) process.stdout.write(`${block}\n`);
else {
  writeFileSync(doc, replaceBetweenMarkers(readFileSync(doc, 'utf8'), block));
  process.stdout.write(`${doc}: metrics tables regenerated from ${evalFile}\n`);
}
