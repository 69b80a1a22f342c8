import cliProgress from 'cli-progress';
import { escapeControls } from '../core/terminal-text.js';
import { scrubText } from '../privacy/scrub-output.js';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

/**
 * Where user-facing output goes: one summary line per stage on stdout, a progress bar on a
 * TTY for long work, nothing but errors with --quiet, and nothing but the final JSON with --json.
 */
export interface Reporter {
  line(text: string): void;
  progress(label: string, total: number): Progress;
}

export function createReporter(opts: { quiet?: boolean; json?: boolean; tty?: boolean } = {}): Reporter {
  const silent = Boolean(opts.quiet || opts.json);
  const tty = opts.tty ?? Boolean(process.stderr.isTTY);
  return {
    line(text) {
      // Lines quote the corpus (evidence, persona cards): its control characters must not reach the terminal.
      // And its PII (privacy/scrub-output.ts): lines carry attributes, labels, quotes and summaries.
      if (!silent) process.stdout.write(`${escapeControls(scrubText(text))}\n`);
    },
    progress(label, total) {
      if (silent || !tty || total <= 0) return { update() {}, stop() {} };
      const bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      return { update: (value) => bar.update(value), stop: () => bar.stop() };
    },
  };
}

/** A reporter that keeps lines in memory, for tests and for library callers. */
export function createMemoryReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, line: (text) => void lines.push(scrubText(text)), progress: () => ({ update() {}, stop() {} }) };
}
