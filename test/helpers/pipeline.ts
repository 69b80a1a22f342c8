import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type Config } from '../../pipeline/config/schema.js';
import { createMemoryReporter } from '../../pipeline/runner/reporter.js';
import { runPipeline } from '../../pipeline/runner/run-pipeline.js';
import { startRun, type RunManifest } from '../../pipeline/runner/run-record.js';
import type { StageName } from '../../pipeline/runner/stage.js';
import type { Store } from '../../pipeline/store/store.js';
import { ALL_STAGES } from '../../stages/index.js';

/**
 * Config for tests: a JSON-ish partial, parsed with the real schema (so defaults apply). The
 * authors' release beside the repo is not read unless a test sets `evaluate.referenceDir`: a
 * test's result must not depend on whether ../shared is present.
 */
export const testConfig = (partial: Record<string, unknown>): Config =>
  configSchema.parse({ ...partial, evaluate: { referenceDir: false, ...(partial.evaluate as Record<string, unknown> | undefined) } });

/** Runs the real stages in-process against a store, as `deeppersona run` would (usable from benches: no vitest import). */
export async function runStages(store: Store, config: Config, opts: { until?: StageName; force?: StageName[]; outputsDir?: string } = {}): Promise<RunManifest> {
  const manifest = await startRun(store, 'test', config);
  await runPipeline({ store, config, stages: ALL_STAGES, manifest, reporter: createMemoryReporter(), outputsDir: opts.outputsDir ?? mkdtempSync(join(tmpdir(), 'dp-out-')), ...opts });
  return manifest;
}
