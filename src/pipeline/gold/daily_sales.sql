-- gold.daily_sales: one row per purchase date with a valid order (status not canceled or
-- unavailable). Items and payments are summed per order before the join, so an order with two
-- items and two payments counts each once (no fan-out).

with

orders as (
    select * from silver.orders
),

order_items as (
    select * from silver.order_items
),

payments as (
    select * from silver.payments
),

valid_orders as (
    select
        order_id,
        cast(purchase_ts as date) as order_date
    from orders
    where order_status not in ('canceled', 'unavailable')
        and purchase_ts is not null
),

items_per_order as (
    select
        order_id,
        count(*) as items,
        sum(price) as gmv,
        sum(freight_value) as freight
    from order_items
    group by order_id
),

payments_per_order as (
    select
        order_id,
        sum(payment_value) as payments
    from payments
    group by order_id
),

final as (
    select
        valid_orders.order_date,
        -- counts
        count(*) as orders,
        coalesce(sum(items_per_order.items), 0) as items,
        -- amounts
        cast(coalesce(sum(items_per_order.gmv), 0) as decimal(18, 2)) as gmv,
        cast(coalesce(sum(items_per_order.freight), 0) as decimal(18, 2)) as freight,
        cast(coalesce(sum(payments_per_order.payments), 0) as decimal(18, 2)) as payments,
        coalesce(sum(payments_per_order.payments), 0) / count(*) as avg_order_value
    from valid_orders
    left join items_per_order
        on items_per_order.order_id = valid_orders.order_id
    left join payments_per_order
        on payments_per_order.order_id = valid_orders.order_id
    group by valid_orders.order_date
)

select * from final
