import { DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/**
 * Rows gathered column by column into DuckDB data chunks, for `appendDataChunk`. Filling a chunk
 * touches only its own native memory, never the connection, so it can run while a statement is
 * executing on that connection; only appending the chunks has to wait for it.
 */
export class ColumnBuffer {
  private columns: DuckDBValue[][];
  private chunks: DuckDBDataChunk[] = [];

  constructor(private readonly types: readonly DuckDBType[]) {
    this.columns = types.map(() => []);
  }

  get rows(): number {
    return this.chunks.length * CHUNK_ROWS + this.columns[0]!.length;
  }

  add(...values: DuckDBValue[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i]!.push(values[i] ?? null);
    if (this.columns[0]!.length === CHUNK_ROWS) this.seal();
  }

  /** Every row added so far, as data chunks; the buffer starts empty again. */
  take(): DuckDBDataChunk[] {
    if (this.columns[0]!.length > 0) this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private seal(): void {
    const chunk = DuckDBDataChunk.create(this.types);
    chunk.setColumns(this.columns);
    this.chunks.push(chunk);
    this.columns = this.types.map(() => []);
  }
}
