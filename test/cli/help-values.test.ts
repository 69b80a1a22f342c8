import { describe, expect, it } from 'vitest';
import { PERSONA_EXPORT_FORMATS } from '../../pipeline/persona/persona-export.js';
import { DEFAULT_REPORT_PERSONAS } from '../../pipeline/report/report-data.js';
import { REFERENCE_TAXONOMY_FILE } from '../../pipeline/taxonomy/compare-reference.js';
import { EXPORT_FORMATS } from '../../pipeline/taxonomy/export.js';
import * as help from '../../pipeline/cli/help-values.js';

// The CLI's definitions show copies of these (help-values.ts says why); a copy must never differ.
describe('values shown in CLI help equal the modules they are copied from', () => {
  it('export formats, the report default and the reference file name', () => {
    expect(help.TAXONOMY_EXPORT_FORMATS).toEqual(EXPORT_FORMATS);
    expect(help.PERSONA_EXPORT_FORMATS).toEqual(PERSONA_EXPORT_FORMATS);
    expect(help.DEFAULT_REPORT_PERSONAS).toBe(DEFAULT_REPORT_PERSONAS);
    expect(help.REFERENCE_TAXONOMY_FILE).toBe(REFERENCE_TAXONOMY_FILE);
  });
});
