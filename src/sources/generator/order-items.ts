import type { Product } from './catalog';
import type { GeoModel } from './geo-model';
import type { Order } from './orders';
import type { Seller } from './parties';
import { Rng, WeightedIndex } from './rng';
import { DAY } from './time';

/** One row of the order items file. */
export interface Item {
  product: number;
  seller: number;
  price: number;
  freight: number;
  shippingLimit: number;
}

const STATUS_WITHOUT_ITEMS = ['unavailable', 'canceled', 'created'];

/**
 * Items per order: `totalItems` in all; about 0.8% of orders (mostly unavailable or canceled)
 * have none, ~10% have several — often the same product again, usually from the same seller.
 */
export function makeItems(
  rng: Rng,
  geo: GeoModel,
  orders: Order[],
  products: Product[],
  sellers: Seller[],
  totalItems: number,
  scale: number,
): Item[][] {
  const counts = new Int32Array(orders.length).fill(1);
  const without = Math.round(775 * scale);
  let removed = 0;
  for (const status of STATUS_WITHOUT_ITEMS) {
    for (let i = 0; i < orders.length && removed < without; i++) {
      if (orders[i].status === status && counts[i] === 1) {
        counts[i] = 0;
        removed++;
      }
    }
  }
  for (let i = 0; removed < without && i < orders.length; i++) {
    if (counts[i] === 1 && orders[i].status !== 'delivered') {
      counts[i] = 0;
      removed++;
    }
  }
  const withItems = [...counts.keys()].filter((i) => counts[i] > 0);
  const extra = totalItems - withItems.length;
  const several = rng.shuffle(withItems).slice(0, Math.min(extra, Math.round(9803 * scale)));
  for (const i of several) counts[i]++;
  for (let k = several.length; k < extra; k++) counts[several[rng.int(several.length)] ?? withItems[0]]++;

  const popular = new WeightedIndex(products.map((p) => p.popularity));
  return orders.map((order, i) => {
    const items: Item[] = [];
    for (let n = 0; n < counts[i]; n++) {
      const productIndex = n > 0 && rng.chance(0.65) ? items[n - 1].product : popular.draw(rng);
      const product = products[productIndex];
      items.push({
        product: productIndex,
        seller: product.seller,
        price: product.price,
        freight: freight(rng, geo, product, sellers[product.seller].zip, order.zip),
        shippingLimit: (order.approved ?? order.purchase) + 6 * DAY + rng.normal() * 0.8 * DAY,
      });
    }
    return items;
  });
}

function freight(rng: Rng, geo: GeoModel, product: Product, from: number, to: number): number {
  const kg = (product.dims?.weight ?? 500) / 1000;
  const sameState = geo.zips[from].state === geo.zips[to].state;
  const base = 7 + kg * 1.7 + (sameState ? 0 : 7 + Math.abs(geo.zips[from].lat - geo.zips[to].lat) * 0.6);
  return Math.max(0, Math.round(base * rng.lognormal(1, 0.25) * 100) / 100);
}
