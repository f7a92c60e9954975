import type { Rng } from '../generator/rng';
import type { SimulatorCatalog } from './catalog';
import { uuid, type EventFields } from './event-line';
import type { SimulatorPools } from './pools';

/** Builds the events of one visit. */
export class SessionMaker {
  constructor(
    private readonly catalog: SimulatorCatalog,
    private readonly pools: SimulatorPools,
  ) {}

  /**
   * A visit that buys nothing: a landing page, then down the funnel with drop-off at each step
   * (product views, add to cart, sometimes a removal, sometimes a checkout that is abandoned).
   */
  browse(rng: Rng, start: number): EventFields[] {
    const { customers, products } = this.catalog;
    const user = customers.length > 0 && rng.chance(0.35) ? rng.pick(customers) : null;
    const visit = this.visit(rng, user);
    let t = start;
    const events = [visit('page_view', t, null, null, this.landingPage(rng))];
    if (products.length === 0 || !rng.chance(0.62)) return events;
    const cart: string[] = [];
    const views = 1 + Math.floor(rng.exponential(1.1));
    for (let v = 0; v < views; v++) {
      const p = rng.int(products.length);
      t += 15 + rng.exponential(70);
      events.push(visit('product_view', t, products[p], null, `/produto/${products[p]}`));
      if (rng.chance(0.22)) {
        t += 5 + rng.exponential(30);
        events.push(visit('add_to_cart', t, products[p], null, '/carrinho'));
        cart.push(products[p]);
      }
    }
    if (cart.length > 0 && rng.chance(0.15)) {
      t += 10 + rng.exponential(40);
      events.push(visit('remove_from_cart', t, cart.pop()!, null, '/carrinho'));
    }
    if (cart.length > 0 && rng.chance(0.35)) {
      t += 20 + rng.exponential(60);
      events.push(visit('begin_checkout', t, null, null, '/checkout'));
    }
    return events;
  }

  /** The visit in which order `index` was placed: it ends with the purchase at the order's time. */
  purchase(rng: Rng, index: number): EventFields[] {
    const { orderIds, orderCustomers, orderTimes, orderProducts } = this.catalog;
    const visit = this.visit(rng, orderCustomers[index]);
    const bought = orderProducts[index] === '' ? [] : [...new Set(orderProducts[index].split(','))];
    const at = orderTimes[index];
    const checkout = at - 60 - rng.int(240);
    let t = checkout - 120 - bought.length * 90 - rng.int(1800);
    const events = [visit('page_view', t, null, null, this.landingPage(rng))];
    for (const product of bought) {
      t += 20 + rng.int(60);
      events.push(visit('product_view', t, product, null, `/produto/${product}`));
      t += 5 + rng.int(25);
      events.push(visit('add_to_cart', t, product, null, '/carrinho'));
    }
    events.push(visit('begin_checkout', checkout, null, null, '/checkout'));
    events.push(visit('purchase', at, null, orderIds[index], '/pedido/confirmado'));
    return events;
  }

  private visit(rng: Rng, user: string | null) {
    const session = uuid(rng);
    const device = this.pools.devices[this.pools.deviceIndex.draw(rng)];
    const channel = this.pools.channels[this.pools.channelIndex.draw(rng)];
    return (
      type: string,
      ts: number,
      product: string | null,
      order: string | null,
      page: string,
    ): EventFields => ({
      id: uuid(rng),
      type,
      ts,
      session,
      user,
      product,
      order,
      device,
      channel,
      page,
    });
  }

  private landingPage(rng: Rng): string {
    const r = rng.float();
    if (r < 0.35) return '/';
    if (r < 0.6) return rng.pick(this.pools.searchPages);
    if (r < 0.7) return rng.pick(this.pools.campaignPages);
    const { productCategories } = this.catalog;
    const category = productCategories.length > 0 ? productCategories[rng.int(productCategories.length)] : '';
    return this.pools.categoryPages.get(category) ?? '/';
  }
}
