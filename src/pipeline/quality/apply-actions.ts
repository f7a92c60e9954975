import { quoteIdent } from '../../engine/sql-quote';
import type { ModelStore } from '../model-store';
import type { CheckedExpectation } from './check-expectations';
import { failureReason } from './expectation-sql';

/** The table a model's quarantined rows go to: `quarantine.<layer>_<name>`. */
export function quarantineTableOf(model: string): string {
  return `quarantine.${model.replace('.', '_')}`;
}

/** What the drop and quarantine actions removed from a model's output. */
export interface RemovedRows {
  dropped: number;
  quarantined: number;
  /** Version of the quarantine table written, when rows were quarantined. */
  quarantineVersion?: number;
}

/** Context a quarantined row keeps: which run, when. */
export interface QuarantineContext {
  runId: string;
  model: string;
  /** `YYYY-MM-DD HH:MM:SS.mmm`, zone-less UTC. */
  at: string;
}

/**
 * Apply drop and quarantine to the staged rows, expectation by expectation: a row leaves the output
 * with the first expectation that removes it, and a quarantined row is stored once, with that
 * expectation's name and reason. Quarantined rows are committed in one append.
 */
export async function applyRowActions(
  store: ModelStore,
  stage: string,
  checked: readonly CheckedExpectation[],
  context: QuarantineContext,
): Promise<RemovedRows> {
  const { sql } = store;
  const removed: RemovedRows = { dropped: 0, quarantined: 0 };
  const held = quoteIdent(`${stage}_quarantine`);
  const from = `from ${quoteIdent(stage)} as t`;
  let holding = false;
  for (const { expectation, result, rowCheck } of checked) {
    if (!rowCheck || result.success) continue;
    if (expectation.action !== 'drop' && expectation.action !== 'quarantine') continue;
    const where = `where ${rowCheck.predicate}`;
    const [{ n }] = await sql.query<{ n: number }>(
      `select count(*)::bigint as n ${from} ${where}`,
      rowCheck.params,
    );
    if (n === 0) continue;
    if (expectation.action === 'quarantine') {
      const tagged = `select t.*, ?::varchar as _run_id, ?::varchar as _expectation, ?::varchar as _reason, ?::timestamp as _quarantined_at ${from} ${where}`;
      const params = [
        context.runId,
        result.expectation,
        failureReason(expectation),
        context.at,
        ...rowCheck.params,
      ];
      await sql.exec(
        holding ? `insert into ${held} ${tagged}` : `create or replace temp table ${held} as ${tagged}`,
        params,
      );
      holding = true;
      removed.quarantined += n;
    } else {
      removed.dropped += n;
    }
    await sql.exec(
      `delete from ${quoteIdent(stage)} where rowid in (select t.rowid ${from} ${where})`,
      rowCheck.params,
    );
  }
  if (holding) {
    const commit = await store.write(quarantineTableOf(context.model), {
      mode: 'append',
      sql: `select * from ${held}`,
    });
    removed.quarantineVersion = commit.version;
    await sql.exec(`drop table if exists ${held}`);
  }
  return removed;
}
