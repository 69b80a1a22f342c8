import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliContext } from '../../pipeline/cli/context.js';

describe('where the store and the outputs live', () => {
  it('keeps the default store outside outputs/, so deleting the outputs never deletes it', () => {
    const ctx = cliContext({});
    expect(ctx.dbPath).toBe(resolve('.deeppersona/deeppersona.duckdb'));
    expect(ctx.outputsDir).toBe(resolve('outputs'));
    expect(dirname(ctx.dbPath).startsWith(ctx.outputsDir)).toBe(false);
  });

  it('writes the outputs of a store given with --db beside it, unless --outputs says otherwise', () => {
    expect(cliContext({ db: '/tmp/x/s.duckdb' }).outputsDir).toBe('/tmp/x');
    expect(cliContext({ db: '/tmp/x/s.duckdb', outputs: '/tmp/y' }).outputsDir).toBe('/tmp/y');
  });
});
