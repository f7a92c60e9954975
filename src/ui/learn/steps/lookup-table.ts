import type { StepContext } from '../step-types';

/** The walkthrough's own table for OPTIMIZE and VACUUM, built from silver.orders in small appends. */
export const LOOKUP_TABLE = 'learn.orders_by_customer';

/** Appends the table is built from: each one a file holding customers from the whole id range. */
export const LOOKUP_APPENDS = 8;

const SLICE = (k: number) =>
  `select order_id, customer_unique_id, order_status, purchase_ts\nfrom silver.orders\nwhere hash(order_id) % ${LOOKUP_APPENDS} = ${k}`;

/** The SQL that builds the table, as the learner could type it. */
export const LOOKUP_TABLE_SQL = [
  `create table ${LOOKUP_TABLE} as\n${SLICE(0)}`,
  ...Array.from({ length: LOOKUP_APPENDS - 1 }, (_, i) => `insert into ${LOOKUP_TABLE}\n${SLICE(i + 1)}`),
];

/** Build the table when it is not there (after the demo has built silver.orders). */
export async function ensureLookupTable(context: StepContext): Promise<void> {
  await context.ensureDemo();
  if ((await context.latestVersion(LOOKUP_TABLE)) >= 0) return;
  context.say(`Learn: writing ${LOOKUP_TABLE} in ${LOOKUP_APPENDS} small appends…`);
  for (const statement of LOOKUP_TABLE_SQL) await context.sql(statement);
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
