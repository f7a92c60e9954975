-- gold.category_monthly: one row per (month, category) over the items of valid orders.
-- category is the English name ('unknown' when the product has no category or is not in
-- silver.products); month is the first day of the purchase month.

with

orders as (
    select * from silver.orders
),

order_items as (
    select * from silver.order_items
),

products as (
    select * from silver.products
),

valid_orders as (
    select
        order_id,
        cast(date_trunc('month', purchase_ts) as date) as month
    from orders
    where order_status not in ('canceled', 'unavailable')
        and purchase_ts is not null
),

items as (
    select
        valid_orders.month,
        coalesce(products.category_en, 'unknown') as category,
        order_items.order_id,
        order_items.price
    from order_items
    inner join valid_orders
        on valid_orders.order_id = order_items.order_id
    left join products
        on products.product_id = order_items.product_id
),

final as (
    select
        month,
        category,
        count(distinct order_id) as orders,
        count(*) as items,
        cast(coalesce(sum(price), 0) as decimal(18, 2)) as gmv
    from items
    group by month, category
)

select * from final
