import { STATES } from './brazil';
import type { GeoModel } from './geo-model';
import { addressAt, type Customer } from './parties';
import { Rng } from './rng';
import { DAY, PurchaseClock } from './time';

/** One order and what its customer, items, payments and review rows are derived from. */
export interface Order {
  id: string;
  /** The per-order customer_id of the customers file. */
  customerId: string;
  customer: number;
  /** Zip the customer lived at when ordering. */
  zip: number;
  status: string;
  purchase: number;
  approved: number | null;
  carrier: number | null;
  delivered: number | null;
  /** Estimated delivery date, epoch seconds at midnight. */
  estimated: number;
  late: boolean;
}

/** Order status counts of the real data (99,441 orders). */
const STATUS_COUNTS: ReadonlyArray<readonly [string, number]> = [
  ['shipped', 1107],
  ['canceled', 625],
  ['unavailable', 609],
  ['invoiced', 314],
  ['processing', 301],
  ['created', 5],
  ['approved', 2],
];

/** Orders in purchase-time order, with the real status mix and delivery times per state. */
export function makeOrders(
  rng: Rng,
  geo: GeoModel,
  customers: Customer[],
  count: number,
  scale: number,
): Order[] {
  const clock = new PurchaseClock();
  const times = Float64Array.from({ length: count }, () => clock.draw(rng)).sort();
  const slots: number[] = [];
  customers.forEach((c, i) => {
    for (let k = 0; k < c.orders; k++) slots.push(i);
  });
  rng.shuffle(slots);
  const statuses: string[] = [];
  for (const [status, n] of STATUS_COUNTS)
    for (let k = 0; k < Math.round(n * scale); k++) statuses.push(status);
  while (statuses.length < count) statuses.push('delivered');
  rng.shuffle(statuses);
  const seen = new Map<number, number>();
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const customer = slots[i];
    const n = seen.get(customer) ?? 0;
    seen.set(customer, n + 1);
    const zip = addressAt(customers[customer], n);
    orders.push(timeline(rng, geo, { customer, zip, status: statuses[i], purchase: times[i] }));
  }
  return orders;
}

function timeline(
  rng: Rng,
  geo: GeoModel,
  base: { customer: number; zip: number; status: string; purchase: number },
): Order {
  const state = STATES[geo.zips[base.zip].state];
  const { status, purchase } = base;
  const purchaseDay = Math.floor(purchase / DAY) * DAY;
  const estimatedDays = Math.max(3, Math.round(state.deliveryDays + 11 + rng.normal() * 4));
  const estimated = purchaseDay + estimatedDays * DAY;
  // Boleto-like slow approvals for some orders; most are approved within minutes.
  let approved: number | null =
    purchase + (rng.chance(0.2) ? rng.between(1, 3) * DAY * rng.float() : rng.lognormal(900, 1.2));
  if (status === 'created' || (status === 'canceled' && rng.chance(0.22)) || rng.chance(0.00015))
    approved = null;
  const start = approved ?? purchase;
  let carrier: number | null = null;
  let delivered: number | null = null;
  let late = false;
  if (status === 'delivered') {
    late = rng.chance(state.lateShare * seasonalLateFactor(purchase));
    if (late) delivered = estimated + (1 + rng.exponential(6)) * DAY + rng.int(DAY);
    else {
      const days = Math.min(
        estimatedDays - 0.05,
        Math.max(1, rng.lognormal(state.deliveryDays * 0.85, 0.45)),
      );
      delivered = Math.min(purchase + days * DAY, estimated + DAY - 1);
    }
    delivered = Math.max(delivered, start + 3600);
    carrier = start + Math.min(rng.lognormal(2.2 * DAY, 0.6), 0.6 * (delivered - start));
    if (rng.chance(0.00003)) carrier = null;
    if (rng.chance(0.00008)) delivered = null;
  } else if (status === 'shipped' || (status === 'canceled' && rng.chance(0.12))) {
    carrier = start + rng.lognormal(2.5 * DAY, 0.6);
    if (status === 'canceled' && rng.chance(0.08)) delivered = carrier + rng.lognormal(8 * DAY, 0.4);
  }
  return {
    id: rng.hexId(),
    customerId: rng.hexId(),
    customer: base.customer,
    zip: base.zip,
    status,
    purchase,
    approved,
    carrier,
    delivered,
    estimated,
    late,
  };
}

/** Late deliveries cluster after Black Friday and in early 2018, as in the real data. */
function seasonalLateFactor(purchase: number): number {
  const month = new Date(purchase * 1000).toISOString().slice(0, 7);
  return month >= '2017-11' && month <= '2018-03' ? 1.55 : 0.75;
}
