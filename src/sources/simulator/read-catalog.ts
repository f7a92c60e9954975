import { LakehouseError } from '../../engine/errors';
import type { SqlEngine } from '../../engine/types';
import type { LakeApi } from '../../lake/lake-api';
import type { SimulatorCatalog } from './catalog';

const NEEDED = [
  'bronze.olist_orders',
  'bronze.olist_customers',
  'bronze.olist_order_items',
  'bronze.olist_products',
];

/**
 * The simulator's catalog from Bronze: distinct customers and products, and every order with its
 * buyer's customer_unique_id, purchase time and items, in purchase order. Bronze is the truth
 * the pipeline builds on, so purchase events always name orders the pipeline knows.
 */
export async function readCatalog(lake: LakeApi, engine: SqlEngine): Promise<SimulatorCatalog> {
  const missing: string[] = [];
  for (const table of NEEDED) if ((await lake.latestVersion(table)) < 0) missing.push(table);
  if (missing.length > 0) {
    throw new LakehouseError(
      'NoOlistData',
      `The simulator needs the Olist customers, products and orders, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty: upload the Olist files or generate them first.`,
      { missing },
    );
  }
  for (const table of NEEDED) await lake.ensureLoaded(table);
  const customers = await engine.query<{ id: string }>(
    `select distinct customer_unique_id as id from bronze.olist_customers where customer_unique_id is not null order by 1`,
  );
  const products = await engine.query<{ id: string; category: string }>(
    `select product_id as id, coalesce(min(product_category_name), '') as category
     from bronze.olist_products where product_id is not null group by 1 order by 1`,
  );
  const orders = await engine.query<{ id: string; customer: string | null; t: number; products: string }>(
    `with o as (
       select order_id, min(customer_id) as customer_id,
              epoch(min(try_cast(order_purchase_timestamp as timestamp)))::double as t
       from bronze.olist_orders where order_id is not null group by 1
     ),
     c as (select customer_id, min(customer_unique_id) as unique_id from bronze.olist_customers group by 1),
     i as (
       select order_id, string_agg(product_id, ',' order by try_cast(order_item_id as integer)) as products
       from (select distinct order_id, order_item_id, product_id from bronze.olist_order_items where product_id is not null)
       group by 1
     )
     select o.order_id as id, c.unique_id as customer, o.t as t, coalesce(i.products, '') as products
     from o left join c using (customer_id) left join i using (order_id)
     where o.t is not null
     order by o.t, o.order_id`,
  );
  return {
    customers: customers.map((r) => r.id),
    products: products.map((r) => r.id),
    productCategories: products.map((r) => r.category),
    orderIds: orders.map((r) => r.id),
    orderCustomers: orders.map((r) => r.customer),
    orderTimes: orders.map((r) => r.t),
    orderProducts: orders.map((r) => r.products),
  };
}
