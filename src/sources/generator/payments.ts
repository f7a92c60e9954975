import type { Item } from './order-items';
import type { Order } from './orders';
import { Rng, WeightedIndex } from './rng';

/** One row of the payments file. */
export interface Payment {
  order: number;
  sequential: number;
  type: string;
  installments: number;
  value: number;
}

const SINGLE_TYPES = ['credit_card', 'boleto', 'voucher', 'debit_card'];
const SINGLE_WEIGHTS = new WeightedIndex([0.755, 0.2, 0.03, 0.015]);
// Credit-card installments in the real data (1 to 24; card payments with 1 installment).
// prettier-ignore
const INSTALLMENTS = new WeightedIndex([25455, 12413, 10461, 7098, 5239, 3920, 1626, 4268, 644, 5328, 23, 133, 16, 15, 74, 5, 8, 27, 0, 17, 3, 1, 1, 18]);
const VOUCHERS = [10, 20, 25, 30, 50, 50, 100, 100];

/**
 * Payments: `total` rows; each order's payments add up to its items' price plus freight. About
 * 3% of orders pay in several parts (vouchers, then a card); one delivered order has no payment,
 * as in the real data, and a few canceled ones carry a `not_defined` payment of 0.00.
 */
export function makePayments(
  rng: Rng,
  orders: Order[],
  items: Item[][],
  total: number,
  scale: number,
): Payment[] {
  const unpaid = orders.findIndex((o) => o.status === 'delivered');
  const counts = new Int32Array(orders.length).fill(1);
  counts[unpaid] = 0;
  const payers = [...counts.keys()].filter((i) => counts[i] > 0);
  const extra = total - payers.length;
  const split = rng.shuffle(payers.slice()).slice(0, Math.min(extra, Math.round(2961 * scale)));
  for (const i of split) counts[i]++;
  for (let k = split.length; k < extra; k++) counts[split[rng.int(split.length)] ?? payers[0]]++;
  let notDefined = Math.round(3 * scale);
  let zeroInstallments = Math.round(2 * scale);

  const payments: Payment[] = [];
  orders.forEach((order, o) => {
    const n = counts[o];
    if (n === 0) return;
    const due =
      items[o].length > 0
        ? items[o].reduce((s, it) => s + it.price + it.freight, 0)
        : rng.lognormal(120, 0.8);
    let left = Math.round(due * 100) / 100;
    if (n === 1 && notDefined > 0 && order.status === 'canceled') {
      notDefined--;
      payments.push({ order: o, sequential: 1, type: 'not_defined', installments: 1, value: 0 });
      return;
    }
    for (let seq = 1; seq <= n; seq++) {
      const last = seq === n;
      let type =
        n === 1
          ? SINGLE_TYPES[SINGLE_WEIGHTS.draw(rng)]
          : last && rng.chance(0.75)
            ? 'credit_card'
            : 'voucher';
      let value = last ? left : Math.min(rng.pick(VOUCHERS), Math.round(left * 0.6 * 100) / 100);
      if (!last && value <= 0) value = 0;
      left = Math.round((left - value) * 100) / 100;
      if (type === 'credit_card' && value < 1 && n > 1) type = 'voucher';
      let installments =
        type === 'credit_card'
          ? Math.min(1 + INSTALLMENTS.draw(rng), Math.max(1, Math.floor(value / 15)))
          : 1;
      if (type === 'credit_card' && zeroInstallments > 0 && rng.chance(0.01)) {
        zeroInstallments--;
        installments = 0;
      }
      payments.push({ order: o, sequential: seq, type, installments, value });
    }
  });
  return rng.shuffle(payments);
}
