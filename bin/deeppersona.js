#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs as `prepare`): no
// TypeScript compile at start-up. When a source file is newer than the build (someone edited the
// code and has not rebuilt yet), it runs the sources through tsx instead, so it never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `deeppersona personas show X | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const root = fileURLToPath(new URL('..', import.meta.url));
const builtAt = (() => {
  try {
    return statSync(`${root}dist/.tsbuildinfo`).mtimeMs;
  } catch {
    return -1;
  }
})();

function newerThanBuild(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() ? newerThanBuild(path) : entry.name.endsWith('.ts') && statSync(path).mtimeMs > builtAt) return true;
  }
  return false;
}

const compiled = `${root}dist/pipeline/cli/main.js`;
const useBuild = builtAt > 0 && existsSync(compiled) && !newerThanBuild(`${root}pipeline`) && !newerThanBuild(`${root}stages`);
let main;
if (useBuild) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../pipeline/cli/main.ts'));
}
process.exitCode = await main(process.argv);
