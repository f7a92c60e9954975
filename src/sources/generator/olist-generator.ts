import { LakehouseError } from '../../engine/errors';
import { makeProducts } from './catalog';
import { GeoModel } from './geo-model';
import { makeItems } from './order-items';
import { makeOrders } from './orders';
import { makeCustomers, makeSellers } from './parties';
import { makePayments } from './payments';
import {
  renderCustomers,
  renderGeolocation,
  renderItems,
  renderOrders,
  renderPayments,
  renderProducts,
  renderReviews,
  renderSellers,
  renderTranslation,
} from './render-files';
import { makeReviews } from './reviews';
import { Rng } from './rng';

/** Sizes of the real data set: scale 1.0. */
export const REAL_SIZES = {
  orders: 99_441,
  uniqueCustomers: 96_096,
  repeatCustomers: 2_997,
  items: 112_650,
  payments: 103_886,
  reviews: 99_224,
  products: 32_951,
  sellers: 3_095,
  geolocation: 1_000_163,
  zipPrefixes: 19_015,
} as const;

/** What to generate. */
export interface GenerateOptions {
  /** 0.01 to 1.0; 1.0 is the real size. */
  scale: number;
  seed: number | string;
}

/** One generated CSV, named like the Kaggle file. */
export interface GeneratedFile {
  name: string;
  bytes: Uint8Array;
}

/** Row counts at a scale (the translation file always has its 71 rows). */
export function sizesAt(scale: number): Record<keyof typeof REAL_SIZES, number> {
  const sizes = {} as Record<keyof typeof REAL_SIZES, number>;
  for (const [key, value] of Object.entries(REAL_SIZES)) {
    sizes[key as keyof typeof REAL_SIZES] = Math.max(1, Math.round(value * scale));
  }
  return sizes;
}

/**
 * Generate the nine Olist CSVs, seeded: the same options always give the same bytes. Files come
 * out one at a time (so a worker can hand each over and forget it); `onStep` is told before each.
 */
export function* generateOlist(
  options: GenerateOptions,
  onStep: (step: string, index: number, total: number) => void = () => {},
): Generator<GeneratedFile> {
  const { scale, seed } = options;
  if (!(scale >= 0.01 && scale <= 1)) {
    throw new LakehouseError(
      'InvalidScale',
      `The scale must be between 0.01 and 1.0 (1.0 is the real size); got ${scale}.`,
    );
  }
  const n = sizesAt(scale);
  const total = 10;
  onStep('Modelling customers, sellers, products and orders', 0, total);
  const geo = new GeoModel(new Rng(seed, 'geo'), n.zipPrefixes);
  const customers = makeCustomers(
    new Rng(seed, 'customers'),
    geo,
    n.orders,
    n.uniqueCustomers,
    n.repeatCustomers,
  );
  const sellers = makeSellers(new Rng(seed, 'sellers'), geo, n.sellers);
  const products = makeProducts(new Rng(seed, 'products'), sellers, n.products);
  const orders = makeOrders(new Rng(seed, 'orders'), geo, customers, n.orders, scale);
  const items = makeItems(new Rng(seed, 'items'), geo, orders, products, sellers, n.items, scale);
  const files: Array<[string, () => Uint8Array]> = [
    [
      'olist_customers_dataset.csv',
      () => renderCustomers(new Rng(seed, 'customer-rows'), geo, orders, customers),
    ],
    [
      'olist_geolocation_dataset.csv',
      () => renderGeolocation(new Rng(seed, 'geolocation'), geo, n.geolocation),
    ],
    ['olist_order_items_dataset.csv', () => renderItems(orders, items, products, sellers)],
    [
      'olist_order_payments_dataset.csv',
      () => renderPayments(orders, makePayments(new Rng(seed, 'payments'), orders, items, n.payments, scale)),
    ],
    [
      'olist_order_reviews_dataset.csv',
      () => renderReviews(orders, makeReviews(new Rng(seed, 'reviews'), orders, n.reviews, scale)),
    ],
    ['olist_orders_dataset.csv', () => renderOrders(new Rng(seed, 'order-rows'), orders)],
    ['olist_products_dataset.csv', () => renderProducts(products)],
    ['olist_sellers_dataset.csv', () => renderSellers(geo, sellers)],
    ['product_category_name_translation.csv', () => renderTranslation()],
  ];
  for (const [k, [name, render]] of files.entries()) {
    onStep(`Writing ${name}`, k + 1, total);
    yield { name, bytes: render() };
  }
}
