import type { Row } from '../engine/types';
import { sqlLiteral } from '../engine/sql-quote';

/**
 * A model's unit tests, kept beside it as `<layer>/<name>.fixture.ts` (as dbt keeps `unit_tests`
 * beside a model): what its table holds once the hand-made Bronze fixture
 * (`tests/unit/pipeline/helpers/fixture.ts`) has run through every model. Every expected row is
 * worked out by hand from that fixture, not by running SQL. `tests/unit/pipeline/model-fixtures.test.ts`
 * finds and runs them; the app never imports them.
 */
export interface ModelFixture {
  /** Behaviours of the model, each shown by the rows some queries return. */
  cases: FixtureCase[];
  /** The model's checks that find rows in the fixture, each of which only warns. */
  findings?: FixtureFinding[];
}

/** One behaviour: each query over the built tables returns exactly its rows. */
export interface FixtureCase {
  it: string;
  expect: Array<{ sql: string; rows: Row[] }>;
}

/** A check of the model that fails on the fixture's faults, with how many rows it finds. */
export interface FixtureFinding {
  /** The expectation's name as a run reports it, e.g. `order_has_items`. */
  expectation: string;
  rowsFailing: number;
  /** Fields of the failing rows in the run's sample (each sample row holds at least these). */
  sample?: Row[];
}

/** A query of a built table's column types, expecting each named column to have its type. */
export function columnTypesAre(table: string, types: Record<string, string>): FixtureCase['expect'][number] {
  const [schema, name] = table.split('.');
  const columns = Object.keys(types).sort();
  return {
    sql: `select column_name, data_type from duckdb_columns()
      where (schema_name, table_name) = (${sqlLiteral(schema)}, ${sqlLiteral(name)})
        and column_name in (${columns.map(sqlLiteral).join(', ')})
      order by 1`,
    rows: columns.map((column) => ({ column_name: column, data_type: types[column] })),
  };
}
