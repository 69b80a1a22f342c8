import { describe, expect, it } from 'vitest';
import { ALL_STAGES } from '../../stages/index.js';
import { DECLARED_OUTPUTS } from '../../stages/output-files.js';

// `status` lists outputs from DECLARED_OUTPUTS so as not to import the stages: it must say what they say.
describe('declared stage outputs', () => {
  it('are the outputs every stage declares, stage by stage', () => {
    const declared = ALL_STAGES.filter((s) => s.outputs !== undefined).map((s) => ({ name: s.name, outputs: s.outputs }));
    expect(new Map(DECLARED_OUTPUTS.map((s) => [s.name, s.outputs]))).toEqual(new Map(declared.map((s) => [s.name, s.outputs])));
  });
});
