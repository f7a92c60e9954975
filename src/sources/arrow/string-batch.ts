import { Field, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Utf8 } from 'apache-arrow';
import { Utf8ColumnBuilder } from './utf8-column';

/** Rows of all-VARCHAR columns, built column by column and cut into Arrow IPC streams. */
export class StringBatchBuilder {
  readonly columns: Utf8ColumnBuilder[];
  private readonly schema: Schema;

  constructor(readonly names: readonly string[]) {
    this.columns = names.map(() => new Utf8ColumnBuilder());
    this.schema = new Schema(names.map((name) => new Field(name, new Utf8(), true)));
  }

  /** Rows held since the last flush. */
  get rows(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Bytes of values held since the last flush. */
  get bytes(): number {
    return this.columns.reduce((sum, c) => sum + c.bytes, 0);
  }

  /** The rows held as one Arrow IPC stream (one record batch); the builder starts empty again. */
  flushIpc(): Uint8Array {
    const length = this.rows;
    const children = this.columns.map((c) => c.flush());
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    const batch = new RecordBatch(this.schema, data);
    return RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
  }
}
