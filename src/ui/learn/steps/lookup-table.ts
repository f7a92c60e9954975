import type { StepContext } from '../step-types';

/** The walkthrough's own table for OPTIMIZE and VACUUM, built from silver.orders in small appends. */
export const LOOKUP_TABLE = 'learn.orders_by_customer';

/** Appends the table is built from: each one a file holding customers from the whole id range. */
export const LOOKUP_APPENDS = 8;

const SLICE = (k: number) =>
  `select order_id, customer_unique_id, order_status, purchase_ts\nfrom silver.orders\nwhere hash(order_id) % ${LOOKUP_APPENDS} = ${k}`;

/** How the table is built, as the learner reads it: one append (one commit, one file) per slice. */
export const LOOKUP_TABLE_SQL = `-- ${LOOKUP_APPENDS} appends to ${LOOKUP_TABLE}, k = 0 … ${LOOKUP_APPENDS - 1}, one commit each:\n${SLICE(0).replace(`= 0`, '= <k>')}`;

/** Build the table when it is not there (after the demo has built silver.orders). */
export async function ensureLookupTable(context: StepContext): Promise<void> {
  await context.ensureDemo();
  if ((await context.latestVersion(LOOKUP_TABLE)) >= 0) return;
  context.say(`Learn: writing ${LOOKUP_TABLE} in ${LOOKUP_APPENDS} small appends…`);
  // Through the lake itself: the console creates tables only in the pipeline's layers.
  for (let k = 0; k < LOOKUP_APPENDS; k++)
    await context.engine.lake.write(LOOKUP_TABLE, { sql: SLICE(k), mode: 'append', operation: 'WRITE' });
}

/** The customer the lookups look for: one in the middle of the id range. */
export async function lookupCustomer(context: StepContext): Promise<string> {
  const [row] = await context.rows<{ c: string }>(
    `select customer_unique_id as c from ${LOOKUP_TABLE} order by customer_unique_id limit 1 offset (select count(*) // 2 from ${LOOKUP_TABLE})`,
  );
  return row.c;
}

/** A predicate for data skipping; the id is text from the table itself, quoted as a SQL string. */
export function customerPredicate(customer: string): string {
  return `customer_unique_id = '${customer.replaceAll("'", "''")}'`;
}
