import type { QueryResult } from '../../../engine/types';
import type { LearnStep } from '../step-types';
import { fieldsOf, type Field } from '../views/field';
import MedallionView from './MedallionEffect.svelte';

/** One order followed from Bronze to Silver to Gold. */
export interface MedallionEffect {
  orderId: string;
  bronze: Field[];
  silver: Field[];
  day: string;
  dayOrders: number;
  dayPayments: number;
  orderPayments: number;
  versions: { bronze: number; silver: number; gold: number };
}

// A delivered, paid order on the busiest day, so its share of the day is one among many.
const PICK_ORDER = `select o.order_id
from silver.orders as o
join gold.daily_sales as d on d.order_date = cast(o.purchase_ts as date)
where o.order_status = 'delivered'
  and exists (select 1 from silver.payments as p where p.order_id = o.order_id)
order by d.orders desc, d.order_date, o.order_id
limit 1`;

const BRONZE = `select order_id, order_status, order_purchase_timestamp, order_estimated_delivery_date,
       _source_file, _ingested_at, _rescued_data
from bronze.olist_orders
where order_id = ?
order by _ingested_at desc
limit 1`;

const SILVER = `select order_id, order_status, purchase_ts, estimated_delivery_date, customer_unique_id
from silver.orders
where order_id = ?`;

const GOLD = `select d.order_date::varchar as day, d.orders, d.payments::double as payments,
       (select sum(payment_value)::double from silver.payments where order_id = ?) as paid
from gold.daily_sales as d
where d.order_date = (select cast(purchase_ts as date) from silver.orders where order_id = ?)`;

/** Step 1: the Medallion layers, on one order. */
export const medallionStep: LearnStep<MedallionEffect> = {
  id: 'medallion',
  title: 'Medallion: one order, three layers',
  paragraphs: [
    'Data flows through three layers. Bronze keeps what arrived, as it arrived: every value is text, plus `_source_file`, `_ingested_at` and `_rescued_data`. Silver types, cleans and deduplicates: a timestamp becomes a TIMESTAMP, money a DECIMAL(18,2). Gold turns Silver into business numbers.',
    '“Try it” follows one delivered order through all three: its Bronze text row, its typed Silver row, and the Gold row of that day’s sales it is part of.',
  ],
  operation: `${BRONZE.replace('?', "'<order>'")};\n\n${SILVER.replace('?', "'<order>'")};\n\nselect * from gold.daily_sales where order_date = <its purchase date>`,
  tryLabel: 'Follow one order',
  consoleSql: 'select * from gold.daily_sales order by order_date desc limit 20',
  async tryIt(context) {
    await context.ensureDemo();
    const [pick] = await context.rows<{ order_id: string }>(PICK_ORDER);
    if (!pick) throw new Error('No delivered order with a payment in silver.orders: run the demo first.');
    const orderId = pick.order_id;
    const bronze: QueryResult = await context.engine.lake.query(BRONZE, [orderId]);
    const silver: QueryResult = await context.engine.lake.query(SILVER, [orderId]);
    const [gold] = await context.rows<{ day: string; orders: number; payments: number; paid: number }>(GOLD, [
      orderId,
      orderId,
    ]);
    return {
      orderId,
      bronze: fieldsOf(bronze, 0, { order_id: 'key' }),
      silver: fieldsOf(silver, 0, { order_id: 'key' }),
      day: gold?.day ?? '?',
      dayOrders: Number(gold?.orders ?? 0),
      dayPayments: Number(gold?.payments ?? 0),
      orderPayments: Number(gold?.paid ?? 0),
      versions: {
        bronze: await context.latestVersion('bronze.olist_orders'),
        silver: await context.latestVersion('silver.orders'),
        gold: await context.latestVersion('gold.daily_sales'),
      },
    };
  },
  view: MedallionView,
};
