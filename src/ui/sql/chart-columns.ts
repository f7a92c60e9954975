import type { ColumnInfo, Row } from '../../engine/types';

/** The most rows "Chart this" draws; a larger result is charted from its first rows, and the chart says so. */
export const CHART_ROW_CAP = 10_000;

const NUMERIC = /^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|DOUBLE|FLOAT|REAL|DECIMAL)/;
const TEMPORAL = /^(DATE|TIMESTAMP)/;

export const isNumeric = (c: ColumnInfo): boolean => NUMERIC.test(c.type);
export const isTemporal = (c: ColumnInfo): boolean => TEMPORAL.test(c.type);

/** The columns a chart is drawn from; y and color may be none. */
export interface ChartChoice {
  x: string;
  y: string | null;
  color: string | null;
}

/**
 * Sensible first columns: x the first date or timestamp column (else the first text column, else the
 * first column), y the first number column that is not x, no colour.
 */
export function defaultChoice(columns: ColumnInfo[]): ChartChoice {
  const x = columns.find(isTemporal) ?? columns.find((c) => !isNumeric(c)) ?? columns[0];
  const y = columns.find((c) => c !== x && isNumeric(c)) ?? null;
  return { x: x?.name ?? '', y: y?.name ?? null, color: null };
}

/** Rows as Plot reads them: dates and timestamps as Date, numbers (a BIGINT may arrive as text) as numbers. */
export function chartData(columns: ColumnInfo[], rows: Row[]): Row[] {
  const temporal = columns.filter(isTemporal).map((c) => c.name);
  const numeric = columns.filter(isNumeric).map((c) => c.name);
  return rows.map((row) => {
    const out: Row = { ...row };
    for (const name of temporal)
      if (typeof row[name] === 'string') out[name] = new Date(`${(row[name] as string).replace(' ', 'T')}Z`);
    for (const name of numeric) if (typeof row[name] === 'string') out[name] = Number(row[name]);
    return out;
  });
}
