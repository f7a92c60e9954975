import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent } from '../../../src/engine/sql-quote';
import type { SqlEngine } from '../../../src/engine/types';
import { expect } from 'vitest';
import { GOLDEN_DIR, failure, type LakeFixture } from './helpers';

/** A protocol as EXPECTED.json gives it. */
export interface ExpectedProtocol {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures: string[] | null;
  writerFeatures: string[] | null;
}

/** One version of a golden table as EXPECTED.json gives it. */
export interface ExpectedVersion {
  operation: string;
  files: number;
  rows: number;
  data?: (string | null)[][];
  /** Given where the version's own differ from the table's latest ones. */
  protocol?: ExpectedProtocol;
  columns?: string[];
  partitionColumns?: string[];
}

/** A golden table as EXPECTED.json gives it. */
export interface ExpectedTable {
  columns: string[];
  partitionColumns: string[];
  latestVersion: number;
  protocol: ExpectedProtocol;
  versions: Record<string, ExpectedVersion>;
}

/** EXPECTED.json: every table and version of tests/fixtures/delta-golden. */
export const EXPECTED = JSON.parse(readFileSync(join(GOLDEN_DIR, 'EXPECTED.json'), 'utf8')) as Record<
  string,
  ExpectedTable
>;

/**
 * A column as EXPECTED.json renders it: DuckDB's cast to VARCHAR of the value in its Delta type.
 * The lake loads a Delta `timestamp` (an instant) as a zone-less UTC TIMESTAMP, so it is cast to
 * TIMESTAMPTZ first (UTC here), which renders with `+00` as the expected text does.
 */
export function columnAsText(column: string, deltaType: string): string {
  const name = quoteIdent(column);
  return deltaType === 'timestamp'
    ? `CAST(CAST(${name} AS TIMESTAMPTZ) AS VARCHAR)`
    : `CAST(${name} AS VARCHAR)`;
}

/** Rows of a loaded table as text, sorted, the way EXPECTED.json holds them. */
export async function rowsAsText(
  engine: SqlEngine,
  table: string,
  columns: { name: string; type: string }[],
): Promise<(string | null)[][]> {
  const select = columns.map((c, i) => `${columnAsText(c.name, c.type)} AS c${i}`).join(', ');
  const result = await engine.query(`SELECT ${select} FROM ${table} ORDER BY ALL`);
  return result.map((row) => columns.map((_, i) => row[`c${i}`] as string | null));
}

/** The protocol of a version as EXPECTED.json writes it. */
export function protocolOf(detail: {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures: string[] | null;
  writerFeatures: string[] | null;
}): ExpectedProtocol {
  return {
    minReaderVersion: detail.minReaderVersion,
    minWriterVersion: detail.minWriterVersion,
    readerFeatures: detail.readerFeatures,
    writerFeatures: detail.writerFeatures,
  };
}

/**
 * Check every version of a lake table against EXPECTED.json: the latest version and protocol, and
 * per version its protocol, columns, partition columns, operation, live files, rows and values.
 */
export async function expectEveryVersion(fx: LakeFixture, table: string, want: ExpectedTable): Promise<void> {
  expect(await fx.lake.latestVersion(table)).toBe(want.latestVersion);
  const latest = await fx.lake.describeVersion(table);
  expect(protocolOf(latest)).toEqual(want.protocol);
  for (const [version, facts] of Object.entries(want.versions)) {
    const spec = { version: Number(version) };
    const detail = await fx.lake.describeVersion(table, spec);
    const columns = facts.columns ?? want.columns;
    expect(protocolOf(detail), `protocol of version ${version}`).toEqual(facts.protocol ?? want.protocol);
    expect(
      detail.columns.map((c) => c.name),
      `columns of version ${version}`,
    ).toEqual(columns);
    expect(detail.partitionColumns).toEqual(facts.partitionColumns ?? want.partitionColumns);
    expect((await fx.lake.history(table)).find((h) => h.version === spec.version)?.operation).toBe(
      facts.operation,
    );
    const files = await fx.lake.files(table, spec);
    expect(files.length, `files of version ${version}`).toBe(facts.files);
    if (columns.length === 0) {
      // A version without a schema (Delta Live Tables' first commit) has no columns to load.
      expect(facts.rows).toBe(0);
      expect((await failure(fx.lake.loadVersion(table, spec, 'golden_check'))).name).toBe('NoSchema');
      continue;
    }
    await fx.lake.loadVersion(table, spec, 'golden_check');
    const [{ n }] = await fx.engine.query<{ n: number }>('SELECT count(*)::BIGINT AS n FROM golden_check');
    expect(Number(n), `rows of version ${version}`).toBe(facts.rows);
    const loaded = (await fx.engine.query<{ column_name: string }>('DESCRIBE golden_check')).map(
      (c) => c.column_name,
    );
    expect(loaded).toEqual(columns);
    if (facts.data)
      expect(
        await rowsAsText(fx.engine, 'golden_check', detail.columns),
        `rows of version ${version}`,
      ).toEqual(facts.data);
  }
}
