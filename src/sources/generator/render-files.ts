import { STATES } from './brazil';
import type { Product } from './catalog';
import { TRANSLATED_CATEGORIES } from './categories';
import {
  CsvTextWriter,
  idField,
  money,
  quoted,
  quotedHeader,
  quotedIfDigit,
  quotedIfNeeded,
} from './csv-text';
import type { GeoModel } from './geo-model';
import type { Item } from './order-items';
import type { Order } from './orders';
import type { Customer, Seller } from './parties';
import type { Payment } from './payments';
import type { Review } from './reviews';
import { Rng } from './rng';
import { TextBytes } from './text-bytes';
import { formatMidnight, formatTs } from './time';
import { OLIST_FILES } from '../olist-files';

// Each file is written with the quirks of the real one (CONTRACT.md §1): quoted headers, ids and
// names quoted when they start with a digit, zips always quoted, numbers and timestamps never.

const header = (name: string) => quotedHeader(OLIST_FILES.find((f) => f.fileName === name)!.columns);
const ts = (t: number | null) => (t === null ? '' : formatTs(t));

/** The orders file, in random order like the real one. */
export function renderOrders(rng: Rng, orders: Order[]): Uint8Array {
  const out = new CsvTextWriter(header('olist_orders_dataset.csv'), {}, orders.length * 180);
  for (const i of rng.shuffle([...orders.keys()])) {
    const o = orders[i];
    out.line(
      `${idField(o.id)},${idField(o.customerId)},${o.status},${formatTs(o.purchase)},${ts(o.approved)},${ts(o.carrier)},${ts(o.delivered)},${formatMidnight(o.estimated)}`,
    );
  }
  return out.finish();
}

/** The customers file: one row per order's customer_id, with the address at that time. */
export function renderCustomers(rng: Rng, geo: GeoModel, orders: Order[], customers: Customer[]): Uint8Array {
  const out = new CsvTextWriter(header('olist_customers_dataset.csv'), {}, orders.length * 92);
  for (const i of rng.shuffle([...orders.keys()])) {
    const o = orders[i];
    const zip = geo.zips[o.zip];
    out.line(
      `${idField(o.customerId)},${idField(customers[o.customer].uniqueId)},${quoted(zip.prefix)},${quotedIfDigit(geo.cityName(zip))},${STATES[zip.state].code}`,
    );
  }
  return out.finish();
}

/** The items file, sorted by order_id like the real one. */
export function renderItems(
  orders: Order[],
  items: Item[][],
  products: Product[],
  sellers: Seller[],
): Uint8Array {
  const out = new CsvTextWriter(header('olist_order_items_dataset.csv'), {}, orders.length * 156);
  const ids = orders.map((o) => o.id);
  const byId = [...orders.keys()].sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
  for (const o of byId) {
    const id = idField(orders[o].id);
    items[o].forEach((it, n) => {
      out.line(
        `${id},${n + 1},${idField(products[it.product].id)},${idField(sellers[it.seller].id)},${formatTs(it.shippingLimit)},${money(it.price)},${money(it.freight)}`,
      );
    });
  }
  return out.finish();
}

/** The payments file. */
export function renderPayments(orders: Order[], payments: Payment[]): Uint8Array {
  const out = new CsvTextWriter(header('olist_order_payments_dataset.csv'), {}, payments.length * 57);
  for (const p of payments) {
    out.line(`${idField(orders[p.order].id)},${p.sequential},${p.type},${p.installments},${money(p.value)}`);
  }
  return out.finish();
}

/** The reviews file: CRLF line ends, ids always quoted, comments quoted when they must be. */
export function renderReviews(orders: Order[], reviews: Review[]): Uint8Array {
  const out = new CsvTextWriter(
    header('olist_order_reviews_dataset.csv'),
    { crlf: true },
    reviews.length * 135,
  );
  for (const r of reviews) {
    const title = r.title === null ? '' : quotedIfNeeded(r.title);
    const message = r.message === null ? '' : quotedIfNeeded(r.message);
    out.line(
      `${quoted(r.id)},${quoted(orders[r.order].id)},${r.score},${title},${message},${formatMidnight(r.created)},${formatTs(r.answered)}`,
    );
  }
  return out.finish();
}

/** The products file; a product without a category has no name, description or photo counts. */
export function renderProducts(products: Product[]): Uint8Array {
  const out = new CsvTextWriter(header('olist_products_dataset.csv'), {}, products.length * 73);
  for (const p of products) {
    const described = p.category === null ? ',,,' : `${p.nameLength},${p.descriptionLength},${p.photos},`;
    const dims = p.dims ? `${p.dims.weight},${p.dims.length},${p.dims.height},${p.dims.width}` : ',,,';
    out.line(`${idField(p.id)},${p.category ?? ''},${described}${dims}`);
  }
  return out.finish();
}

/** The sellers file. */
export function renderSellers(geo: GeoModel, sellers: Seller[]): Uint8Array {
  const out = new CsvTextWriter(header('olist_sellers_dataset.csv'), {}, sellers.length * 58);
  for (const s of sellers) {
    const zip = geo.zips[s.zip];
    out.line(
      `${idField(s.id)},${quoted(zip.prefix)},${quotedIfDigit(geo.cityName(zip))},${STATES[zip.state].code}`,
    );
  }
  return out.finish();
}

/** The geolocation file: many rows per zip prefix, sorted by prefix, a few city names accented. */
export function renderGeolocation(rng: Rng, geo: GeoModel, rows: number): Uint8Array {
  const out = new TextBytes(rows * 62);
  out.write(`${header('olist_geolocation_dataset.csv')}\n`);
  const zips = [...geo.zips.keys()].sort((a, b) => (geo.zips[a].prefix < geo.zips[b].prefix ? -1 : 1));
  const weights = zips.map(() => rng.lognormal(1, 0.9));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const spare = rows - zips.length;
  const counts = weights.map((w) => 1 + Math.floor((w / weightSum) * spare));
  let left = rows - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k = (k + 1) % counts.length, left--) counts[k]++;
  const encoder = new TextEncoder();
  const comma = encoder.encode(',');
  // A million rows: written as bytes (prefix, two coordinates, city and state), no string per row.
  zips.forEach((z, k) => {
    const zip = geo.zips[z];
    const prefix = encoder.encode(`${quoted(zip.prefix)},`);
    const tail = encoder.encode(`,${quotedIfDigit(geo.cityName(zip))},${STATES[zip.state].code}\n`);
    const accentedTail = encoder.encode(
      `,${quotedIfDigit(geo.accentedCityName(zip))},${STATES[zip.state].code}\n`,
    );
    for (let r = 0; r < counts[k]; r++) {
      out.writeBytes(prefix);
      out.writeCoordinate(zip.lat + rng.bell() * 0.004);
      out.writeBytes(comma);
      out.writeCoordinate(zip.lng + rng.bell() * 0.004);
      out.writeBytes(rng.chance(0.03) ? accentedTail : tail);
    }
  });
  return out.finish();
}

/** The translation file: unquoted header, a byte-order mark, CRLF and no final newline. */
export function renderTranslation(): Uint8Array {
  const out = new CsvTextWriter('product_category_name,product_category_name_english', {
    bom: true,
    crlf: true,
    finalNewline: false,
  });
  for (const [pt, en] of TRANSLATED_CATEGORIES) out.line(`${pt},${en}`);
  return out.finish();
}
