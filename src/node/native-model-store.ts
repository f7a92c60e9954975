import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent, quoteQualified, sqlLiteral } from '../engine/sql-quote';
import type { OutputWrite } from '../pipeline/model-store';
import { DuckDbTableStore } from '../pipeline/store/duckdb-table-store';
import { NativeDuckDbEngine } from './native-engine';

/** Where a native store keeps its tables, and whether it exports each version to Parquet. */
export interface NativeStoreOptions {
  /** A DuckDB database file; in memory when left out. */
  databasePath?: string;
  /**
   * When set, every commit also writes the table's latest version as Parquet with DuckDB's own
   * COPY: `<dir>/<layer>/<name>.parquet`, or a `<dir>/<layer>/<name>/` folder of `col=value/`
   * partitions for a partitioned table.
   */
  parquetDir?: string;
}

/** The pipeline's store on native DuckDB: DuckDB tables, optionally exported to Parquet. */
export class NativeModelStore extends DuckDbTableStore {
  private constructor(
    readonly engine: NativeDuckDbEngine,
    private readonly parquetDir?: string,
  ) {
    super(engine);
  }

  /** Open native DuckDB and a store over it. */
  static async open(options: NativeStoreOptions = {}): Promise<NativeModelStore> {
    return new NativeModelStore(await NativeDuckDbEngine.open(options.databasePath), options.parquetDir);
  }

  /** Where the Parquet export of a table lives (a file, or a folder when partitioned). */
  parquetPathOf(table: string, partitioned: boolean): string {
    if (!this.parquetDir) throw new Error('This store does not export Parquet');
    const [layer, name] = table.split('.');
    return join(this.parquetDir, layer, partitioned ? name : `${name}.parquet`);
  }

  protected override async afterCommit(table: string, output: OutputWrite): Promise<void> {
    if (!this.parquetDir) return;
    const partitionBy = output.partitionBy ?? [];
    const target = this.parquetPathOf(table, partitionBy.length > 0);
    mkdirSync(join(this.parquetDir, table.split('.')[0]), { recursive: true });
    const options = partitionBy.length
      ? `format parquet, compression zstd, partition_by (${partitionBy.map(quoteIdent).join(', ')}), overwrite true`
      : 'format parquet, compression zstd';
    // COPY takes no parameters: the path is written as a literal.
    await this.engine.exec(
      `copy (select * from ${quoteQualified(table)}) to ${sqlLiteral(target)} (${options})`,
    );
  }
}
