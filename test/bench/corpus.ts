import { copyFileSync, createReadStream, createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Writes `times` copies of the bundled corpora into `dir`, each copy with its own ids (Puffin
 * prompt_index shifted) or its own file paths (PrefEval), so nothing is deduplicated away.
 */
export async function generateScaledCorpus(dataDir: string, dir: string, times: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const puffin = join(dataDir, 'puffin', 'puffin-human-prompts.jsonl');
  const out = createWriteStream(join(dir, 'puffin-x.jsonl'));
  for (let copy = 0; copy < times; copy++) {
    for await (const line of createInterface({ input: createReadStream(puffin) })) {
      const record = JSON.parse(line) as { prompt_index: number };
      record.prompt_index += copy * 1_000_000;
      if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) => out.on('error', reject).end(() => resolve()));
  const prefeval = join(dataDir, 'prefeval', 'benchmark_dataset', 'implicit_preference');
  for (let copy = 0; copy < times; copy++) {
    for (const variant of readdirSync(prefeval)) {
      const target = join(dir, `prefeval-${copy}`, variant);
      mkdirSync(target, { recursive: true });
      for (const file of readdirSync(join(prefeval, variant))) copyFileSync(join(prefeval, variant, file), join(target, file));
    }
  }
}
