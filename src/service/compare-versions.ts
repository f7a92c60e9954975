import type { DuckDbEngine } from '../engine/duckdb-engine';
import { quoteIdent, quoteQualified } from '../engine/sql-quote';
import type { ColumnInfo, Row } from '../engine/types';
import type { Lake } from '../lake/lake';
import { prepareQuery } from '../lake/sql/prepare-query';

/** A row whose key is in both versions with other values: the row before and after. */
export interface ChangedRow {
  key: Row;
  before: Row;
  after: Row;
  /** The columns whose values differ. */
  differs: string[];
}

/** What changed from one version of a table to another, by EXCEPT ALL over VERSION AS OF. */
export interface VersionDiff {
  table: string;
  from: number;
  to: number;
  /** The key rows are matched by, or null: then a changed row counts as removed plus added. */
  key: string[] | null;
  /** The SQL that found the added and removed rows (as the console would run it). */
  sql: string;
  columns: ColumnInfo[];
  added: number;
  removed: number;
  changed: number;
  /** Up to `sample` rows of each. */
  addedRows: Row[];
  removedRows: Row[];
  changedRows: ChangedRow[];
}

const SPLIT = ';\n';
const ADDED = 'main.__compare_added';
const REMOVED = 'main.__compare_removed';

/**
 * Compare two versions: rows in `to` and not in `from` (added), the other way round (removed),
 * as `EXCEPT ALL` over `VERSION AS OF` finds them (duplicates count). With a key whose columns
 * both versions have, an added and a removed row with the same key are one changed row.
 */
export async function compareVersions(
  lake: Lake,
  engine: Pick<DuckDbEngine, 'exec' | 'query' | 'queryResult'>,
  request: { table: string; from: number; to: number; key?: string[]; sample?: number },
): Promise<VersionDiff> {
  const { table, from, to } = request;
  const sample = Math.max(0, Math.trunc(request.sample ?? 50));
  const at = (v: number) => `${quoteQualified(table)} version as of ${Math.trunc(v)}`;
  const added = `select * from ${at(to)} except all select * from ${at(from)}`;
  const removed = `select * from ${at(from)} except all select * from ${at(to)}`;
  // One text, so each version is loaded once; it is split again after the rewrite.
  const text = `create or replace table ${ADDED} as ${added}${SPLIT}create or replace table ${REMOVED} as ${removed}`;
  const { sql, scratch } = await prepareQuery(lake, text);
  try {
    for (const statement of sql.split(SPLIT)) await engine.exec(statement);
    const columns = (await engine.queryResult(`select * from ${ADDED} limit 0`, [], 0)).columns;
    const names = new Set(columns.map((c) => c.name));
    const key = request.key?.length && request.key.every((k) => names.has(k)) ? request.key : null;
    const shown = `${added};\n${removed}`;
    if (!key) {
      const [a, r] = await Promise.all([count(engine, ADDED), count(engine, REMOVED)]);
      return {
        table,
        from,
        to,
        key,
        sql: shown,
        columns,
        added: a,
        removed: r,
        changed: 0,
        addedRows: await engine.query(`select * from ${ADDED} order by all limit ${sample}`),
        removedRows: await engine.query(`select * from ${REMOVED} order by all limit ${sample}`),
        changedRows: [],
      };
    }
    const keys = key.map(quoteIdent).join(', ');
    const both = `select ${keys} from ${ADDED} intersect select ${keys} from ${REMOVED}`;
    const sameKey = key
      .map((k) => `k.${quoteIdent(k)} is not distinct from t.${quoteIdent(k)}`)
      .join(' and ');
    const only = (from: string) =>
      `select t.* from ${from} t where not exists (select 1 from (${both}) k where ${sameKey})`;
    const changedKeys = await engine.query(`select * from (${both}) order by all limit ${sample}`);
    const changedRows: ChangedRow[] = [];
    for (const keyRow of changedKeys) {
      const match = key.map((k) => `${quoteIdent(k)} is not distinct from ?`).join(' and ');
      const params = key.map((k) => keyRow[k] as string | number | boolean | null);
      const [before] = await engine.query(`select * from ${REMOVED} where ${match} limit 1`, params);
      const [after] = await engine.query(`select * from ${ADDED} where ${match} limit 1`, params);
      const differs = columns
        .map((c) => c.name)
        .filter((c) => JSON.stringify(before[c], bigints) !== JSON.stringify(after[c], bigints));
      changedRows.push({ key: keyRow, before, after, differs });
    }
    return {
      table,
      from,
      to,
      key,
      sql: shown,
      columns,
      added: await count(engine, `(${only(ADDED)})`),
      removed: await count(engine, `(${only(REMOVED)})`),
      changed: await count(engine, `(${both})`),
      addedRows: await engine.query(`${only(ADDED)} order by all limit ${sample}`),
      removedRows: await engine.query(`${only(REMOVED)} order by all limit ${sample}`),
      changedRows,
    };
  } finally {
    await engine.exec(`drop table if exists ${ADDED}`);
    await engine.exec(`drop table if exists ${REMOVED}`);
    for (const t of scratch) await engine.exec(`drop table if exists ${t}`);
  }
}

async function count(engine: Pick<DuckDbEngine, 'query'>, from: string): Promise<number> {
  const [{ n }] = await engine.query<{ n: number }>(`select count(*)::int as n from ${from}`);
  return n;
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
