import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { registerScrubFunction, SCRUB_SQL_FUNCTION as SCRUB } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';
import { writeArrowFile, type ArrowColumn } from './arrow-writer.js';
import type { MentionExportFormat } from './mentions-formats.js';

/**
 * `mentions export`: every extracted mention, one row each, with its provenance (conversation,
 * turn, source file and line) so a row walks back to the words a user wrote, in file order. Texts
 * are PII-scrubbed like every export (privacy/scrub-output.ts); span_start/span_end index the
 * stored turn text, so a scrubbed quote can be shorter than its span. JSONL and CSV are written by
 * DuckDB itself, Arrow by arrow-writer.ts from the same query.
 */

const utf8 = (name: string, nullable = false): ArrowColumn => ({ name, type: 'utf8', nullable });
const int32 = (name: string): ArrowColumn => ({ name, type: 'int32' });

/** The export's columns, in the query's order; the arrow file declares them with these types. */
export const MENTION_COLUMNS: ArrowColumn[] = [
  utf8('mention_id'), utf8('source_path'), int32('line'), utf8('external_id'), utf8('conversation_id'), utf8('turn_id'), int32('turn_index'),
  utf8('attribute'), utf8('value'), utf8('root'), utf8('polarity'), int32('span_start'), int32('span_end'), utf8('quote'),
  { name: 'confidence', type: 'float64' }, utf8('extractor_id'), utf8('llm_call_id', true), { name: 'is_synthetic', type: 'bool' },
];

const MENTIONS_SQL = `
  SELECT m.mention_id, ${SCRUB}(s.path) AS source_path, cv.line, ${SCRUB}(cv.external_id) AS external_id, m.conversation_id, m.turn_id, t.turn_index,
         ${SCRUB}(m.attribute) AS attribute, ${SCRUB}(m.value) AS value, ${SCRUB}(m.root) AS root, m.polarity, m.span_start, m.span_end,
         ${SCRUB}(m.quote) AS quote, m.confidence, m.extractor_id, m.llm_call_id, s.is_synthetic
  FROM mentions m
  JOIN turns t ON t.turn_id = m.turn_id
  JOIN conversations cv ON cv.conversation_id = m.conversation_id
  JOIN sources s ON s.source_id = cv.source_id
  ORDER BY s.path, cv.record_index, t.turn_index, m.span_start, m.mention_id`;

/** Writes every mention in `format` to `outFile` (a temporary file renamed at the end); returns the row count. */
export async function exportMentions(store: Store, format: MentionExportFormat, outFile: string): Promise<number> {
  registerScrubFunction(store.connection);
  if (format === 'arrow') return writeArrowFile(outFile, MENTION_COLUMNS, store.stream(MENTIONS_SQL));
  mkdirSync(dirname(outFile), { recursive: true }); // --out may name a folder not made yet
  const tmp = `${outFile}.${process.pid}.tmp`;
  const options = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT json';
  try {
    const rows = await store.changes(`COPY (${MENTIONS_SQL}) TO '${tmp.replace(/'/g, "''")}' (${options})`);
    renameSync(tmp, outFile);
    return rows;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
