import type { Row } from '../../../engine/types';
import type { LearnStep } from '../step-types';
import GoldView from './GoldEffect.svelte';

/** One customer's Gold numbers traced to their orders; one session traced to the funnel. */
export interface GoldEffect {
  customer: string;
  rfm: Row;
  ltv: Row | null;
  orders: Row[];
  sessionId: string | null;
  session: Row[];
  funnelDay: Row | null;
}

const PICK = `select * from gold.customer_rfm order by frequency desc, monetary desc, customer_unique_id limit 1`;
const LTV = `select orders, total_payments::double as total_payments, first_order_date::varchar as first_order_date,
       last_order_date::varchar as last_order_date
from gold.customer_ltv where customer_unique_id = ?`;
const ORDERS = `select o.order_id, o.order_status, cast(o.purchase_ts as date)::varchar as day,
       coalesce(sum(p.payment_value), 0)::double as paid
from silver.orders as o
left join silver.payments as p using (order_id)
where o.customer_unique_id = ?
group by all
order by day, o.order_id`;
const SESSION = `select session_id from silver.events where event_type = 'purchase' order by event_ts, session_id limit 1`;
const EVENTS = `select event_type, event_ts::varchar as event_ts, page from silver.events where session_id = ? order by event_ts`;
const FUNNEL = `select event_date::varchar as event_date, sessions, views, carts, checkouts, purchases
from gold.funnel_daily
where event_date = (select cast(min(event_ts) as date) from silver.events where session_id = ?)`;

/** Step 10: Gold numbers traced back to the rows they come from. */
export const goldStep: LearnStep<GoldEffect> = {
  id: 'gold',
  title: 'Gold: metrics traced to their rows',
  paragraphs: [
    'Gold tables answer business questions: RFM segments (recency, frequency, monetary), lifetime value, the funnel. Each number should be traceable to the Silver rows behind it — that is what makes a metric trustworthy.',
    '“Try it” takes one customer and shows their RFM scores and lifetime value next to the orders and payments they are computed from, then one session’s events next to the funnel stages it counts in.',
  ],
  operation: `${PICK};\nselect … from silver.orders join silver.payments … where customer_unique_id = '<that customer>';\nselect * from silver.events where session_id = '<a session with a purchase>' order by event_ts;`,
  tryLabel: 'Trace one customer and one session',
  consoleSql:
    'select segment, count(*) as customers, avg(monetary) as avg_monetary\nfrom gold.customer_rfm\ngroup by all\norder by customers desc',
  async tryIt(context) {
    await context.ensureDemo();
    const [rfm] = await context.rows(PICK);
    if (!rfm) throw new Error('gold.customer_rfm is empty: run the demo first.');
    const customer = String(rfm.customer_unique_id);
    const [ltv] = await context.rows(LTV, [customer]);
    const [session] = await context.rows<{ session_id: string }>(SESSION);
    const sessionId = session?.session_id ?? null;
    return {
      customer,
      rfm,
      ltv: ltv ?? null,
      orders: await context.rows(ORDERS, [customer]),
      sessionId,
      session: sessionId ? await context.rows(EVENTS, [sessionId]) : [],
      funnelDay: sessionId ? ((await context.rows(FUNNEL, [sessionId]))[0] ?? null) : null,
    };
  },
  view: GoldView,
};
