import type { Order } from './orders';
import { reviewMessage, reviewTitle } from './review-texts';
import { Rng, WeightedIndex } from './rng';
import { DAY } from './time';

/** One row of the reviews file. */
export interface Review {
  id: string;
  order: number;
  score: number;
  title: string | null;
  message: string | null;
  created: number;
  answered: number;
}

const ON_TIME = new WeightedIndex([0.07, 0.025, 0.08, 0.2, 0.625]);
const LATE = new WeightedIndex([0.4, 0.09, 0.12, 0.14, 0.25]);
const UNDELIVERED = new WeightedIndex([0.6, 0.08, 0.1, 0.07, 0.15]);

/**
 * Reviews: `total` rows. Most orders get one; late deliveries score lower; a few orders have
 * two reviews, and some review ids cover two orders (the same review row repeated with another
 * order_id), as in the real data.
 */
export function makeReviews(rng: Rng, orders: Order[], total: number, scale: number): Review[] {
  const unreviewed = new Set(rng.shuffle([...orders.keys()]).slice(0, Math.round(768 * scale)));
  const reviews: Review[] = [];
  orders.forEach((order, o) => {
    if (!unreviewed.has(o)) reviews.push(review(rng, order, o));
  });
  const base = reviews.length;
  for (let k = base; k < total; k++) {
    const original = reviews[rng.int(base)];
    if (rng.chance(0.6)) {
      reviews.push({ ...original, order: rng.int(orders.length) });
    } else {
      const second = review(rng, orders[original.order], original.order);
      second.created = Math.max(second.created, original.answered - (original.answered % DAY) + DAY);
      second.answered = second.created + rng.exponential(2 * DAY);
      reviews.push(second);
    }
  }
  return rng.shuffle(reviews);
}

function review(rng: Rng, order: Order, index: number): Review {
  const table = order.delivered === null ? UNDELIVERED : order.late ? LATE : ON_TIME;
  const score = 1 + table.draw(rng);
  const after = order.delivered ?? order.estimated + rng.int(8) * DAY;
  const created = Math.max(Math.floor(after / DAY) + rng.int(2), Math.floor(order.purchase / DAY) + 1) * DAY;
  return {
    id: rng.hexId(),
    order: index,
    score,
    title: reviewTitle(rng, score),
    message: reviewMessage(rng, score),
    created,
    answered: created + rng.exponential(2.5 * DAY) + rng.int(DAY),
  };
}
