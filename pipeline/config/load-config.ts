import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { configSchema, type Config } from './schema.js';

/** Reads and validates a JSON config file; with no file, every default applies. */
export function loadConfig(file?: string): Config {
  if (!file) return configSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new PipelineError('CONFIG', `${file}: ${reason}`, 'pass a JSON config file, e.g. --config deeppersona.config.json');
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new PipelineError('CONFIG', `${file}: ${describeIssue(parsed.error.issues[0]!)}`, 'see docs/configuration.md for every key and its default');
  return parsed.data;
}

/** One line per problem, naming the key path the way the user wrote it. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path ? `${path}.` : '';
    return `unknown key ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}`;
  }
  return `${path || '(root)'}: ${issue.message}`;
}
