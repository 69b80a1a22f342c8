import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataType, RecordBatch, Schema } from 'apache-arrow';

/**
 * The one Arrow IPC *file* writer behind every `--format arrow` export (taxonomy, personas,
 * mentions). A table is declared as columns with real Arrow types in a fixed order; rows are plain
 * objects keyed by column name, given in batches of any size (DuckDB chunks, persona pages). They
 * are re-cut into record batches of BATCH_ROWS, so the bytes depend on the rows alone, not on how
 * a caller happened to page them: the same rows always give the same file. apache-arrow takes
 * about 0.4 s to import, so it is loaded when a file is written, not with the modules that
 * declare columns (every taxonomy command loads the taxonomy export module, for one).
 */

export type ArrowType = 'utf8' | 'int32' | 'float64' | 'bool' | { list: ArrowType } | { struct: readonly ArrowColumn[] };
export type ArrowColumn = { name: string; type: ArrowType; nullable?: boolean };
export type ArrowRow = Record<string, unknown>;

export const BATCH_ROWS = 16_384;

type Arrow = typeof import('apache-arrow');

function dataType(A: Arrow, t: ArrowType): DataType {
  if (t === 'utf8') return new A.Utf8();
  if (t === 'int32') return new A.Int32();
  if (t === 'float64') return new A.Float64();
  if (t === 'bool') return new A.Bool();
  if ('list' in t) return new A.List(new A.Field('item', dataType(A, t.list), true));
  return new A.Struct(t.struct.map((c) => field(A, c)));
}

const field = (A: Arrow, c: ArrowColumn) => new A.Field(c.name, dataType(A, c.type), c.nullable ?? false);

/** DuckDB hands back BIGINT as bigint; Int32 and Float64 builders want numbers. */
function cell(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return typeof value === 'bigint' ? Number(value) : value;
}

function recordBatch(A: Arrow, schema: Schema, rows: readonly ArrowRow[]): RecordBatch {
  const children = schema.fields.map((f) => {
    const values = rows.map((r) => cell(r[f.name]));
    if (!f.nullable) {
      const at = values.indexOf(null);
      if (at >= 0) throw new Error(`arrow export: column ${f.name} is not nullable but row ${at} has no value`);
    }
    return A.vectorFromArray(values, f.type).data[0]!;
  });
  return new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: rows.length, nullCount: 0, children }));
}

/**
 * Writes `rows` as an Arrow IPC file at `outFile` (a temporary file renamed at the end, so a
 * failed export never leaves half a file), and returns how many rows it wrote. An empty input
 * still writes a valid file with the schema and no batches.
 */
export async function writeArrowFile(outFile: string, columns: readonly ArrowColumn[], rows: AsyncIterable<readonly ArrowRow[]> | Iterable<readonly ArrowRow[]>): Promise<number> {
  mkdirSync(dirname(outFile), { recursive: true }); // --out may name a folder not made yet
  const A = await import('apache-arrow');
  const schema = new A.Schema(columns.map((c) => field(A, c)));
  const tmp = `${outFile}.${process.pid}.tmp`;
  const writer = new A.RecordBatchFileWriter();
  writer.reset(undefined, schema);
  const written = pipeline(writer.toNodeStream(), createWriteStream(tmp));
  let pending: ArrowRow[] = [];
  let total = 0;
  try {
    for await (const batch of rows) {
      for (const row of batch) {
        pending.push(row);
        if (pending.length === BATCH_ROWS) {
          writer.write(recordBatch(A, schema, pending));
          pending = [];
        }
      }
      total += batch.length;
    }
    if (pending.length > 0) writer.write(recordBatch(A, schema, pending));
    writer.finish();
    writer.close();
    await written;
    renameSync(tmp, outFile);
    return total;
  } catch (error) {
    // close, not abort: abort rejects a promise inside apache-arrow that nothing awaits.
    writer.close();
    await written.catch(() => undefined);
    rmSync(tmp, { force: true });
    throw error;
  }
}
