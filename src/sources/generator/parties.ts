import type { GeoModel } from './geo-model';
import { Rng } from './rng';

/** A person who buys (customer_unique_id) and the zips they lived at. */
export interface Customer {
  uniqueId: string;
  home: number;
  /** Orders placed; more than one for repeat customers. */
  orders: number;
  /** For some repeat customers: the zip they move to after their first order. */
  movedTo?: number;
  /** A → B → A: back at the first address for the third order. */
  movesBack?: boolean;
}

/** A seller and its popularity (share of items it sells). */
export interface Seller {
  id: string;
  zip: number;
  popularity: number;
}

/**
 * The customers behind `orderCount` orders: `uniqueCount` people, of whom `repeatCount` ordered
 * more than once (about 3%); a tenth of repeat customers move between orders (SCD2 material).
 */
export function makeCustomers(
  rng: Rng,
  geo: GeoModel,
  orderCount: number,
  uniqueCount: number,
  repeatCount: number,
): Customer[] {
  const customers: Customer[] = [];
  for (let i = 0; i < uniqueCount; i++)
    customers.push({ uniqueId: rng.hexId(), home: geo.customerZip(rng), orders: 1 });
  const extra = orderCount - uniqueCount;
  const repeaters = Math.min(repeatCount, extra, uniqueCount);
  for (let k = 0; k < repeaters; k++) customers[k].orders++;
  for (let k = repeaters; k < extra; k++) customers[rng.int(Math.max(1, repeaters))].orders++;
  for (let k = 0; k < repeaters; k++) {
    if (!rng.chance(0.12)) continue;
    const customer = customers[k];
    customer.movedTo = rng.chance(0.7) ? neighbourZip(rng, geo, customer.home) : geo.customerZip(rng);
    customer.movesBack = customer.orders >= 3 && rng.chance(0.4);
  }
  return rng.shuffle(customers);
}

/** The zip a customer lives at for their n-th order (0-based). */
export function addressAt(customer: Customer, n: number): number {
  if (customer.movedTo === undefined || n === 0) return customer.home;
  if (customer.movesBack && n >= 2) return customer.home;
  return customer.movedTo;
}

/** Sellers with a long-tailed popularity: a few sell thousands of items, most a handful. */
export function makeSellers(rng: Rng, geo: GeoModel, count: number): Seller[] {
  return Array.from({ length: count }, () => ({
    id: rng.hexId(),
    zip: geo.sellerZip(rng),
    popularity: rng.lognormal(1, 1.6),
  }));
}

function neighbourZip(rng: Rng, geo: GeoModel, zip: number): number {
  const state = geo.byState[geo.zips[zip].state];
  const others = state.filter((z) => z !== zip);
  return others.length > 0 ? rng.pick(others) : zip;
}
