/**
 * What the simulator knows about the shop: the loaded customers, products and orders, read from
 * Bronze by the engine worker (distinct values, so a file ingested under two names counts once).
 * Plain arrays, so it crosses a worker boundary cheaply.
 */
export interface SimulatorCatalog {
  /** customer_unique_id of every loaded customer. */
  customers: string[];
  /** product_id of every loaded product, and its category ('' when it has none). */
  products: string[];
  productCategories: string[];
  /** Orders in purchase-time order: id, the buyer's customer_unique_id (null when unknown), epoch seconds. */
  orderIds: string[];
  orderCustomers: Array<string | null>;
  orderTimes: number[];
  /** Product ids of each order's items, comma-separated ('' for an order without items). */
  orderProducts: string[];
}

/** Which faults to inject, as shares of events (0 for none). */
export interface SimulatorFaults {
  /** The same event delivered twice (same event_id). */
  duplicateRate: number;
  /** An event held back and delivered one to three batches later. */
  lateRate: number;
  /** A line cut short, so it is not valid JSON (never a purchase). */
  malformedRate: number;
  /** From this batch number of the run on (1-based), events carry a new field, `app_version`; null for never. */
  newFieldFromBatch: number | null;
}

/** No faults at all. */
export const NO_FAULTS: SimulatorFaults = {
  duplicateRate: 0,
  lateRate: 0,
  malformedRate: 0,
  newFieldFromBatch: null,
};

/** Faults a demo shows: a few of each, and the new field from the second batch on. */
export const DEMO_FAULTS: SimulatorFaults = {
  duplicateRate: 0.01,
  lateRate: 0.01,
  malformedRate: 0.002,
  newFieldFromBatch: 2,
};

/** Where the simulated timeline stands, kept between runs. */
export interface SimulatorPosition {
  /** Epoch seconds the simulated clock has reached. */
  clock: number;
  /** Index of the next order to purchase. */
  nextOrder: number;
}

/** SQL epoch seconds of an Olist timestamp text, read as UTC. */
export function olistTimeToEpoch(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}
