import type { FileHistory, SkippingPlan } from '../../../lake/explore/explore-types';
import { liveAt } from '../../../lake/explore/file-history';
import type { LearnStep } from '../step-types';
import {
  LOOKUP_TABLE,
  LOOKUP_TABLE_SQL,
  customerPredicate,
  ensureLookupTable,
  lookupCustomer,
} from './lookup-table';
import OptimizeView from './OptimizeEffect.svelte';

/** The table's files and one lookup's reads, before and after OPTIMIZE ZORDER BY. */
export interface OptimizeEffect {
  /** The customer_unique_id looked up. */
  customer: string;
  predicate: string;
  rowsFound: number;
  before: { history: FileHistory; plan: SkippingPlan };
  after: { history: FileHistory; plan: SkippingPlan };
  targetFileBytes: number;
  metrics: Record<string, number>;
}

const FILES_WANTED = 4;

/** Step 7: compaction and Z-order, seen on the file boxes. */
export const optimizeStep: LearnStep<OptimizeEffect> = {
  id: 'optimize',
  title: 'OPTIMIZE, Z-order and data skipping',
  paragraphs: [
    'Each data file carries min/max statistics per column, and a filter reads only the files whose range can hold a match. Many small files whose ranges all span everything defeat that: a one-customer lookup reads them all.',
    '`OPTIMIZE` compacts small files into a few larger ones; `ZORDER BY` sorts the rows along a Z-order curve first, so each new file covers a narrow range of the chosen columns. “Try it” builds `learn.orders_by_customer` from your orders in eight small appends, looks up one customer, then optimizes it (to files of about a quarter of the table, so you can see several).',
  ],
  operation: `${LOOKUP_TABLE_SQL};\n\nselect * from ${LOOKUP_TABLE} where customer_unique_id = '<one customer>';\nOPTIMIZE ${LOOKUP_TABLE} ZORDER BY (customer_unique_id);`,
  tryLabel: 'Look up one customer, OPTIMIZE, look up again',
  resetLabel: `Reset: delete ${LOOKUP_TABLE} (the next “Try it” builds it again)`,
  consoleSql: `describe history ${LOOKUP_TABLE}`,
  async tryIt(context) {
    await ensureLookupTable(context);
    const customer = await lookupCustomer(context);
    const predicate = customerPredicate(customer);
    const history = await context.fileHistory(LOOKUP_TABLE);
    const before = { history, plan: await context.explain(LOOKUP_TABLE, predicate) };
    const liveBytes = history.files
      .filter((f) => liveAt(f, history.latestVersion))
      .reduce((sum, f) => sum + f.size, 0);
    const targetFileBytes = Math.max(1, Math.ceil(liveBytes / FILES_WANTED));
    context.say(`Learn: OPTIMIZE ${LOOKUP_TABLE} ZORDER BY (customer_unique_id)…`);
    const commit = await context.engine.lake.optimize(LOOKUP_TABLE, ['customer_unique_id'], targetFileBytes);
    const afterHistory = await context.fileHistory(LOOKUP_TABLE);
    const [{ n }] = await context.rows<{ n: number }>(
      `select count(*)::bigint as n from ${LOOKUP_TABLE} where customer_unique_id = ?`,
      [customer],
    );
    return {
      customer,
      predicate,
      rowsFound: Number(n),
      before,
      after: { history: afterHistory, plan: await context.explain(LOOKUP_TABLE, predicate) },
      targetFileBytes,
      metrics: commit.metrics,
    };
  },
  async reset(context) {
    await context.engine.lake.dropTable(LOOKUP_TABLE);
  },
  view: OptimizeView,
};
