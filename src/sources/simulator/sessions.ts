import type { Rng } from '../generator/rng';
import type { SimulatorCatalog } from './catalog';
import { jsonLiteral, uuid, visitOf, type SimulatedEvent } from './event-line';
import type { SimulatorPools } from './pools';

const NULL = 'null';
const CART = jsonLiteral('/carrinho');
const CHECKOUT = jsonLiteral('/checkout');
const CONFIRMED = jsonLiteral('/pedido/confirmado');

/** Builds the events of one visit, from the catalog turned into JSON literals once. */
export class SessionMaker {
  private readonly customers: string[];
  private readonly products: string[];
  private readonly productPages: string[];
  private readonly productIndex: Map<string, number>;
  private readonly orderIds: string[];
  private readonly orderCustomers: string[];
  private readonly categoryPages: string[];

  constructor(
    private readonly catalog: SimulatorCatalog,
    private readonly pools: SimulatorPools,
  ) {
    this.customers = catalog.customers.map(jsonLiteral);
    this.products = catalog.products.map(jsonLiteral);
    this.productPages = catalog.products.map((p) => jsonLiteral(`/produto/${p}`));
    this.productIndex = new Map(catalog.products.map((p, i) => [p, i]));
    this.orderIds = catalog.orderIds.map(jsonLiteral);
    this.orderCustomers = catalog.orderCustomers.map(jsonLiteral);
    this.categoryPages = catalog.productCategories.map((c) => jsonLiteral(c ? `/categoria/${c}` : '/'));
  }

  /**
   * A visit that buys nothing: a landing page, then down the funnel with drop-off at each step
   * (product views, add to cart, sometimes a removal, sometimes a checkout that is abandoned).
   */
  browse(rng: Rng, start: number): SimulatedEvent[] {
    const user = this.customers.length > 0 && rng.chance(0.35) ? rng.pick(this.customers) : NULL;
    const event = this.visit(rng, user);
    let t = start;
    const events = [event('page_view', t, NULL, NULL, this.landingPage(rng))];
    const count = this.products.length;
    if (count === 0 || !rng.chance(0.62)) return events;
    const cart: number[] = [];
    const views = 1 + Math.floor(rng.exponential(1.1));
    for (let v = 0; v < views; v++) {
      const p = rng.int(count);
      t += 15 + rng.exponential(70);
      events.push(event('product_view', t, this.products[p], NULL, this.productPages[p]));
      if (rng.chance(0.22)) {
        t += 5 + rng.exponential(30);
        events.push(event('add_to_cart', t, this.products[p], NULL, CART));
        cart.push(p);
      }
    }
    if (cart.length > 0 && rng.chance(0.15)) {
      t += 10 + rng.exponential(40);
      events.push(event('remove_from_cart', t, this.products[cart.pop()!], NULL, CART));
    }
    if (cart.length > 0 && rng.chance(0.35)) {
      t += 20 + rng.exponential(60);
      events.push(event('begin_checkout', t, NULL, NULL, CHECKOUT));
    }
    return events;
  }

  /** The visit in which order `index` was placed: it ends with the purchase at the order's time. */
  purchase(rng: Rng, index: number): SimulatedEvent[] {
    const { orderTimes, orderProducts } = this.catalog;
    const event = this.visit(rng, this.orderCustomers[index]);
    const bought = orderProducts[index] === '' ? [] : [...new Set(orderProducts[index].split(','))];
    const at = orderTimes[index];
    const checkout = at - 60 - rng.int(240);
    let t = checkout - 120 - bought.length * 90 - rng.int(1800);
    const events = [event('page_view', t, NULL, NULL, this.landingPage(rng))];
    for (const product of bought) {
      const p = this.productIndex.get(product);
      const literal = p === undefined ? jsonLiteral(product) : this.products[p];
      const page = p === undefined ? jsonLiteral(`/produto/${product}`) : this.productPages[p];
      t += 20 + rng.int(60);
      events.push(event('product_view', t, literal, NULL, page));
      t += 5 + rng.int(25);
      events.push(event('add_to_cart', t, literal, NULL, CART));
    }
    events.push(event('begin_checkout', checkout, NULL, NULL, CHECKOUT));
    events.push(event('purchase', at, NULL, this.orderIds[index], CONFIRMED));
    return events;
  }

  private visit(rng: Rng, user: string) {
    const { devices, deviceIndex, channels, channelIndex } = this.pools;
    const visit = visitOf(uuid(rng), user, devices[deviceIndex.draw(rng)], channels[channelIndex.draw(rng)]);
    return (type: string, ts: number, product: string, order: string, page: string): SimulatedEvent => ({
      id: uuid(rng),
      type,
      ts,
      visit,
      product,
      order,
      page,
    });
  }

  private landingPage(rng: Rng): string {
    const r = rng.float();
    if (r < 0.35) return '"/"';
    if (r < 0.6) return rng.pick(this.pools.searchPages);
    if (r < 0.7) return rng.pick(this.pools.campaignPages);
    return this.categoryPages.length > 0 ? rng.pick(this.categoryPages) : '"/"';
  }
}
