import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, writeArrowFile, type ArrowColumn } from '../../pipeline/export/arrow-writer.js';
import { tempDir } from '../helpers/temp-dir.js';

const COLUMNS: ArrowColumn[] = [
  { name: 'id', type: 'utf8' }, { name: 'n', type: 'int32', nullable: true }, { name: 'x', type: 'float64' }, { name: 'ok', type: 'bool' },
  { name: 'tags', type: { list: 'utf8' } },
];
const rows = Array.from({ length: BATCH_ROWS + 7 }, (_, i) => ({ id: `r${i}`, n: i % 3 === 0 ? null : BigInt(i), x: i / 4, ok: i % 2 === 0, tags: ['a', 'b', 'c'].slice(0, i % 4) }));

describe('writeArrowFile', () => {
  it('writes typed columns whose bytes depend on the rows, not on how they were paged', async () => {
    const dir = tempDir('dp-arrow-');
    expect(await writeArrowFile(join(dir, 'one.arrow'), COLUMNS, [rows])).toBe(rows.length);
    await writeArrowFile(join(dir, 'paged.arrow'), COLUMNS, (async function* () {
      for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000);
    })());
    const bytes = readFileSync(join(dir, 'one.arrow'));
    expect(readFileSync(join(dir, 'paged.arrow')).equals(bytes)).toBe(true);
    const table = tableFromIPC(bytes);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['id:Utf8', 'n:Int32', 'x:Float64', 'ok:Bool', 'tags:List<Utf8>']);
    expect(table.batches.map((b) => b.numRows)).toEqual([BATCH_ROWS, 7]);
    expect(JSON.parse(JSON.stringify(table.get(5)))).toEqual({ id: 'r5', n: 5, x: 1.25, ok: false, tags: ['a'] });
    expect(table.get(3)!.n).toBeNull();
  });

  it('writes an empty table as a schema with no rows', async () => {
    const file = join(tempDir('dp-arrow-'), 'nested/empty.arrow');
    expect(await writeArrowFile(file, COLUMNS, [])).toBe(0);
    const table = tableFromIPC(readFileSync(file));
    expect([table.numRows, table.numCols]).toEqual([0, COLUMNS.length]);
  });

  it('refuses a missing value in a column that is not nullable, and leaves no file behind', async () => {
    const dir = tempDir('dp-arrow-');
    await expect(writeArrowFile(join(dir, 'bad.arrow'), COLUMNS, [[{ ...rows[1], id: null }]])).rejects.toThrow(/column id is not nullable but row 0/);
    expect(existsSync(join(dir, 'bad.arrow'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
