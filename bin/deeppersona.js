#!/usr/bin/env node
// The CLI is written in TypeScript; tsx's loader lets it run without a build step.
import { register } from 'tsx/esm/api';

// `deeppersona personas show X | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
register();
const { main } = await import('../pipeline/cli/main.ts');
process.exitCode = await main(process.argv);
